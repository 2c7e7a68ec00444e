-- Shared by the gateway wrk scripts (token.lua, api.lua, mix.lua), loaded with dofile.
--
-- Checks every response: counts the answers that are not 200 in each thread and, at the end,
-- prints one line that benchmarks/run parses:
--   wrk-lua requests=N non200=N connect_errors=N read_errors=N write_errors=N timeouts=N p50_ms=X p99_ms=X
-- and, when some answer was not 200, the first one seen (status and the start of its body):
--   wrk-lua first_non200=401 {"code":"900901",...}

local threads = {}

-- Main-thread environment: remember every thread to read its counters in done().
function setup(thread)
  table.insert(threads, thread)
end

-- Per-thread counters (each wrk thread has its own Lua state).
non200 = 0
first_non200 = ""

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
    if first_non200 == "" then
      local sample = (body or ""):sub(1, 200):gsub("%s+", " ")
      first_non200 = status .. " " .. sample
    end
  end
end

function done(summary, latency, requests)
  local bad, first = 0, ""
  for _, thread in ipairs(threads) do
    bad = bad + (thread:get("non200") or 0)
    local sample = thread:get("first_non200") or ""
    if first == "" and sample ~= "" then first = sample end
  end
  local e = summary.errors
  io.write(string.format(
    "wrk-lua requests=%d non200=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, bad, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
  if first ~= "" then
    io.write("wrk-lua first_non200=" .. first .. "\n")
  end
end

-- Helpers for the scripts.

local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

function base64(s)
  local out = {}
  for i = 1, #s, 3 do
    local a, b, c = s:byte(i, i + 2)
    local n = a * 65536 + (b or 0) * 256 + (c or 0)
    local c1 = math.floor(n / 262144) % 64
    local c2 = math.floor(n / 4096) % 64
    local c3 = math.floor(n / 64) % 64
    local c4 = n % 64
    out[#out + 1] = alphabet:sub(c1 + 1, c1 + 1) .. alphabet:sub(c2 + 1, c2 + 1)
      .. (b and alphabet:sub(c3 + 1, c3 + 1) or "=")
      .. (c and alphabet:sub(c4 + 1, c4 + 1) or "=")
  end
  return table.concat(out)
end

function form_encode(s)
  return (s:gsub("[^%w%-%._~]", function(ch) return string.format("%%%02X", ch:byte()) end))
end

-- A ready-to-send password grant for one application, with HTTP Basic client authentication.
function password_grant(client_id, client_secret, username, password)
  return wrk.format("POST", "/oauth2/token", {
    ["Authorization"] = "Basic " .. base64(client_id .. ":" .. client_secret),
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
  }, "grant_type=password&username=" .. form_encode(username) .. "&password=" .. form_encode(password))
end

-- A ready-to-send API call with a bearer token.
function api_call(path, access_token)
  return wrk.format("GET", path, {
    ["Authorization"] = "Bearer " .. access_token,
    ["Accept"] = "application/json",
  })
end
