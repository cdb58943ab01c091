// soak.mjs: the load of bench/soak.sh. Sends a fixed rate of OpenAI requests to a running Hydra
// (in front of a fake Gemini that injects faults), checks every answer, samples the gateway's
// memory and open descriptors, and prints a per-minute table and a verdict.
//
//   node soak.mjs --url http://127.0.0.1:PORT/v1 --pid HYDRA_PID [--minutes 60] [--rate 5]
//                 [--abort-rate 0.05] [--seed 1] [--from-minute M] [--keys N] [--fault-log FILE]
//                 [--json FILE] [--tolerance 0.05] [--mix chat=30,stream=30,tools=25,image=15]
//
// The mix (weights by --mix; drawn from a generator seeded by --seed): chat completions without
// (chat) and with stream (stream); function calling (tools: a first turn that must answer with a
// tool call and, once it has, a second turn with the tool's result, half of them on
// gemini-3-flash-preview so thought signatures go round); a prompt with an image as a data: URL
// (image). Tools and image requests are streamed half of the time. About --abort-rate of them are
// aborted by the client: a stream after its first content, or any request after a random delay.
// Requests go out at exactly --rate per second (a second turn takes the next free slot).
//
// What the client sees is sorted into:
//   ok         a whole, well-formed answer (text, or the tool call a first turn asked for)
//   aborted    the client itself gave up before the answer was complete
//   mid-stream an error event after content had reached the client: Hydra cannot hide what was
//              already sent (the fake cut the stream, or sent an error event, after its first one)
//   no quota   a 429 rate_limit_exceeded at a moment when every key really had been refused with a
//              429 in the last 60 s (from the fake's --fault-log): not something Hydra could hide
//   error      everything else: a failure Hydra should have hidden by trying another key
//
// Every 10 s it samples VmRSS (/proc/PID/status) and the open descriptors (/proc/PID/fd) of
// --pid, sorted into the ones the gateway holds for itself (files, pipes, eventfds, listening
// sockets) and its TCP connections (to clients and to the fake), which follow the load: each
// request in flight has one of each, and the soak's own keep-alive sockets stay open between
// requests as many as the client likes. A minute's RSS is its last sample; its held count is its
// lowest sample (saving a file holds one for a moment; a leak raises the floor). The verdict: no
// errors; no more mid-stream errors than streams the fake cut or broke; from minute --from-minute
// (10; 1 when --minutes is 10 or less) to the end the per-minute RSS and held descriptors stay
// within --tolerance: (max - min) / the value at that minute; and once the load has stopped,
// every connection closes within 45 s (the gateway's idle limits are 30 s), leaving the
// descriptors it held at that minute: a leaked connection shows there.
// minute. Exit 0 on PASS, 1 on FAIL.

import http from 'node:http';
import fs from 'node:fs';
import zlib from 'node:zlib';

// ---- options ------------------------------------------------------------------------------------
const opt = { minutes: 60, rate: 5, 'abort-rate': 0.05, seed: 1, keys: 10, tolerance: 0.05 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) {
        console.error(`soak.mjs: bad argument ${argv[i]}`);
        process.exit(2);
    }
    opt[argv[i].slice(2)] = argv[i + 1];
}
if (!opt.url || !opt.pid) {
    console.error('soak.mjs: --url and --pid are required');
    process.exit(2);
}
const minutes = Number(opt.minutes);
const rate = Number(opt.rate);
const abortRate = Number(opt['abort-rate']);
const keyCount = Number(opt.keys);
const tolerance = Number(opt.tolerance);
const fromMinute = opt['from-minute'] !== undefined ? Number(opt['from-minute']) : minutes <= 10 ? 1 : 10;
const base = new URL(opt.url.replace(/\/$/, '') + '/chat/completions');
const gatewayPort = Number(base.port);
const requestTimeoutMs = 60_000;

