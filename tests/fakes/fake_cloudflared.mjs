// A stand-in for `cloudflared tunnel --url ...` (a quick tunnel), for tests: Cloudflare cannot be
// reached from CI. It takes the real command line, writes the real log lines to stderr (formats
// from cloudflared's source, see docs/cloudflared.md §3 and §5), serves the metrics
// endpoints Hydra polls, and forwards HTTP from a local "public" port to the --url origin with
// the headers Cloudflare's edge adds (§8), streaming chunk by chunk.
//
// Environment:
//   FAKE_CLOUDFLARED_STATE_FILE  JSON written once listening: {pid, metricsPort, publicPort, hostname, arguments}
//   FAKE_CLOUDFLARED_MODE        ok (default) | rate-limited | no-network | never-register |
//                                crash-after-up | auto-updated
//   FAKE_CLOUDFLARED_DELAY_MS    time the quick-tunnel API call takes (default 150)
// POST /fake/toggle-edge on the metrics port drops the edge connection (/ready 503) and, sent
// again, restores it (a test's hand on the network; real cloudflared has no such endpoint, and
// Hydra only ever GETs). An HTTP request rather than a signal: Windows has no SIGUSR2.

import http from 'node:http';
import fs from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';

const mode = process.env.FAKE_CLOUDFLARED_MODE || 'ok';
const apiDelayMs = Number(process.env.FAKE_CLOUDFLARED_DELAY_MS || 150);

const disclaimer = 'Thank you for trying Cloudflare Tunnel. Doing so, without a Cloudflare account, is a quick way to experiment and try it out. However, be aware that these account-less Tunnels have no uptime guarantee, are subject to the Cloudflare Online Services Terms of Use (https://www.cloudflare.com/website-terms/), and Cloudflare reserves the right to investigate your use of Tunnels for violations of such terms. If you intend to use Tunnels in production you should use a pre-created named tunnel by following: https://developers.cloudflare.com/cloudflare-one/connections/connect-apps';

const timestamp = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const log = (level, message) => process.stderr.write(`${timestamp()} ${level} ${message}\n`);
// urfave/cli's final error: plain text, no timestamp or level.
const fatal = (message, code) => { process.stderr.write(`${message}\n`); process.exit(code); };

// cliutil.LogTable / asciiBox with padding 2: every row a separate INF event.
function logTable(lines) {
  const width = Math.max(...lines.map((l) => l.length));
  const border = `+${'-'.repeat(width + 4)}+`;
  log('INF', border);
  for (const line of lines) log('INF', `|  ${line}${' '.repeat(width - line.length)}  |`);
  log('INF', border);
}

// ---- command line, as cloudflared's flag parser takes it ----
const valueFlags = new Set(['url', 'config', 'metrics', 'protocol', 'edge-ip-version', 'grace-period', 'loglevel',
                            'logfile', 'output', 'ha-connections', 'retries']);
const boolFlags = new Set(['no-autoupdate', 'hello-world']);
function usageError(message) {
  process.stderr.write(`Incorrect Usage: ${message}\n\nNAME:\n   cloudflared tunnel - Use Cloudflare Tunnel to expose private services to the Internet or to Cloudflare connected private users.\n`);
  process.exit(255); // cli.Exit(msg, -1)
}
const argv = process.argv.slice(2);
if (argv[0] !== 'tunnel') usageError(`expected the "tunnel" command, got ${JSON.stringify(argv[0] ?? '')}`);
const flags = {};
for (let i = 1; i < argv.length; ++i) {
  const match = /^--?([a-z0-9-]+)(?:=(.*))?$/.exec(argv[i]);
  if (!match) usageError(`unexpected argument ${JSON.stringify(argv[i])}`);
  const [, name, inline] = match;
  if (boolFlags.has(name)) { flags[name] = inline ?? 'true'; continue; }
  if (!valueFlags.has(name)) usageError(`flag provided but not defined: -${name}`);
  const value = inline ?? argv[++i];
  if (value === undefined) usageError(`flag needs an argument: -${name}`);
  flags[name] = value;
}
if (!flags.url) usageError('this fake only runs quick tunnels: --url is required');
const origin = new URL(flags.url);
const [metricsHost, metricsPortText] = (flags.metrics || '127.0.0.1:0').split(':');
const gracePeriodMs = Number(/^(\d+)s$/.exec(flags['grace-period'] || '30s')?.[1] ?? 30) * 1000;

