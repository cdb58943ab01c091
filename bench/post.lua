-- wrk script for bench/run.sh: POSTs one JSON body and prints a JSON summary.
--   wrk -t1 -c64 -d5s -s post.lua URL -- BODY_FILE ["Header: value" ...]

local body_file = nil
local extra = {}

function init(args)
    body_file = args[1]
    for i = 2, #args do
        local name, value = args[i]:match("^([^:]+):%s*(.*)$")
        if name then extra[name] = value end
    end
    local f = assert(io.open(body_file, "rb"))
    wrk.body = f:read("*a")
    f:close()
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    for name, value in pairs(extra) do wrk.headers[name] = value end
end

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        '{"requests":%d,"duration_us":%d,"rps":%.1f,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
        '"latency_ms":{"p50":%.3f,"p90":%.3f,"p99":%.3f,"max":%.3f}}\n',
        summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
        e.connect, e.read, e.write, e.status, e.timeout,
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
        latency.max / 1000))
end