// ---- a seeded generator (mulberry32) ------------------------------------------------------------
let seedState = Number(opt.seed) >>> 0 || 1;
function random() {
    seedState = (seedState + 0x6d2b79f5) >>> 0;
    let t = seedState;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

// ---- an image: a 96x96 RGB PNG of noise (about 28 KB), made once --------------------------------
const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
});
function crc32(buf) {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type, data) {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
}
function noisePng(size) {
    const header = Buffer.alloc(13);
    header.writeUInt32BE(size, 0);
    header.writeUInt32BE(size, 4);
    header[8] = 8; // bit depth
    header[9] = 2; // RGB
    const rows = Buffer.alloc(size * (1 + size * 3));
    for (let y = 0; y < size; y++) {
        rows[y * (1 + size * 3)] = 0; // filter: none
        for (let x = 0; x < size * 3; x++) rows[y * (1 + size * 3) + 1 + x] = Math.floor(random() * 256);
    }
    return Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        pngChunk('IHDR', header),
        pngChunk('IDAT', zlib.deflateSync(rows)),
        pngChunk('IEND', Buffer.alloc(0)),
    ]);
}
const imageUrl = 'data:image/png;base64,' + noisePng(96).toString('base64');

// ---- the requests -------------------------------------------------------------------------------
const weatherTool = {
    type: 'function',
    function: {
        name: 'get_weather',
        description: 'The current weather in a city.',
        parameters: {
            type: 'object',
            properties: { city: { type: 'string', description: 'The city' }, unit: { type: 'string', enum: ['c', 'f'] } },
            required: ['city'],
        },
    },
};
const followUps = []; // second turns of tool conversations, sent in the next free slots

// --mix: the share of each kind of new job (a second turn of function calling comes on top).
const mix = { chat: 30, stream: 30, tools: 25, image: 15 };
if (opt.mix)
    for (const item of opt.mix.split(',')) {
        const [name, weight] = item.split('=');
        if (!(name in mix) || !(Number(weight) >= 0)) {
            console.error(`soak.mjs: --mix wants chat=W,stream=W,tools=W,image=W, not ${item}`);
            process.exit(2);
        }
        mix[name] = Number(weight);
    }
const mixTotal = mix.chat + mix.stream + mix.tools + mix.image;

function newJob() {
    const r = random() * mixTotal;
    const stream = random() < 0.5;
    if (r < mix.chat) return { kind: 'chat', body: { model: 'gemini-2.5-flash', messages: [{ role: 'user', content: 'Say hello' }] } };
    if (r < mix.chat + mix.stream)
        return {
            kind: 'chat',
            body: {
                model: 'gemini-2.5-flash',
                stream: true,
                ...(random() < 0.5 ? { stream_options: { include_usage: true } } : {}),
                messages: [
                    { role: 'system', content: 'You are terse.' },
                    { role: 'user', content: 'Say hello' },
                ],
            },
        };
    if (r < mix.chat + mix.stream + mix.tools) {
        const model = random() < 0.5 ? 'gemini-3-flash-preview' : 'gemini-2.5-flash';
        return {
            kind: 'tools',
            body: {
                model,
                ...(stream ? { stream: true } : {}),
                tools: [weatherTool],
                messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
            },
        };
    }
    return {
        kind: 'image',
        body: {
            model: 'gemini-2.5-flash',
            ...(stream ? { stream: true } : {}),
            messages: [
                {
                    role: 'user',
                    content: [
                        { type: 'text', text: 'What is in this picture?' },
                        { type: 'image_url', image_url: { url: imageUrl } },
                    ],
                },
            ],
        },
    };
}

function followUpOf(job, toolCalls) {
    const body = {
        model: job.body.model,
        ...(random() < 0.5 ? { stream: true } : {}),
        tools: [weatherTool],
        messages: [
            ...job.body.messages,
            { role: 'assistant', content: null, tool_calls: toolCalls },
            ...toolCalls.map((c) => ({ role: 'tool', tool_call_id: c.id, content: '{"temperature": 18, "unit": "c"}' })),
        ],
    };
    return { kind: 'tools-result', body };
}

