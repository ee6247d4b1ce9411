-- wrk script: GET the URL with "Cookie: $BENCH_COOKIE" when it is set and not empty (a logged-in
-- reader's session, which the gateway never answers from its cache), anonymously otherwise.
-- Static request, no per-request Lua. Prints BENCH_RESULT (see report.lua).

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local cookie = os.getenv("BENCH_COOKIE")
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end
wrk.headers["Accept"] = "text/html"
wrk.headers["Accept-Encoding"] = "br, gzip"
