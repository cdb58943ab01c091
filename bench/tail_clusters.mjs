// tail_clusters.mjs: is a latency tail spread evenly, or made of stalls? Reads a loadgen
// --trace file and groups the slow requests (latency at or above the threshold, by default the
// run's p99) whose scheduled times lie within 5 ms of each other: a stall shows as one group of
// many requests whose latencies fall as the backlog drains.
//
//   node bench/tail_clusters.mjs TRACE_FILE [THRESHOLD_MS]

import fs from 'node:fs';

const [file, thresholdArg] = process.argv.slice(2);
if (!file) {
    console.error('usage: node tail_clusters.mjs TRACE_FILE [THRESHOLD_MS]');
    process.exit(2);
}
const rows = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ').map(Number)); // [scheduled ms, latency ms, wire ms]
const sorted = rows.map((r) => r[1]).sort((a, b) => a - b);
const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
const threshold = thresholdArg ? Number(thresholdArg) : at(99);
const slow = rows.filter((r) => r[1] >= threshold).sort((a, b) => a[0] - b[0]);

const clusters = [];
for (const r of slow) {
    const last = clusters.at(-1);
    if (last && r[0] - last.at(-1)[0] < 5) last.push(r);
    else clusters.push([r]);
}
const fmt = (x) => x.toFixed(2);
console.log(`${rows.length} requests: p50 ${fmt(at(50))} ms, p99 ${fmt(at(99))} ms, max ${fmt(sorted.at(-1))} ms`);
console.log(`${slow.length} at or above ${fmt(threshold)} ms, in ${clusters.length} groups ` +
    `(${clusters.filter((c) => c.length >= 10).length} of 10 or more requests, holding ` +
    `${clusters.filter((c) => c.length >= 10).reduce((n, c) => n + c.length, 0)} of them)`);
console.log('largest groups: start (ms into the run), span of scheduled times, requests, worst latency / wire, ms');
for (const c of [...clusters].sort((a, b) => b.length - a.length).slice(0, 10))
    console.log(`  ${c[0][0].toFixed(1).padStart(9)}  ${(c.at(-1)[0] - c[0][0]).toFixed(1).padStart(6)}  ` +
        `${String(c.length).padStart(5)}  ${fmt(Math.max(...c.map((r) => r[1])))} / ${fmt(Math.max(...c.map((r) => r[2])))}`);