// ---- one request ----------------------------------------------------------------------------------
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function errorKind(status, json) {
    const e = json && typeof json === 'object' ? json.error : undefined;
    const code = e && typeof e === 'object' ? e.code ?? e.type ?? '' : '';
    return `${status} ${code}`.trim();
}
function errorMessage(json, text) {
    const e = json && typeof json === 'object' ? json.error : undefined;
    return (e && typeof e === 'object' && e.message) || String(text).slice(0, 200);
}

// Resolves { outcome: ok|aborted|midstream|error, kind, message, toolCalls }
function send(job) {
    return new Promise((resolve) => {
        const payload = Buffer.from(JSON.stringify(job.body));
        const stream = !!job.body.stream;
        const abortMode = random() < abortRate ? (stream && random() < 0.5 ? 'after-first' : 'timer') : 'none';
        let settled = false;
        let clientAborted = false;
        const finish = (result) => {
            if (settled) return;
            settled = true;
            clearTimeout(abortTimer);
            clearTimeout(hardTimer);
            resolve(result);
        };
        const req = http.request(
            {
                hostname: base.hostname,
                port: base.port,
                path: base.pathname,
                method: 'POST',
                agent,
                headers: { 'content-type': 'application/json', 'content-length': payload.length },
            },
            (res) => {
                res.setEncoding('utf8');
                let text = '';
                let buffer = '';
                let sawContent = false;
                let sawDone = false;
                let streamError = null;
                let finishReason = null;
                const toolCalls = [];
                const onEvent = (data) => {
                    if (data === '[DONE]') {
                        sawDone = true;
                        return;
                    }
                    let event;
                    try {
                        event = JSON.parse(data);
                    } catch {
                        streamError ??= { kind: 'bad event', message: data.slice(0, 200) };
                        return;
                    }
                    if (event.error) {
                        streamError ??= { kind: errorKind('event', event), message: errorMessage(event, data), afterContent: sawContent };
                        return;
                    }
                    for (const choice of event.choices ?? []) {
                        const d = choice.delta ?? {};
                        if (typeof d.content === 'string' && d.content.length) sawContent = true;
                        for (const tc of d.tool_calls ?? []) {
                            sawContent = true;
                            const i = tc.index ?? 0;
                            toolCalls[i] ??= { id: '', type: 'function', function: { name: '', arguments: '' } };
                            if (tc.id) toolCalls[i].id = tc.id;
                            if (tc.function?.name) toolCalls[i].function.name += tc.function.name;
                            if (tc.function?.arguments) toolCalls[i].function.arguments += tc.function.arguments;
                        }
                        if (choice.finish_reason) finishReason = choice.finish_reason;
                    }
                    if (sawContent && abortMode === 'after-first' && !clientAborted) {
                        clientAborted = true;
                        req.destroy();
                        finish({ outcome: 'aborted' });
                    }
                };
                res.on('data', (piece) => {
                    if (res.statusCode === 200 && stream) {
                        buffer += piece;
                        let end;
                        while ((end = buffer.indexOf('\n\n')) >= 0) {
                            const block = buffer.slice(0, end);
                            buffer = buffer.slice(end + 2);
                            for (const line of block.split('\n')) if (line.startsWith('data: ')) onEvent(line.slice(6));
                        }
                    } else {
                        text += piece;
                    }
                });
                res.on('error', () => {}); // 'close' decides
                res.on('close', () => {
                    if (settled) return;
                    if (clientAborted) return finish({ outcome: 'aborted' });
                    let json = null;
                    try {
                        json = JSON.parse(text);
                    } catch {}
                    if (res.statusCode !== 200)
                        return finish({ outcome: 'error', kind: errorKind(res.statusCode, json), message: errorMessage(json, text), status: res.statusCode });
                    if (!res.complete && !stream)
                        return finish({ outcome: 'error', kind: 'connection cut', message: 'the body ended early' });
                    if (stream) {
                        if (streamError) {
                            if (streamError.afterContent)
                                return finish({ outcome: 'midstream', kind: streamError.kind, message: streamError.message });
                            return finish({ outcome: 'error', kind: `${streamError.kind} before content`, message: streamError.message });
                        }
                        if (!sawDone)
                            return finish({
                                outcome: 'error',
                                kind: sawContent ? 'stream cut after content, no error event' : 'stream cut before content',
                                message: `complete=${res.complete}`,
                            });
                        if (job.kind === 'tools') {
                            if (!toolCalls.length || finishReason !== 'tool_calls')
                                return finish({ outcome: 'error', kind: 'no tool call', message: `finish_reason ${finishReason}` });
                            return finish({ outcome: 'ok', toolCalls });
                        }
                        if (!sawContent) return finish({ outcome: 'error', kind: 'empty stream', message: '' });
                        return finish({ outcome: 'ok' });
                    }
                    const message = json?.choices?.[0]?.message;
                    if (!message) return finish({ outcome: 'error', kind: 'bad body', message: text.slice(0, 200) });
                    if (job.kind === 'tools') {
                        if (!message.tool_calls?.length)
                            return finish({ outcome: 'error', kind: 'no tool call', message: `finish_reason ${json.choices[0].finish_reason}` });
                        return finish({ outcome: 'ok', toolCalls: message.tool_calls });
                    }
                    if (!message.content) return finish({ outcome: 'error', kind: 'empty answer', message: text.slice(0, 200) });
                    finish({ outcome: 'ok' });
                });
            },
        );
        req.on('error', (e) => {
            if (clientAborted) return finish({ outcome: 'aborted' });
            finish({ outcome: 'error', kind: `network ${e.code ?? e.message}`, message: e.message });
        });
        const abortTimer =
            abortMode === 'timer'
                ? setTimeout(() => {
                      if (settled) return;
                      clientAborted = true;
                      req.destroy();
                      finish({ outcome: 'aborted' });
                  }, Math.floor(random() * (stream ? 150 : 25)))
                : undefined;
        const hardTimer = setTimeout(() => {
            if (settled) return;
            req.destroy();
            finish({ outcome: 'error', kind: 'timeout', message: `no complete answer in ${requestTimeoutMs / 1000} s` });
        }, requestTimeoutMs);
        req.end(payload);
    });
}

