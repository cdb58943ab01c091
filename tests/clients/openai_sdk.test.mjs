// End-to-end: the official `openai` npm package talks to a real `hydra gateway`, which talks to
// fake_gemini. Nothing here knows how Hydra works inside; if the SDK is happy, clients are happy.
//
//   HYDRA_BIN=.../hydra FAKE_GEMINI_BIN=.../fake_gemini node --test openai_sdk.test.mjs
//
// ctest sets both variables (test openai_sdk_client, label "client"); `npm ci` in this
// directory must have been run first.
//
// The gateway gets two keys: "key-limited" first, which fake_gemini answers with one 429
// (RateLimitPerMinute), then "key-good". Some chat request lands on the limited key, and the
// gateway has to fail over without the client noticing; the last test checks that it did.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { importPackage, sleep, startGateway } from './harness.mjs';

const { default: OpenAI } = await importPackage('openai');
const { VERSION: SDK_VERSION } = await importPackage('openai/version');
const { BadRequestError, NotFoundError } = OpenAI;

const MODEL = 'gemini-2.5-flash';
const GREETING = 'Hello from fake Gemini.';
const KEYS = [
    { api_key: 'key-limited', email: 'limited@example.com', project_id: 'hydra-test-limited' },
    { api_key: 'key-good', email: 'good@example.com', project_id: 'hydra-test-good' },
];

let gw;
let client;

async function chat(content = 'Say hello.') {
    return client.chat.completions.create({ model: MODEL, messages: [{ role: 'user', content }] });
}

