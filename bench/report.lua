-- wrk script for bench/load.py: request from the environment, JSON summary at the end.
local method = os.getenv("BENCH_METHOD") or "GET"
local body_file = os.getenv("BENCH_BODY_FILE") or ""
local cookie = os.getenv("BENCH_COOKIE") or ""
local csrf = os.getenv("BENCH_CSRF") or ""

wrk.method = method
if body_file ~= "" then
  local file = assert(io.open(body_file, "rb"))
  wrk.body = file:read("*a")
  file:close()
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end
if cookie ~= "" then wrk.headers["Cookie"] = cookie end
if csrf ~= "" then wrk.headers["X-CSRFToken"] = csrf end

-- Many distinct paths (BENCH_PATHS_FILE, one a line): each request picks one at random.
local paths_file = os.getenv("BENCH_PATHS_FILE") or ""
if paths_file ~= "" then
  local paths = {}
  for line in io.lines(paths_file) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  math.randomseed(os.time() + tonumber(tostring(paths):match("0x(%x+)") or "0", 16))
  function request()
    return wrk.format(nil, paths[math.random(#paths)])
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "status_errors": %d, "socket_errors": %d, '
      .. '"p50_us": %d, "p95_us": %d, "p99_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean))
end
