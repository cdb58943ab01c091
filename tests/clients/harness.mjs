// Shared plumbing of the client library tests: start fake_gemini and a real `hydra gateway` in
// front of it, and stop both cleanly. Each *.test.mjs file only says which keys and fake
// behaviours it wants, then talks to the gateway through a real client library.
//
//   const gw = await startGateway({ keys: ['key-a', 'key-b'], fakeArgs: ['--default-answer', 'FunctionCall'] });
//   ... gw.baseURL (http://127.0.0.1:PORT/v1), gw.root (http://127.0.0.1:PORT) ...
//   await gw.stop(); // SIGTERM to both, throws unless both exited with code 0
//
// HYDRA_BIN and FAKE_GEMINI_BIN must name the built executables (ctest sets them).
//
// With `recordUpstream: true` a small Node proxy sits between the gateway and fake_gemini and
// keeps every request the gateway sent upstream (key, path, parsed body) and the answer it got,
// so a test can check what reached "Google" (an image's inlineData, a thought signature).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const READY_TIMEOUT_MS = 20_000;
export const EXIT_TIMEOUT_MS = 10_000;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// `await importPackage('openai')`, with a message that says what to do when it is missing.
export async function importPackage(name) {
    try {
        return await import(name);
    } catch (error) {
        throw new Error(`the ${name} package is not installed: run npm ci in tests/clients ` +
            `(${error.code ?? error.message})`);
    }
}

// The version of an installed package, for test titles and failure reports.
export async function packageVersion(name) {
    try {
        const file = new URL(`./node_modules/${name}/package.json`, import.meta.url);
        return JSON.parse(await readFile(file, 'utf8')).version;
    } catch {
        return '?';
    }
}

function requiredEnv(name) {
    const value = process.env[name];
    if (!value)
        throw new Error(`${name} is not set: it must be the path of the built executable (ctest sets it)`);
    return value;
}

// A child process whose output we keep, for readiness and for the failure message.
export class Child {
    constructor(name, program, args) {
        this.name = name;
        this.stdout = '';
        this.stderr = '';
        this.exit = null; // { code, signal } once it has exited
        this.proc = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        this.proc.stdout.setEncoding('utf8');
        this.proc.stderr.setEncoding('utf8');
        this.proc.stdout.on('data', (text) => { this.stdout += text; });
        this.proc.stderr.on('data', (text) => { this.stderr += text; });
        this.exited = new Promise((resolve) => {
            this.proc.on('error', (error) => {
                this.exit = { code: null, signal: null, error };
                resolve(this.exit);
            });
            this.proc.on('exit', (code, signal) => {
                this.exit = { code, signal };
                resolve(this.exit);
            });
        });
        liveChildren.add(this);
        this.exited.then(() => liveChildren.delete(this));
    }

    describe() {
        const how = !this.exit ? 'still running'
            : this.exit.error ? `could not start: ${this.exit.error.message}`
                : `exited with code ${this.exit.code}, signal ${this.exit.signal}`;
        return `${this.name} ${how}\n--- ${this.name} stdout ---\n${this.stdout}` +
            `--- ${this.name} stderr ---\n${this.stderr}`;
    }

    // Resolves with the first match of `pattern` in stdout; rejects when the child dies first
    // or nothing matches in time.
    waitForStdout(pattern, timeoutMs = READY_TIMEOUT_MS) {
        return new Promise((resolve, reject) => {
            let done = false;
            const finish = (fn, value) => {
                if (done)
                    return;
                done = true;
                clearTimeout(timer);
                this.proc.stdout.off('data', check);
                fn(value);
            };
            const check = () => {
                const match = this.stdout.match(pattern);
                if (match)
                    finish(resolve, match);
            };
            const timer = setTimeout(() => finish(reject, new Error(
                `${this.name} printed nothing matching ${pattern} within ${timeoutMs} ms\n${this.describe()}`)),
            timeoutMs);
            this.proc.stdout.on('data', check);
            this.exited.then(() => {
                // Let buffered output land before deciding.
                setImmediate(() => {
                    check();
                    finish(reject, new Error(`${this.name} died before it was ready\n${this.describe()}`));
                });
            });
            check();
        });
    }

    // SIGTERM, then wait for the exit; SIGKILL and throw when it does not come in time.
    async terminate(timeoutMs = EXIT_TIMEOUT_MS) {
        if (!this.exit)
            this.proc.kill('SIGTERM');
        let timer;
        const timeout = new Promise((resolve) => {
            timer = setTimeout(() => resolve(null), timeoutMs);
        });
        const result = await Promise.race([this.exited, timeout]);
        clearTimeout(timer);
        if (!result) {
            this.proc.kill('SIGKILL');
            await this.exited;
            throw new Error(`${this.name} ignored SIGTERM for ${timeoutMs} ms\n${this.describe()}`);
        }
        return result;
    }
}

const liveChildren = new Set();
// Backstop for a runner that dies mid-way: no orphaned gateways.
process.on('exit', () => {
    for (const child of liveChildren)
        if (!child.exit)
            child.proc.kill('SIGKILL');
});

// --- the upstream recorder -----------------------------------------------------------------------

const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'];

