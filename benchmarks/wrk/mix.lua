-- wrk script: the long-run mix for the memory benchmark. Each thread cycles through
--   an OPAQUE password grant, an API call (GET /orders with the given OPAQUE token), ...
-- and replaces one request in every JWT_EVERY with a JWT password grant (0: no JWT grant).
-- A JWT grant signs a new token and revokes the previous one, so it is kept to a small share.
--
--   wrk -t2 -c64 -d30s -s benchmarks/wrk/mix.lua http://127.0.0.1:PORT -- \
--       OPAQUE_ID OPAQUE_SECRET JWT_ID JWT_SECRET ACCESS_TOKEN JWT_EVERY
--
-- Every answer that is not 200 is counted (see common.lua).
dofile(debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") .. "common.lua")

local opaque_grant, jwt_grant, api
local jwt_every = 0
local n = 0

function init(args)
  if #args < 6 then
    error("usage: wrk ... -s mix.lua URL -- OPAQUE_ID OPAQUE_SECRET JWT_ID JWT_SECRET ACCESS_TOKEN JWT_EVERY")
  end
  opaque_grant = password_grant(args[1], args[2], "admin", "admin")
  jwt_grant = password_grant(args[3], args[4], "admin", "admin")
  api = api_call("/orders", args[5])
  jwt_every = tonumber(args[6]) or 0
end

function request()
  n = n + 1
  if jwt_every > 0 and n % jwt_every == 0 then
    return jwt_grant
  elseif n % 2 == 0 then
    return opaque_grant
  else
    return api
  end
end