// ---- the quick tunnel API call ----
log('INF', disclaimer);
log('INF', 'Requesting new quick Tunnel on trycloudflare.com...');
await new Promise((resolve) => setTimeout(resolve, apiDelayMs));

if (mode === 'rate-limited') {
  log('ERR', 'Error unmarshaling QuickTunnel response: error code: 1015 error="invalid character \'e\' looking for beginning of value" status_code="429 Too Many Requests"');
  fatal("failed to unmarshal quick Tunnel: invalid character 'e' looking for beginning of value", 1);
}
if (mode === 'no-network')
  fatal('failed to request quick Tunnel: Post "https://api.trycloudflare.com/tunnel": dial tcp: lookup api.trycloudflare.com: no such host', 1);
if (mode === 'auto-updated')
  fatal('cloudflared has been updated to version 2099.1.0', 11);

const words = ['dad', 'bridges', 'wizard', 'contest', 'maple', 'river', 'quiet', 'orbit', 'lemon', 'harbor', 'pixel', 'tulip'];
const pick = () => words[randomBytes(1)[0] % words.length];
const hostname = `${pick()}-${pick()}-${pick()}-${pick()}.trycloudflare.com`;
logTable(['Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):', `https://${hostname}`]);

log('INF', 'Cannot determine default configuration path. No file [config.yml config.yaml] in [~/.cloudflared ~/.cloudflare-warp ~/cloudflare-warp /etc/cloudflared /usr/local/etc/cloudflared]');
log('INF', 'Version 2026.9.1 (Checksum 0000000000000000000000000000000000000000000000000000000000000000)');
log('INF', `GOOS: ${process.platform}, GOVersion: go1.25.2, GoArch: amd64`);
log('INF', `Settings: map[config:${flags.config ?? ''} grace-period:${flags['grace-period'] ?? '30s'} ha-connections:1 loglevel:${flags.loglevel ?? 'info'} metrics:${flags.metrics ?? ''} no-autoupdate:${flags['no-autoupdate'] ?? 'false'} protocol:${flags.protocol ?? 'quic'} url:${flags.url}]`);
const connectorId = randomUUID();
log('INF', `Generated Connector ID: ${connectorId}`);
log('INF', `Initial protocol ${flags.protocol ?? 'quic'}`);
log('ERR', 'Cannot determine default origin certificate path. No file cert.pem in [~/.cloudflared ~/.cloudflare-warp ~/cloudflare-warp /etc/cloudflared /usr/local/etc/cloudflared]. You need to specify the origin certificate path by specifying the origincert option in the configuration file, or set TUNNEL_ORIGIN_CERT environment variable originCertPath=');

// ---- metrics server (exists only once the tunnel does) ----
let connected = false;
const metrics = http.createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (req.method === 'GET' && path === '/quicktunnel') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end(`{"hostname":"${hostname}"}`);
  }
  if (req.method === 'GET' && path === '/ready') {
    const status = connected ? 200 : 503;
    res.writeHead(status, { 'Content-Type': 'application/json' });
    return res.end(JSON.stringify({ status, readyConnections: connected ? 1 : 0, connectorId }));
  }
  if (req.method === 'POST' && path === '/fake/toggle-edge') {
    toggleEdge();
    res.writeHead(204);
    return res.end();
  }
  if (req.method === 'GET' && path === '/healthcheck') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    return res.end('OK\n');
  }
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('404 page not found\n');
});
await new Promise((resolve, reject) => {
  metrics.once('error', reject);
  metrics.listen(Number(metricsPortText), metricsHost, resolve);
}).catch((error) => fatal(`failed to start the metrics server: ${error.message}`, 1));
log('INF', `Starting metrics server on ${metricsHost}:${metrics.address().port}/metrics`);