// A pass-through HTTP proxy to 127.0.0.1:targetPort that records each exchange:
// { method, path, query, key, body (parsed JSON or null), rawBody, status, response (text), done }.
async function startRecorder(targetPort) {
    const exchanges = [];
    const agent = new http.Agent({ keepAlive: true });
    const server = http.createServer((req, res) => {
        const chunks = [];
        req.on('data', (chunk) => chunks.push(chunk));
        req.on('end', () => {
            const rawBody = Buffer.concat(chunks).toString('utf8');
            let body = null;
            try {
                body = rawBody ? JSON.parse(rawBody) : null;
            } catch {
                // not JSON: keep rawBody only
            }
            const url = new URL(req.url, 'http://recorder');
            const exchange = {
                method: req.method,
                path: url.pathname,
                query: url.search,
                key: req.headers['x-goog-api-key'] ?? url.searchParams.get('key'),
                body,
                rawBody,
                status: null,
                response: '',
                done: false,
            };
            exchanges.push(exchange);

            const headers = { ...req.headers };
            for (const name of HOP_BY_HOP)
                delete headers[name];
            headers.host = `127.0.0.1:${targetPort}`;
            headers['content-length'] = String(Buffer.byteLength(rawBody));
            const upstream = http.request({
                host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers, agent,
            }, (answer) => {
                exchange.status = answer.statusCode;
                const answerHeaders = { ...answer.headers };
                for (const name of HOP_BY_HOP)
                    delete answerHeaders[name];
                res.writeHead(answer.statusCode, answerHeaders);
                answer.setEncoding('utf8');
                answer.on('data', (text) => {
                    exchange.response += text;
                    res.write(text);
                });
                answer.on('end', () => {
                    exchange.done = true;
                    res.end();
                });
                answer.on('aborted', () => res.destroy());
                answer.on('error', () => res.destroy());
            });
            upstream.on('error', (error) => {
                exchange.error = error.message;
                res.destroy();
            });
            res.on('close', () => {
                if (!exchange.done)
                    upstream.destroy();
            });
            upstream.end(rawBody);
        });
    });
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
    });
    return {
        port: server.address().port,
        exchanges,
        // The exchanges whose path ends with `:verb` (generateContent, streamGenerateContent, ...).
        calls(verb) {
            return exchanges.filter((e) => e.path.endsWith(`:${verb}`));
        },
        clear() {
            exchanges.length = 0;
        },
        async close() {
            server.closeAllConnections();
            await new Promise((resolve) => server.close(resolve));
            agent.destroy();
        },
    };
}

// --- the gateway -----------------------------------------------------------------------------------

// keys: API key strings (labelled <key>@example.com in the gateway log) or full entries of the
// keys file ({ api_key, email, project_id }). fakeArgs: extra fake_gemini arguments.
export async function startGateway({ keys, fakeArgs = [], recordUpstream = false, name = 'hydra-client' }) {
    const hydraBin = requiredEnv('HYDRA_BIN');
    const fakeBin = requiredEnv('FAKE_GEMINI_BIN');
    const entries = keys.map((key) => typeof key === 'string'
        ? { api_key: key, email: `${key}@example.com`, project_id: `hydra-test-${key}` }
        : key);

    const gw = {
        fake: null,
        hydra: null,
        recorder: null,
        workDir: null,
        baseURL: null, // http://127.0.0.1:PORT/v1, for OpenAI-shaped clients
        root: null,    // http://127.0.0.1:PORT, for Google's SDKs (they add /v1beta themselves)
        stopped: false,

        // Everything the gateway logged so far (one line per request, on stderr).
        log() {
            return this.hydra ? this.hydra.stderr : '';
        },

        // Waits until the gateway's log matches `pattern` (it logs a request once it is done,
        // which may be just after the client has its answer); returns the match or null.
        async waitForLog(pattern, timeoutMs = 2_000) {
            const deadline = Date.now() + timeoutMs;
            for (;;) {
                const match = this.log().match(pattern);
                if (match || Date.now() >= deadline)
                    return match;
                await sleep(25);
            }
        },

        describe() {
            return [this.hydra, this.fake].filter(Boolean).map((c) => c.describe()).join('\n');
        },

        // SIGTERM the gateway, then its upstream (so it never sees the fake vanish
        // mid-request); throws unless both exited with code 0.
        async stop() {
            if (this.stopped)
                return;
            this.stopped = true;
            const problems = [];
            for (const child of [this.hydra, this.fake]) {
                if (!child)
                    continue;
                try {
                    const { code, signal, error } = await child.terminate();
                    if (error || code !== 0 || signal !== null)
                        problems.push(`${child.name} did not exit cleanly on SIGTERM\n${child.describe()}`);
                } catch (error) {
                    problems.push(error.message);
                }
            }
            if (this.recorder)
                await this.recorder.close();
            if (this.workDir)
                await rm(this.workDir, { recursive: true, force: true });
            assert.deepEqual(problems, [], problems.join('\n'));
        },
    };

    try {
        gw.workDir = await mkdtemp(path.join(tmpdir(), `${name}-`));
        const keysFile = path.join(gw.workDir, 'keys.json');
        await writeFile(keysFile, JSON.stringify(entries, null, 2), { mode: 0o600 });

        gw.fake = new Child('fake_gemini', fakeBin, ['--port', '0', ...fakeArgs]);
        const [, fakePort] = await gw.fake.waitForStdout(/^FAKE_GEMINI_PORT=(\d+)$/m);

        let upstreamPort = fakePort;
        if (recordUpstream) {
            gw.recorder = await startRecorder(Number(fakePort));
            upstreamPort = gw.recorder.port;
        }

        gw.hydra = new Child('hydra gateway', hydraBin, [
            'gateway', '--port', '0', '--keys-file', keysFile,
            '--upstream', `http://127.0.0.1:${upstreamPort}`,
            '--config-dir', path.join(gw.workDir, 'config'),
        ]);
        const [baseURL, root] = await gw.hydra.waitForStdout(/(http:\/\/127\.0\.0\.1:\d+)\/v1\b/);
        gw.baseURL = baseURL;
        gw.root = root;
        return gw;
    } catch (error) {
        // Do not leave half a setup running when `before` fails.
        try {
            await gw.stop();
        } catch {
            // the original error says more
        }
        throw error;
    }
}
