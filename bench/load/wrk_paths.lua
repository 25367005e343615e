-- wrk script: GET paths read from a file (one per line), cycling from a random start per thread, as if behind
-- nginx (X-Forwarded-Proto: https). Optional second argument: a Cookie header (staff workload).
-- Optional third argument: a mean think time in ms: each connection waits 0.5-1.5 times that long before its next
-- request (wrk's delay()). Not used by run.py: against gunicorn's sync workers, which close every connection,
-- part of the wait showed up as latency (trivial view p50 224 ms instead of 22 ms).
-- Prints one JSON line with the latency percentiles at the end.
--   wrk -t1 -c50 -d30s -s bench/load/wrk_paths.lua http://127.0.0.1:8800 -- paths.txt "sessionid=..." 1000

local paths = {}
local cookie = nil
local index = 0
local think_ms = 0

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then
      table.insert(paths, line)
    end
  end
  if args[2] ~= nil and args[2] ~= "" then
    cookie = args[2]
  end
  if args[3] ~= nil and args[3] ~= "" then
    think_ms = tonumber(args[3])
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
  index = math.random(#paths)
end

function request()
  index = index % #paths + 1
  local headers = { ["X-Forwarded-Proto"] = "https", ["Accept-Language"] = "id" }
  if cookie then
    headers["Cookie"] = cookie
  end
  return wrk.format("GET", paths[index], headers)
end

function delay()
  if think_ms <= 0 then
    return 0
  end
  return math.floor(think_ms * (0.5 + math.random()))
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d, "p50_ms": %.2f, "p90_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, ' ..
    '"max_ms": %.2f, "mean_ms": %.2f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000))
end