// ---- per-minute records -------------------------------------------------------------------------
const rows = []; // index minute-1
function row(m) {
    while (rows.length < m) rows.push({ requests: 0, ok: 0, errors: 0, midstream: 0, noQuota: 0, aborted: 0, faults: 0, samples: [] });
    return rows[m - 1];
}
const errorKinds = new Map(); // kind -> { count, message, minutes: Set }
const midKinds = new Map();
const pendingQuota = []; // client 429 rate_limit_exceeded: judged against the fault log at the end

// The gateway's descriptors, sorted: "held" are the ones Hydra keeps for itself (files, pipes,
// eventfds, local sockets, its listening sockets); "clients" are TCP connections to its listening
// port (the soak's keep-alive sockets: how many stay open is the client's choice); "upstream" are
// its other TCP connections (to the fake Gemini). A leaked file, timer or watcher shows in held;
// a leaked connection shows once the load stops and the connections drain (see drain below).
function tcpStates() {
    const states = new Map(); // socket inode -> { state, localPort }
    for (const table of ['tcp', 'tcp6']) {
        let text = '';
        try {
            text = fs.readFileSync(`/proc/${opt.pid}/net/${table}`, 'utf8');
        } catch {
            continue;
        }
        for (const line of text.split('\n').slice(1)) {
            const f = line.trim().split(/\s+/);
            if (f.length < 10) continue;
            states.set(f[9], { state: f[3], localPort: parseInt(f[1].split(':')[1], 16) });
        }
    }
    return states;
}
const TCP_LISTEN = '0A';
function descriptors() {
    const dir = `/proc/${opt.pid}/fd`;
    const states = tcpStates();
    const count = { total: 0, held: 0, clients: 0, upstream: 0 };
    for (const fd of fs.readdirSync(dir)) {
        let target = '';
        try {
            target = fs.readlinkSync(`${dir}/${fd}`);
        } catch {
            continue; // closed between the listing and the read
        }
        count.total++;
        const inode = (target.match(/^socket:\[(\d+)\]$/) ?? [])[1];
        const tcp = inode && states.get(inode);
        if (!tcp || tcp.state === TCP_LISTEN) count.held++;
        else if (tcp.localPort === gatewayPort) count.clients++;
        else count.upstream++;
    }
    return count;
}
function memory() {
    try {
        const status = fs.readFileSync(`/proc/${opt.pid}/status`, 'utf8');
        const rss = Number((status.match(/^VmRSS:\s+(\d+)/m) ?? [0, 0])[1]);
        return { rssKb: rss, fds: descriptors() };
    } catch {
        return null;
    }
}