describe(`openai ${SDK_VERSION} against hydra gateway`, () => {
    before(async () => {
        gw = await startGateway({
            name: 'hydra-openai-sdk',
            keys: KEYS,
            fakeArgs: ['--script', 'key-limited=RateLimitPerMinute'],
        });
        client = new OpenAI({ baseURL: gw.baseURL, apiKey: 'unused', maxRetries: 0, timeout: 15_000 });
    });

    after(() => gw?.stop());

    test('models.list lists the servable models, not the predict-only ones', async () => {
        const models = [];
        for await (const model of client.models.list())
            models.push(model);
        const ids = models.map((m) => m.id);
        assert.ok(ids.includes('gemini-2.5-flash'), `gemini-2.5-flash missing from ${ids.join(', ')}`);
        assert.ok(ids.includes('gemini-2.5-pro'), `gemini-2.5-pro missing from ${ids.join(', ')}`);
        // Models Hydra cannot serve (no generateContent or embedContent, e.g. Imagen's
        // predict-only entry) are filtered out; embedding models stay, by design.
        assert.ok(!ids.includes('imagen-4.0-generate-001'), `imagen-4.0-generate-001 should be filtered out`);
        for (const id of ids) {
            assert.doesNotMatch(id, /^models\//, 'ids come without the "models/" prefix');
            assert.doesNotMatch(id, /^(imagen|veo)-/, `non-chat model ${id} should be filtered out`);
        }
        assert.equal(new Set(ids).size, ids.length, `duplicate ids in ${ids.join(', ')}`);
        for (const model of models) {
            assert.equal(model.object, 'model', `${model.id}: object`);
            assert.equal(typeof model.owned_by, 'string', `${model.id}: owned_by`);
            assert.equal(typeof model.created, 'number', `${model.id}: created`);
        }
    });

    test('models.retrieve finds a model and 404s an unknown one', async () => {
        const model = await client.models.retrieve('gemini-2.5-flash');
        assert.equal(model.id, 'gemini-2.5-flash');
        assert.equal(model.object, 'model');

        await assert.rejects(client.models.retrieve('no-such-model-1'), (error) => {
            assert.ok(error instanceof NotFoundError, `expected NotFoundError, got ${error?.constructor?.name}: ${error}`);
            assert.equal(error.status, 404);
            assert.ok(error.message, 'the error has a message');
            return true;
        });
    });

    test('chat.completions.create (non-stream)', async () => {
        const completion = await chat();
        assert.match(completion.id, /^chatcmpl-/);
        assert.equal(completion.object, 'chat.completion');
        assert.equal(typeof completion.created, 'number');
        assert.ok(completion.model.includes(MODEL), `model ${completion.model}`);
        assert.equal(completion.choices.length, 1);
        const [choice] = completion.choices;
        assert.equal(choice.index, 0);
        assert.equal(choice.finish_reason, 'stop');
        assert.equal(choice.message.role, 'assistant');
        assert.equal(choice.message.content, GREETING);
        const { usage } = completion;
        assert.ok(usage, 'usage present');
        for (const field of ['prompt_tokens', 'completion_tokens', 'total_tokens'])
            assert.ok(Number.isInteger(usage[field]) && usage[field] >= 0, `usage.${field} = ${usage[field]}`);
        assert.ok(usage.total_tokens > 0, 'total_tokens > 0');
    });

    test('chat.completions.create (stream, include_usage)', async () => {
        const stream = await client.chat.completions.create({
            model: MODEL,
            messages: [{ role: 'user', content: 'Say hello, slowly.' }],
            stream: true,
            stream_options: { include_usage: true },
        });
        const chunks = [];
        for await (const chunk of stream)
            chunks.push(chunk);

        assert.ok(chunks.length >= 3, `only ${chunks.length} chunks`);
        for (const chunk of chunks) {
            assert.equal(chunk.object, 'chat.completion.chunk');
            assert.equal(chunk.id, chunks[0].id, 'id is stable across chunks');
        }
        assert.match(chunks[0].id, /^chatcmpl-/);
        assert.equal(chunks[0].choices[0]?.delta?.role, 'assistant', 'first delta carries the role');

        const text = chunks.flatMap((c) => c.choices).map((c) => c.delta?.content ?? '').join('');
        assert.equal(text, GREETING);

        const finishes = chunks.flatMap((c) => c.choices).filter((c) => c.finish_reason != null);
        assert.deepEqual(finishes.map((c) => c.finish_reason), ['stop'], 'exactly one finish_reason, "stop"');

        const last = chunks.at(-1);
        assert.deepEqual(last.choices, [], 'the usage chunk has no choices');
        assert.ok(last.usage, 'the last chunk carries usage');
        assert.ok(last.usage.total_tokens > 0, `total_tokens ${last.usage.total_tokens}`);
        assert.ok(Number.isInteger(last.usage.prompt_tokens) && Number.isInteger(last.usage.completion_tokens));
        for (const chunk of chunks.slice(0, -1))
            assert.ok(chunk.usage == null, 'only the last chunk carries usage');
    });

    test('chat.completions.stream helper', async () => {
        const runner = client.chat.completions.stream({
            model: MODEL,
            messages: [{ role: 'user', content: 'Say hello through the helper.' }],
        });
        const deltas = [];
        runner.on('content', (delta) => deltas.push(delta));
        const completion = await runner.finalChatCompletion();
        assert.equal(completion.choices[0].message.content, GREETING);
        assert.equal(completion.choices[0].message.role, 'assistant');
        assert.equal(completion.choices[0].finish_reason, 'stop');
        assert.match(completion.id, /^chatcmpl-/);
        assert.equal(deltas.join(''), GREETING);
        assert.equal(await runner.finalContent(), GREETING);
    });

    test('a bad request is a BadRequestError with a message', async () => {
        const expectBadRequest = (error) => {
            assert.ok(error instanceof BadRequestError,
                `expected BadRequestError, got ${error?.constructor?.name}: ${error}`);
            assert.equal(error.status, 400);
            assert.ok(error.error?.message, 'the body has error.message');
            assert.ok(error.message.length > 0, 'the error has a message');
            assert.equal(error.type, 'invalid_request_error');
            return true;
        };
        await assert.rejects(client.chat.completions.create({ model: MODEL, messages: [] }), expectBadRequest);
        await assert.rejects(client.chat.completions.create({
            model: MODEL,
            messages: [{ role: 'wizard', content: 'abracadabra' }],
        }), expectBadRequest);
    });

    test('failover from the rate-limited key is invisible', async (t) => {
        // Whatever ran before, at most two more chats put one on "key-limited" (least recently
        // used first, untried keys first), and the gateway must retry it on "key-good".
        const failedOver = () => /status=200.*failovers=\d+/.test(gw.log());
        for (let i = 0; i < 2 && !failedOver(); ++i) {
            const completion = await chat(`Say hello again (${i}).`);
            assert.equal(completion.choices[0].message.content, GREETING);
            // The gateway logs a request once it is done, which may be just after the reply.
            for (let wait = 0; wait < 20 && !failedOver(); ++wait)
                await sleep(50);
        }
        assert.ok(failedOver(), `no request failed over to another key\n${gw.describe()}`);
        const line = gw.log().split('\n').find((l) => /failovers=/.test(l));
        t.diagnostic(`gateway log: ${line.trim()}`);
        assert.match(line, /key=good@example\.com/, `the retry should have used key-good: ${line}`);
        assert.doesNotMatch(gw.log(), /status=(429|5\d\d)/, 'no rate limit or server error reached a client');
    });
});
