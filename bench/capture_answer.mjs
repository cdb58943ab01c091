// capture_answer.mjs: sends one POST to a local server over a raw socket and saves the whole
// answer exactly as it came (status line, headers, chunked body), for replay_upstream to repeat.
//
//   node capture_answer.mjs --port N --path P --body-file F [--header "name: value"] --out FILE
//
// Exit code 0 once a complete 200 answer is saved; 1 otherwise.

import fs from 'node:fs';
import net from 'node:net';

const args = process.argv.slice(2);
const option = (name) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : undefined;
};
const port = Number(option('port'));
const path = option('path');
const body = fs.readFileSync(option('body-file'));
const header = option('header');
const out = option('out');

// Whether `bytes` hold one whole HTTP response (Content-Length or chunked framing).
function complete(bytes) {
    const text = bytes.toString('latin1');
    const headerEnd = text.indexOf('\r\n\r\n');
    if (headerEnd < 0) return false;
    const head = text.slice(0, headerEnd).toLowerCase();
    const length = /\r\ncontent-length:\s*(\d+)/.exec(head);
    if (length) return bytes.length >= headerEnd + 4 + Number(length[1]);
    return /\r\ntransfer-encoding:\s*chunked/.test(head) && text.endsWith('\r\n0\r\n\r\n');
}

const socket = net.connect(port, '127.0.0.1');
let received = Buffer.alloc(0);
const fail = (why) => {
    console.error(`capture_answer: ${why}`);
    process.exit(1);
};
socket.setTimeout(10_000, () => fail('no complete answer within 10 s'));
socket.on('error', (error) => fail(error.message));
socket.on('connect', () => {
    socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n` +
        (header ? `${header}\r\n` : '') + `Content-Length: ${body.length}\r\n\r\n`);
    socket.write(body);
});
socket.on('data', (data) => {
    received = Buffer.concat([received, data]);
    if (!complete(received)) return;
    if (!received.toString('latin1').startsWith('HTTP/1.1 200 ')) fail(`the answer was not a 200:\n${received}`);
    fs.writeFileSync(out, received);
    socket.destroy();
});
socket.on('end', () => fail('the server closed the connection before the answer was complete'));