const t0 = Date.now();
const endAt = t0 + minutes * 60_000;
const minuteOf = (ms) => Math.min(minutes, Math.floor((ms - t0) / 60_000) + 1);
let inFlight = 0;
let gatewayGone = false;

const label = (job) => `${job.kind} ${job.body.stream ? 'stream' : 'unary'}`;
function note(map, kind, message, minute) {
    const e = map.get(kind) ?? { count: 0, message, minutes: new Set() };
    e.count++;
    e.minutes.add(minute);
    map.set(kind, e);
}

async function run(job) {
    const started = Date.now();
    const minute = minuteOf(started);
    row(minute).requests++;
    inFlight++;
    const result = await send(job);
    inFlight--;
    const r = row(minute);
    switch (result.outcome) {
        case 'ok':
            r.ok++;
            if (job.kind === 'tools' && result.toolCalls) followUps.push(followUpOf(job, result.toolCalls));
            break;
        case 'aborted':
            r.aborted++;
            break;
        case 'midstream':
            r.midstream++;
            note(midKinds, `${label(job)}: ${result.kind}`, result.message, minute);
            break;
        default:
            if (result.status === 429 && result.kind === '429 rate_limit_exceeded') {
                pendingQuota.push({ at: Date.now(), job, result, minute });
                break;
            }
            r.errors++;
            note(errorKinds, `${label(job)}: ${result.kind}`, result.message, minute);
    }
}

// ---- the schedule ---------------------------------------------------------------------------------
const sampler = setInterval(() => {
    const m = memory();
    if (!m) {
        gatewayGone = true;
        return;
    }
    row(minuteOf(Date.now())).samples.push(m);
}, 10_000);
const idle = memory(); // before the first request: shown with the table, not part of minute 1
if (!idle) {
    console.error(`soak.mjs: cannot read /proc/${opt.pid}`);
    process.exit(2);
}
row(1);
const progress = setInterval(() => {
    const m = minuteOf(Date.now()) - 1;
    if (m < 1 || !rows[m - 1]) return;
    const r = rows[m - 1];
    const s = r.samples.at(-1);
    console.error(
        `soak: minute ${m}: ${r.requests} requests, ${r.ok} ok, ${r.errors} errors, ${r.midstream} mid-stream, ` +
            `${r.aborted} aborted${s ? `, RSS ${(s.rssKb / 1024).toFixed(1)} MB, ${s.fds.held} fds held + ` +
                `${s.fds.clients} client and ${s.fds.upstream} upstream connections` : ''}`,
    );
}, 60_000);

const intervalMs = 1000 / rate;
const pending = new Set();
for (let i = 0; ; i++) {
    const at = t0 + i * intervalMs;
    if (at >= endAt || gatewayGone) break;
    const wait = at - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const job = followUps.shift() ?? newJob();
    const p = run(job).finally(() => pending.delete(p));
    pending.add(p);
}
await Promise.all(pending);
clearInterval(sampler);
clearInterval(progress);
if (!memory()) gatewayGone = true;
agent.destroy();

// ---- the drain: with the load gone, every connection must close ----------------------------------
// The gateway closes an idle client connection after 30 s and an idle upstream one after 30 s, so
// within drainLimitMs of the last answer it must be back to the descriptors it holds for itself.
// A connection still open then is a leak the per-minute floors cannot show.
const drainLimitMs = 45_000;
const drainStart = Date.now();
let drained = memory();
while (drained && drained.fds.clients + drained.fds.upstream > 0 && Date.now() - drainStart < drainLimitMs) {
    await new Promise((r) => setTimeout(r, 1000));
    drained = memory();
}
const drainMs = Date.now() - drainStart;
if (!drained) gatewayGone = true;

