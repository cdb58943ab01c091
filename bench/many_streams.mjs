// many_streams.mjs: hold N streaming chat completions open at once and sample the gateway's
// memory meanwhile. For bench/run.sh.
//
//   node many_streams.mjs --url URL --body-file F --streams 500 --pid HYDRA_PID [--timeout-s 60] [--ramp-ms 0]
//
// Opens --streams streaming POSTs, each on its own connection (so Hydra needs as many
// upstream connections), against a slowly paced fake. Once every stream has received its
// first event, all of them are open at the same moment; VmRSS of --pid is sampled every
// 100 ms until the first stream ends. Then it waits for every stream to end with [DONE].
//
// Prints one line of JSON (memory in MiB, times in ms).

import http from 'node:http';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

const opt = { streams: 500, 'timeout-s': 60 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) opt[argv[i].replace(/^--/, '')] = argv[i + 1];
const streams = Number(opt.streams);
const url = new URL(opt.url);
const body = fs.readFileSync(opt['body-file']);
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

function memory() {
    try {
        const status = fs.readFileSync(`/proc/${opt.pid}/status`, 'utf8');
        const kb = (name) => Number((status.match(new RegExp(`^${name}:\\s+(\\d+)`, 'm')) ?? [0, 0])[1]);
        return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
    } catch {
        return { rss: -1, hwm: -1 };
    }
}

let firstEvents = 0;
let ended = 0;
let done = 0;
let failed = 0;
let allOpenAt = -1;
const firstEventMs = [];
const t0 = performance.now();
const samples = [];
let sampler = null;

const finished = new Promise((resolveAll) => {
    const settle = () => {
        if (done + failed === streams) resolveAll();
    };
    const open = (i) => {
        const req = http.request(
            {
                hostname: url.hostname,
                port: url.port,
                path: url.pathname,
                method: 'POST',
                agent,
                headers: { 'content-type': 'application/json', 'content-length': body.length },
            },
            (res) => {
                let text = '';
                let seen = false;
                res.setEncoding('utf8');
                res.on('data', (chunk) => {
                    text += chunk;
                    if (!seen && text.includes('data:')) {
                        seen = true;
                        firstEventMs.push(performance.now() - t0);
                        if (++firstEvents === streams) {
                            allOpenAt = performance.now() - t0;
                            sampler = setInterval(() => samples.push(memory()), 100);
                            samples.push(memory());
                        }
                    }
                });
                res.on('end', () => {
                    ended++;
                    if (sampler && ended === 1) {
                        samples.push(memory());
                        clearInterval(sampler);
                    }
                    if (res.statusCode === 200 && text.includes('data: [DONE]')) done++;
                    else failed++;
                    settle();
                });
                res.on('error', () => {
                    failed++;
                    settle();
                });
            },
        );
        req.on('error', () => {
            failed++;
            settle();
        });
        req.end(body);
    };
    // All at once by default; --ramp-ms spreads the opening evenly over that time.
    const ramp = Number(opt['ramp-ms'] ?? 0);
    for (let i = 0; i < streams; i++) {
        if (ramp > 0) setTimeout(open, (i * ramp) / streams, i);
        else open(i);
    }
});

const timeout = new Promise((resolve) => setTimeout(resolve, Number(opt['timeout-s']) * 1000, 'timeout'));
const outcome = await Promise.race([finished, timeout]);
clearInterval(sampler);
const after = memory();
const rss = samples.map((s) => s.rss);
firstEventMs.sort((a, b) => a - b);
const at = (p) => (firstEventMs.length ? Math.round(firstEventMs[Math.min(firstEventMs.length - 1, Math.floor((p / 100) * firstEventMs.length))]) : -1);
console.log(
    JSON.stringify({
        streams,
        all_open: firstEvents === streams,
        all_open_after_ms: Math.round(allOpenAt),
        first_event_ms: { p50: at(50), p90: at(90), p99: at(99), max: at(100) },
        samples: samples.length,
        rss_open_max_mib: rss.length ? Math.round(Math.max(...rss) * 10) / 10 : -1,
        hwm_mib: Math.round(after.hwm * 10) / 10,
        rss_after_mib: Math.round(after.rss * 10) / 10,
        completed: done,
        failed,
        timed_out: outcome === 'timeout',
    }),
);
process.exit(0);