// ---- the "edge": a local port standing in for https://<hostname> ----
const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);
const inFlight = new Set();
const edge = http.createServer((req, res) => {
  if (!connected) { // the edge has no connector for this hostname
    res.writeHead(530, { 'Content-Type': 'text/plain' });
    return res.end('error code: 1033');
  }
  const clientIp = req.socket.remoteAddress.replace(/^::ffff:/, '');
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!hopByHop.has(name) && !name.startsWith('cf-cloudflared-') && !name.startsWith('cf-int-')) headers[name] = value;
  }
  Object.assign(headers, {
    host: hostname,
    'cf-ray': `${randomBytes(8).toString('hex')}-FRA`,
    'cf-connecting-ip': clientIp,
    'x-forwarded-for': req.headers['x-forwarded-for'] ? `${req.headers['x-forwarded-for']}, ${clientIp}` : clientIp,
    'x-forwarded-proto': 'https',
    'cf-visitor': '{"scheme":"https"}',
    'cdn-loop': 'cloudflare',
    'cf-ipcountry': 'XX',
    'accept-encoding': 'br, gzip', // forced by the edge, whatever the client said
    connection: 'keep-alive',
  });
  if (!('user-agent' in headers)) headers['user-agent'] = '';
  const upstream = http.request({ host: origin.hostname, port: origin.port || 80, method: req.method, path: req.url, headers },
    (answer) => {
      const out = { ...answer.headers };
      delete out['x-accel-buffering']; // removed by Cloudflare
      for (const name of hopByHop) delete out[name];
      res.writeHead(answer.statusCode, out);
      res.flushHeaders();
      answer.on('data', (chunk) => res.write(chunk)); // one write per chunk: nothing held back
      answer.on('end', () => res.end());
      answer.on('error', () => res.destroy());
    });
  inFlight.add(res);
  res.on('close', () => { inFlight.delete(res); upstream.destroy(); });
  upstream.on('error', (error) => {
    log('ERR', `Request failed error="Unable to reach the origin service. The service may be down or it may not be responding to traffic from cloudflared: ${error.message}" connIndex=0 dest=https://${hostname}${req.url} event=0 ip=198.41.192.47 type=http`);
    if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/html' });
    res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
  });
  req.pipe(upstream);
});
await new Promise((resolve) => edge.listen(0, '127.0.0.1', resolve));

if (process.env.FAKE_CLOUDFLARED_STATE_FILE) {
  fs.writeFileSync(process.env.FAKE_CLOUDFLARED_STATE_FILE, JSON.stringify({
    pid: process.pid, metricsPort: metrics.address().port, publicPort: edge.address().port, hostname,
    arguments: argv,
  }));
}

function register() {
  connected = true;
  log('INF', `Registered tunnel connection connIndex=0 connection=${randomUUID()} event=0 ip=198.41.192.47 location=fra08 protocol=${flags.protocol ?? 'quic'}`);
}
if (mode === 'never-register') {
  setInterval(() => {
    log('ERR', 'Failed to create new quic connection error="failed to dial to edge with quic: timeout: handshake did not complete in time" connIndex=0 event=0 ip=198.41.192.47');
    log('INF', 'Retrying connection in up to 2s connIndex=0 event=0 ip=198.41.192.47');
  }, 1000);
} else {
  setTimeout(register, 100);
}
if (mode === 'crash-after-up') {
  setTimeout(() => { log('ERR', 'fake cloudflared: crashing on purpose'); process.exit(1); }, 1500);
}

function toggleEdge() {
  if (connected) {
    connected = false;
    log('ERR', 'Connection terminated error="connection with edge closed" connIndex=0');
    log('INF', 'Retrying connection in up to 1s connIndex=0 event=0 ip=198.41.192.47');
  } else {
    register();
  }
}

// SIGTERM/SIGINT: no new requests, in-flight ones get up to --grace-period, a second signal ends it.
let signals = 0;
function shutdown(signal) {
  if (++signals > 1) process.exit(0);
  log('INF', `Initiating graceful shutdown due to signal ${signal} ...`);
  connected = false;
  metrics.close();
  edge.close();
  const finish = () => { log('INF', 'Tunnel server stopped'); process.exit(0); };
  if (inFlight.size === 0) return finish();
  setTimeout(() => { for (const res of inFlight) res.destroy(); finish(); }, gracePeriodMs);
  const check = setInterval(() => { if (inFlight.size === 0) { clearInterval(check); finish(); } }, 50);
}
process.on('SIGTERM', () => shutdown('terminated'));
process.on('SIGINT', () => shutdown('interrupt'));