// ---- the fault log: injected faults per minute, and whether a client 429 had a key left ------------
const faults = [];
if (opt['fault-log'] && fs.existsSync(opt['fault-log'])) {
    for (const line of fs.readFileSync(opt['fault-log'], 'utf8').split('\n')) {
        const [ms, key, name, how] = line.split(' ');
        if (!name) continue;
        faults.push({ ms: Number(ms), key, name, how });
        if (Number(ms) >= t0 && Number(ms) < endAt + 120_000) row(minuteOf(Number(ms))).faults++;
    }
}
const faultTotals = {};
for (const f of faults) faultTotals[`${f.name} ${f.how}`] = (faultTotals[`${f.name} ${f.how}`] ?? 0) + 1;
for (const q of pendingQuota) {
    const refused = new Set(
        faults.filter((f) => f.name.startsWith('RateLimit') && f.ms <= q.at && f.ms > q.at - 60_000).map((f) => f.key),
    );
    if (refused.size >= keyCount) {
        row(q.minute).noQuota++;
    } else {
        row(q.minute).errors++;
        note(
            errorKinds,
            `${label(q.job)}: ${q.result.kind} (${refused.size} of ${keyCount} keys refused in the last 60 s)`,
            q.result.message,
            q.minute,
        );
    }
}

// ---- the table and the verdict ----------------------------------------------------------------------
const perMinute = rows.map((r, i) => {
    const s = r.samples.at(-1); // the last sample of the minute
    return {
        minute: i + 1,
        ...r,
        rssMb: s ? s.rssKb / 1024 : NaN,
        // The floor of what the gateway holds for itself (saving a file holds one for a moment;
        // a leak raises the floor), and the range of its connections, which follow the load.
        fds: s ? Math.min(...r.samples.map((x) => x.fds.held)) : NaN,
        fdsMax: s ? Math.max(...r.samples.map((x) => x.fds.held)) : NaN,
        connMin: s ? Math.min(...r.samples.map((x) => x.fds.clients + x.fds.upstream)) : NaN,
        connMax: s ? Math.max(...r.samples.map((x) => x.fds.clients + x.fds.upstream)) : NaN,
        samples: undefined,
        rssSamplesKb: r.samples.map((x) => x.rssKb),
        fdSamples: r.samples.map((x) => x.fds),
    };
});
const describeFds = (m) =>
    `${m.fds.total} open fds (${m.fds.held} held, ${m.fds.clients} client and ${m.fds.upstream} upstream connections)`;
const lines = [
    `Gateway before the load: RSS ${(idle.rssKb / 1024).toFixed(1)} MB, ${describeFds(idle)}.`,
    drained
        ? `Gateway ${(drainMs / 1000).toFixed(0)} s after the last answer: RSS ${(drained.rssKb / 1024).toFixed(1)} MB, ${describeFds(drained)}.`
        : 'Gateway after the load: gone.',
    '',
];
lines.push(
    '| minute | requests | ok | errors (hideable) | expected mid-stream errors | no quota | aborts | faults injected | RSS MB | fds held (min-max) | connections (min-max) |',
);
lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
const total = { requests: 0, ok: 0, errors: 0, midstream: 0, noQuota: 0, aborted: 0, faults: 0 };
for (const r of perMinute) {
    for (const k of Object.keys(total)) total[k] += r[k];
    lines.push(
        `| ${r.minute} | ${r.requests} | ${r.ok} | ${r.errors} | ${r.midstream} | ${r.noQuota} | ${r.aborted} | ${r.faults} | ` +
            `${Number.isNaN(r.rssMb) ? '-' : r.rssMb.toFixed(1)} | ${Number.isNaN(r.fds) ? '-' : `${r.fds}-${r.fdsMax}`} | ` +
            `${Number.isNaN(r.connMin) ? '-' : `${r.connMin}-${r.connMax}`} |`,
    );
}
lines.push(
    `| all | ${total.requests} | ${total.ok} | ${total.errors} | ${total.midstream} | ${total.noQuota} | ${total.aborted} | ${total.faults} | | | |`,
);
const describe = (map) =>
    [...map.entries()]
        .sort((a, b) => b[1].count - a[1].count)
        .map(([k, e]) => `  ${e.count} × ${k} (minutes ${[...e.minutes].join(',')}): ${e.message}`);
