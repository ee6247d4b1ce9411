-- wrk script: POST /api/auth/login with the benchmark reader's correct password.
--
-- Only the correct password is ever sent: failed logins count towards the account lock-out
-- (5 failures lock it), so a wrong password would turn the benchmark into a lock-out test.
-- The request is static (wrk.method/body/headers, no request() function); response() checks
-- that every 200 carries an access token.
--
-- Environment:
--   BENCH_EMAIL, BENCH_PASSWORD  the reader's credentials (required)
-- Prints BENCH_RESULT (see report.lua) and
--   BENCH_LOGIN tokens=<n> other=<n>
-- where tokens = responses 200 whose body holds "accessToken", other = every other response.

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local function json_string(value)
  return '"' .. value:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
end

local email = os.getenv("BENCH_EMAIL")
local password = os.getenv("BENCH_PASSWORD")
if not email or not password then error("BENCH_EMAIL and BENCH_PASSWORD must be set") end

wrk.method = "POST"
wrk.body = '{"email":' .. json_string(email) .. ',"password":' .. json_string(password) .. '}'
wrk.headers["Content-Type"] = "application/json"

-- Main state: remember the threads to add up their counters in done().
local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

-- Thread state.
function init(args)
  tokens, other = 0, 0
end

function response(status, headers, body)
  if status == 200 and body and body:find('"accessToken":"', 1, true) then
    tokens = tokens + 1
  else
    other = other + 1
  end
end

function bench_done_extra(summary)
  local total_tokens, total_other = 0, 0
  for _, thread in ipairs(threads) do
    total_tokens = total_tokens + (thread:get("tokens") or 0)
    total_other = total_other + (thread:get("other") or 0)
  end
  io.write(string.format("BENCH_LOGIN tokens=%d other=%d\n", total_tokens, total_other))
end
