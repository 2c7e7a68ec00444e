-- wrk script: a protected API call, GET PATH with "Authorization: Bearer ACCESS_TOKEN".
--
--   wrk -t2 -c64 -d10s -s benchmarks/wrk/api.lua http://127.0.0.1:PORT -- ACCESS_TOKEN [PATH]
--
-- PATH defaults to /orders. Every answer that is not 200 is counted (see common.lua).
dofile(debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") .. "common.lua")

local req

function init(args)
  local access_token = args[1]
  if not access_token or access_token == "" then
    error("usage: wrk ... -s api.lua URL -- ACCESS_TOKEN [PATH]")
  end
  req = api_call(args[2] or "/orders", access_token)
end

function request()
  return req
end