if (errorKinds.size) lines.push('', 'Hideable errors the client saw:', ...describe(errorKinds));
if (midKinds.size) lines.push('', 'Expected mid-stream errors:', ...describe(midKinds));
if (faults.length)
    lines.push(
        '',
        'Faults the fake injected: ' +
            Object.entries(faultTotals)
                .sort()
                .map(([k, v]) => `${k} ${v}`)
                .join(', '),
    );

const flat = (field) => {
    const window = perMinute.filter((r) => r.minute >= fromMinute && !Number.isNaN(r[field]));
    if (!window.length) return { ok: false, text: `${field}: no samples` };
    const values = window.map((r) => r[field]);
    const min = Math.min(...values);
    const max = Math.max(...values);
    const ref = window[0][field];
    const spread = (max - min) / ref;
    return { ok: spread <= tolerance, min, max, ref, spread };
};
const rss = flat('rssMb');
const fds = flat('fds');
const reasons = [];
if (total.errors) reasons.push(`${total.errors} hideable client-visible errors`);
if (gatewayGone) reasons.push('the gateway exited');
if (!rss.ok) reasons.push(`RSS moved ${(rss.spread * 100).toFixed(1)} % from minute ${fromMinute}`);
if (!fds.ok) reasons.push(`held fds moved ${(fds.spread * 100).toFixed(1)} % from minute ${fromMinute}`);
if (drained && drained.fds.clients + drained.fds.upstream > 0)
    reasons.push(`${drained.fds.clients + drained.fds.upstream} connections still open ${drainLimitMs / 1000} s after the last answer`);
if (drained && !Number.isNaN(fds.ref) && drained.fds.held > fds.ref * (1 + tolerance))
    reasons.push(`${drained.fds.held} fds held after the load, ${fds.ref} at minute ${fromMinute}`);
// Every mid-stream error must have a cause: a stream the fake cut or broke after its first event.
const midFaults = faults.filter((f) => f.how === 'stream' && (f.name === 'DropMidStream' || f.name === 'MidStreamError')).length;
if (faults.length && total.midstream > midFaults)
    reasons.push(`${total.midstream} mid-stream errors but only ${midFaults} streams cut or broken by the fake`);
const pass = reasons.length === 0;
lines.push(
    '',
    `VERDICT: ${pass ? 'PASS' : 'FAIL'}: ${total.errors} hideable errors (${total.midstream} expected mid-stream, ` +
        `${total.noQuota} with no key left, ${total.aborted} client aborts) in ${total.requests} requests; ` +
        `minutes ${fromMinute}-${minutes}: RSS ${rss.min?.toFixed(1)}-${rss.max?.toFixed(1)} MB ` +
        `(${((rss.spread ?? NaN) * 100).toFixed(1)} % of ${rss.ref?.toFixed(1)}), ` +
        `fds held ${fds.min}-${fds.max} (${((fds.spread ?? NaN) * 100).toFixed(1)} % of ${fds.ref}), ` +
        `${drained ? drained.fds.clients + drained.fds.upstream : '-'} connections open after the drain; ` +
        `limit ${(tolerance * 100).toFixed(0)} %${pass ? '' : ' -- ' + reasons.join('; ')}`,
);
console.log(lines.join('\n'));
if (opt.json)
    fs.writeFileSync(
        opt.json,
        JSON.stringify({ perMinute, total, errors: Object.fromEntries([...errorKinds].map(([k, e]) => [k, { ...e, minutes: [...e.minutes] }])), faultTotals, rss, fds, pass }, null, 1),
    );
process.exit(pass ? 0 : 1);
