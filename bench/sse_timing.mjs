// sse_timing.mjs: when does each streamed event reach the client, direct vs through Hydra?
// For bench/run.sh.
//
//   node sse_timing.mjs --direct-url URL --direct-body F [--direct-header "Name: value"]
//                       --hydra-url URL --hydra-body F [--count 100]
//                       [--tap-port T --tap-to PORT]
//
// Sends --count streaming POSTs to each side, one at a time and alternating (direct, Hydra,
// direct, ...) so both see the same machine, over keep-alive connections. Every SSE event that
// carries text (Gemini: candidates[0].content.parts[].text, OpenAI: choices[0].delta.content) is
// stamped with performance.now() when it is complete on the client.
//
// With --tap-port, this process also runs a TCP relay on 127.0.0.1:T in front of the fake on
// --tap-to, and stamps each upstream event as it leaves the fake. Point the direct URL and
// Hydra's --upstream at the tap: then "forward" is, for every event, client arrival minus the
// moment the fake's bytes arrived at the tap, on one clock, whatever the fake's pacing jitter.
// Direct, that is one loopback hop; the difference is what Hydra adds per event.
//
// Prints one line of JSON, times in milliseconds.

import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

const opt = { count: 100, 'direct-header': [] };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    if (name === 'direct-header') opt[name].push(argv[i + 1]);
    else opt[name] = argv[i + 1];
}
const count = Number(opt.count);

function side(urlText, bodyFile, headerList) {
    const url = new URL(urlText);
    const body = fs.readFileSync(bodyFile);
    const headers = { 'content-type': 'application/json', 'content-length': body.length };
    for (const h of headerList) {
        const i = h.indexOf(':');
        headers[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
    }
    return { url, body, headers, agent: new http.Agent({ keepAlive: true, maxSockets: 1 }), results: [] };
}

const direct = side(opt['direct-url'], opt['direct-body'], opt['direct-header']);
const hydra = side(opt['hydra-url'], opt['hydra-body'], []);

// ---- the tap: a transparent TCP relay that stamps upstream SSE events
let tapEvents = [];
let tap = null;
if (opt['tap-port']) {
    tap = net.createServer((client) => {
        client.setNoDelay(true);
        const upstream = net.connect(Number(opt['tap-to']), '127.0.0.1');
        upstream.setNoDelay(true);
        let tail = '';
        upstream.on('data', (chunk) => {
            const t = performance.now();
            client.write(chunk);
            // Count complete events ("data: ..." followed by a blank line) in the raw bytes.
            const text = tail + chunk.toString('latin1');
            const re = /data: [^\r\n]*"text"[^\r\n]*\r?\n\r?\n/g;
            let last = 0;
            let m;
            while ((m = re.exec(text))) {
                tapEvents.push(t);
                last = re.lastIndex;
            }
            tail = text.slice(last).slice(-65536);
        });
        client.on('data', (chunk) => upstream.write(chunk));
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.on('error', () => upstream.destroy());
        upstream.on('error', () => client.destroy());
    });
    await new Promise((resolve, reject) => {
        tap.once('error', reject);
        tap.listen(Number(opt['tap-port']), '127.0.0.1', resolve);
    });
}

function textOf(data) {
    let event;
    try {
        event = JSON.parse(data);
    } catch {
        return '';
    }
    if (event.candidates) return (event.candidates[0]?.content?.parts ?? []).map((p) => p.text ?? '').join('');
    if (event.choices) return event.choices[0]?.delta?.content ?? '';
    return '';
}

function one(s) {
    return new Promise((resolve) => {
        tapEvents = [];
        const sent = performance.now();
        const result = { ok: false, sent, firstByte: -1, events: [], upstream: [] };
        const req = http.request(
            {
                hostname: s.url.hostname,
                port: s.url.port,
                path: s.url.pathname + s.url.search,
                method: 'POST',
                headers: s.headers,
                agent: s.agent,
            },
            (res) => {
                let buffer = '';
                res.setEncoding('utf8');
                res.on('data', (chunk) => {
                    const t = performance.now();
                    if (result.firstByte < 0) result.firstByte = t - sent;
                    buffer += chunk;
                    let end;
                    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
                        const block = buffer.slice(0, end);
                        buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
                        const data = block
                            .split(/\r?\n/)
                            .filter((l) => l.startsWith('data:'))
                            .map((l) => l.slice(5).trimStart())
                            .join('\n');
                        if (data && textOf(data)) result.events.push(t);
                    }
                });
                res.on('end', () => {
                    result.ok = res.statusCode === 200 && result.events.length > 0;
                    result.upstream = tapEvents;
                    resolve(result);
                });
                res.on('error', () => resolve(result));
            },
        );
        req.on('error', () => resolve(result));
        req.end(s.body);
    });
}

function pct(values, p) {
    if (!values.length) return -1;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function dist(values) {
    const r = (x) => Math.round(x * 1000) / 1000;
    return { n: values.length, p50: r(pct(values, 50)), p90: r(pct(values, 90)), p99: r(pct(values, 99)), max: r(pct(values, 100)) };
}

function summary(s) {
    const ok = s.results.filter((r) => r.ok);
    const forward = [];
    let unmatched = 0;
    for (const r of ok) {
        if (!tap) break;
        if (r.upstream.length !== r.events.length) {
            unmatched++;
            continue;
        }
        r.events.forEach((t, i) => forward.push(t - r.upstream[i]));
    }
    return {
        requests: s.results.length,
        ok: ok.length,
        events_per_stream: ok.length ? ok.reduce((n, r) => n + r.events.length, 0) / ok.length : 0,
        first_byte: dist(ok.map((r) => r.firstByte)),
        first_event: dist(ok.map((r) => r.events[0] - r.sent)),
        ...(tap ? { forward: dist(forward), unmatched } : {}),
    };
}

// Warm-up: a few requests each, so connections exist and first-request costs are paid.
for (let i = 0; i < 3; i++) {
    await one(direct);
    await one(hydra);
}
for (let i = 0; i < count; i++) {
    direct.results.push(await one(direct));
    hydra.results.push(await one(hydra));
}
direct.agent.destroy();
hydra.agent.destroy();
tap?.close();
console.log(JSON.stringify({ direct: summary(direct), hydra: summary(hydra) }));
process.exit(0);
