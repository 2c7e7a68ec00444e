-- wrk script: the OAuth2 password grant, POST /oauth2/token, with HTTP Basic client authentication.
--
--   wrk -t2 -c64 -d10s -s benchmarks/wrk/token.lua http://127.0.0.1:PORT -- CLIENT_ID CLIENT_SECRET [USERNAME PASSWORD]
--
-- USERNAME and PASSWORD default to admin/admin (the gateway's default user). Every answer that is
-- not 200 is counted (see common.lua).
dofile(debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") .. "common.lua")

local req

function init(args)
  local client_id, client_secret = args[1], args[2]
  if not client_id or not client_secret then
    error("usage: wrk ... -s token.lua URL -- CLIENT_ID CLIENT_SECRET [USERNAME PASSWORD]")
  end
  req = password_grant(client_id, client_secret, args[3] or "admin", args[4] or "admin")
end

function request()
  return req
end
