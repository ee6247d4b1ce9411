-- wrk script: PUT /api/newsroom/articles/{id} with If-Match, one event per request.
--
-- Every wrk connection owns one pre-created draft article; run with as many threads as
-- connections (e.g. `wrk -t4 -c4`), so one thread = one connection = one article and the
-- per-thread Lua state simply tracks that article's version. Each request is based on the
-- current version (If-Match: "<version>") and carries a headline naming the next version, so
-- the copy always changes and the server appends exactly one ArticleRevised event (200, the
-- new version in the ETag header). Should a request fail (e.g. 412), the next request is a GET
-- of the article to learn its version again; such failures show as non-2xx / "other".
--
-- Environment:
--   BENCH_DRAFTS  file with one "<article-id> <current-version>" line per connection (required)
--   BENCH_TOKEN   bearer token (default: dev:bench-editor:editor)
-- Prints BENCH_RESULT (see report.lua) and
--   BENCH_REVISE advanced=<n> unchanged=<n> jumped=<n> other=<n> resyncs=<n>
-- where advanced = 200s whose ETag is exactly the previous version + 1 (one event each).

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local token = os.getenv("BENCH_TOKEN") or "dev:bench-editor:editor"

local function read_drafts()
  local path = os.getenv("BENCH_DRAFTS")
  if not path then error("BENCH_DRAFTS is not set") end
  local file = io.open(path, "r")
  if not file then error("cannot read BENCH_DRAFTS file " .. path) end
  local drafts = {}
  for line in file:lines() do
    local id, version = line:match("^(%S+)%s+(%d+)")
    if id then drafts[#drafts + 1] = { id = id, version = tonumber(version) } end
  end
  file:close()
  return drafts
end

-- Main state: hand each thread its own draft.
local threads = {}
local drafts = nil

function setup(thread)
  drafts = drafts or read_drafts()
  local slot = #threads + 1
  if slot > #drafts then
    error(string.format("thread %d has no draft: BENCH_DRAFTS lists only %d", slot, #drafts))
  end
  thread:set("article_id", drafts[slot].id)
  thread:set("article_version", drafts[slot].version)
  thread:set("slot", slot)
  threads[slot] = thread
end

-- Thread state.
local body_html = "<p>" .. string.rep(
  "The committee met again on Tuesday to weigh the amendments tabled by both parties. ", 6) ..
  "</p><p>" .. string.rep("Officials said a final vote could come before the end of the month. ", 6) .. "</p>"

local put_headers, get_headers, path
local waiting_for = nil

function init(args)
  path = "/api/newsroom/articles/" .. article_id
  put_headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }
  get_headers = { ["Authorization"] = "Bearer " .. token }
  advanced, unchanged, jumped, other, resyncs = 0, 0, 0, 0, 0
  need_sync = false
end

function request()
  if need_sync then
    waiting_for = "get"
    resyncs = resyncs + 1
    return wrk.format("GET", path, get_headers)
  end
  waiting_for = "put"
  put_headers["If-Match"] = '"' .. article_version .. '"'
  local body = string.format(
    '{"headline":"Bench draft %d, revision %d","summary":"A draft revised by the benchmark.",' ..
    '"body":"%s","section":"national","subsection":"politics","byline":"Bench Editor",' ..
    '"tags":["bench","budget"],"isPremium":false}',
    slot, article_version + 1, body_html)
  return wrk.format("PUT", path, put_headers, body)
end

local function etag_version(headers)
  local etag = headers["ETag"] or headers["etag"] or headers["Etag"]
  return etag and tonumber(etag:match("(%d+)"))
end

function response(status, headers, body)
  local version = status == 200 and etag_version(headers) or nil
  if waiting_for == "get" then
    if version then article_version = version; need_sync = false end
    return
  end
  if not version then
    other = other + 1
    need_sync = true
    return
  end
  if version == article_version + 1 then advanced = advanced + 1
  elseif version == article_version then unchanged = unchanged + 1
  else jumped = jumped + 1 end
  article_version = version
end

function bench_done_extra(summary)
  local totals = { advanced = 0, unchanged = 0, jumped = 0, other = 0, resyncs = 0 }
  for _, thread in ipairs(threads) do
    for key, _ in pairs(totals) do totals[key] = totals[key] + (thread:get(key) or 0) end
  end
  io.write(string.format("BENCH_REVISE advanced=%d unchanged=%d jumped=%d other=%d resyncs=%d\n",
    totals.advanced, totals.unchanged, totals.jumped, totals.other, totals.resyncs))
end
