-- Shared wrk done() for the NewsPlatform benchmarks (bench/articles.sh parses its output).
-- Prints one machine-readable line:
--   BENCH_RESULT requests=<n> duration_us=<n> rps=<f> p50_us=<n> p99_us=<n> non2xx=<n> socket_errors=<n>
-- non2xx is wrk's errors.status (responses with status >= 400; the benchmarked routes never redirect).
-- Loaded with dofile() by the scenario scripts, or passed to wrk directly (`wrk -s report.lua`).

function done(summary, latency, requests)
  local errs = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, summary.requests / seconds,
    latency:percentile(50), latency:percentile(99), errs.status,
    errs.connect + errs.read + errs.write + errs.timeout))
  if bench_done_extra then bench_done_extra(summary) end
end
