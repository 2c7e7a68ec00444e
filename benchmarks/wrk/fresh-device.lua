-- wrk script: password grants that each ask for a scope never seen before, device_<run>_<thread>_<n>,
-- so every request makes a new token key, as a long QA run with fresh device ids does.
--
--   wrk -t2 -c64 -d10s -s benchmarks/wrk/fresh-device.lua http://127.0.0.1:PORT -- CLIENT_ID CLIENT_SECRET RUN
--
-- RUN makes the ids of one wrk run differ from every other run's. Every answer that is not 200 is
-- counted (see common.lua).
dofile(debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") .. "common.lua")

local common_setup = setup
local next_thread = 0

function setup(thread)
  common_setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_id", next_thread)
end

local headers
local prefix
local counter = 0

function init(args)
  local client_id, client_secret, run = args[1], args[2], args[3]
  if not client_id or not client_secret or not run then
    error("usage: wrk ... -s fresh-device.lua URL -- CLIENT_ID CLIENT_SECRET RUN")
  end
  headers = {
    ["Authorization"] = "Basic " .. base64(client_id .. ":" .. client_secret),
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
  }
  -- The start time too, so that two runs given the same RUN still never repeat an id.
  prefix = "grant_type=password&username=admin&password=admin&scope=device_" .. run .. "_" .. os.time() .. "_"
    .. thread_id .. "_"
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/oauth2/token", headers, prefix .. counter)
end
