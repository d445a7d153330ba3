-- wrk script for bench_http.py: counts answers by status in every thread and
-- prints one JSON line at the end (requests, seconds, p50/p99 in µs, statuses,
-- and 1,000 evenly spaced quantiles in µs, so several runs' latencies can be
-- pooled: bench_http.py measures each page in rounds).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(counts) do
    table.insert(parts, string.format('"%d": %d', status, count))
  end
  local quantiles = {}
  for i = 0, 999 do
    table.insert(quantiles, string.format("%d", latency:percentile((i + 0.5) / 10)))
  end
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50": %d, "p99": %d, "socket_errors": %d, "statuses": {%s}, "quantiles": [%s]}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    table.concat(parts, ", "), table.concat(quantiles, ", ")))
end
