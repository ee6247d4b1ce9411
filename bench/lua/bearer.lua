-- wrk script: GET the URL with "Authorization: Bearer $BENCH_BEARER" when BENCH_BEARER is set and
-- not empty, anonymously otherwise. Using this one script for both keeps the client side identical,
-- so the difference between an authenticated and an anonymous run is the server's token handling.
-- The request is static (no request()/response() functions), so wrk's Lua costs nothing per request.
-- Prints BENCH_RESULT (see report.lua).

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local token = os.getenv("BENCH_BEARER")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
