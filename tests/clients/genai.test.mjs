// End-to-end: Google's own SDK (@google/genai) pointed at the gateway's native /v1beta
// passthrough, in front of fake_gemini.
//
//   HYDRA_BIN=.../hydra FAKE_GEMINI_BIN=.../fake_gemini node --test genai.test.mjs
//
// ctest runs it as genai_client (label "client"). The gateway has two keys: "key-limited"
// first, which fake_gemini answers with one 429, then "key-good"; the SDK (its own retries
// off) must never see the 429. A recording proxy behind the gateway shows that the SDK's key is
// replaced by pool keys and that the failover really happened.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { importPackage, packageVersion, startGateway } from './harness.mjs';

const { GoogleGenAI } = await importPackage('@google/genai');
const VERSION = await packageVersion('@google/genai');

const MODEL = 'gemini-2.5-flash';
const GREETING = 'Hello from fake Gemini.';
const CLIENT_KEY = 'client-key-that-must-not-reach-google';
const KEYS = [
    { api_key: 'key-limited', email: 'limited@example.com', project_id: 'hydra-test-limited' },
    { api_key: 'key-good', email: 'good@example.com', project_id: 'hydra-test-good' },
];

describe(`@google/genai ${VERSION} against the /v1beta passthrough`, () => {
    let gw;
    let ai;
    before(async () => {
        gw = await startGateway({
            name: 'hydra-genai',
            keys: KEYS,
            recordUpstream: true,
            fakeArgs: ['--script', 'key-limited=RateLimitPerMinute'],
        });
        // baseUrl is the server root: the SDK appends /v1beta itself. No retryOptions: the SDK
        // then tries once, so a 429 leaking through would fail the test.
        ai = new GoogleGenAI({ apiKey: CLIENT_KEY, httpOptions: { baseUrl: gw.root, timeout: 15_000 } });
    });
    after(() => gw?.stop());

    test('models.generateContent', async () => {
        const response = await ai.models.generateContent({ model: MODEL, contents: 'hi' });
        assert.equal(response.text, GREETING);
        assert.equal(response.candidates?.length, 1);
        assert.equal(response.candidates[0].finishReason, 'STOP');
        assert.ok(response.usageMetadata?.totalTokenCount > 0, JSON.stringify(response.usageMetadata));
        assert.equal(response.modelVersion, MODEL);
    });

    test('models.generateContentStream collects every chunk', async () => {
        const stream = await ai.models.generateContentStream({
            model: MODEL,
            contents: [{ role: 'user', parts: [{ text: 'Say hello, in pieces.' }] }],
            config: { temperature: 0.2, maxOutputTokens: 64 },
        });
        const texts = [];
        let last;
        for await (const chunk of stream) {
            texts.push(chunk.text ?? '');
            last = chunk;
        }
        assert.ok(texts.length >= 2, `only ${texts.length} chunks`);
        assert.equal(texts.join(''), GREETING);
        assert.equal(last.candidates[0].finishReason, 'STOP');
        const [call] = gw.recorder.calls('streamGenerateContent');
        assert.equal(call.query, '?alt=sse', 'the SDK streams as SSE, and the query passes through');
    });

    test('models.countTokens', async () => {
        const response = await ai.models.countTokens({ model: MODEL, contents: 'How many tokens is this sentence?' });
        assert.ok(Number.isInteger(response.totalTokens) && response.totalTokens > 0,
            `totalTokens ${response.totalTokens}`);
    });

    test('models.embedContent (batchEmbedContents upstream)', async () => {
        const response = await ai.models.embedContent({
            model: 'gemini-embedding-001',
            contents: ['first text', 'second text'],
            config: { outputDimensionality: 8 },
        });
        assert.equal(response.embeddings?.length, 2, JSON.stringify(response));
        for (const embedding of response.embeddings) {
            assert.equal(embedding.values.length, 8);
            assert.ok(embedding.values.every((v) => Number.isFinite(v)));
        }
        assert.notDeepEqual(response.embeddings[0].values, response.embeddings[1].values);
    });

    test('models.get', async () => {
        const model = await ai.models.get({ model: MODEL });
        assert.equal(model.name, `models/${MODEL}`);
        assert.ok(model.supportedActions?.includes('generateContent'), JSON.stringify(model));
    });

    test('models.list pages through every model', async () => {
        const start = gw.recorder.exchanges.length;
        const pager = await ai.models.list({ config: { pageSize: 5 } });
        const names = [];
        for await (const model of pager)
            names.push(model.name);
        assert.ok(names.includes(`models/${MODEL}`), `${MODEL} missing from ${names.join(', ')}`);
        assert.ok(names.includes('models/gemini-embedding-001'), `embedding model missing from ${names.join(', ')}`);
        assert.equal(new Set(names).size, names.length, `duplicates in ${names.join(', ')}`);
        const pages = gw.recorder.exchanges.slice(start).filter((e) => e.method === 'GET' && e.path === '/v1beta/models');
        assert.ok(pages.length >= 2, `expected several pages upstream, got ${pages.length}`);
        assert.ok(pages.slice(1).every((e) => /[?&]pageToken=/.test(e.query)), 'later pages carry the pageToken');
    });

    test('the 429 of the first key was invisible, and the client key never went upstream', async (t) => {
        // At most a couple more requests put one on key-limited (untried keys first).
        const failedOver = () => /status=200.*failovers=\d+/.test(gw.log());
        for (let i = 0; i < 2 && !failedOver(); ++i) {
            const response = await ai.models.generateContent({ model: MODEL, contents: `hello again (${i})` });
            assert.equal(response.text, GREETING);
            await gw.waitForLog(/status=200.*failovers=\d+/, 1_000);
        }
        assert.ok(failedOver(), `no request failed over\n${gw.describe()}`);
        const line = gw.log().split('\n').find((l) => /failovers=/.test(l));
        t.diagnostic(`gateway log: ${line.trim()}`);
        assert.match(line, /key=good@example\.com/, `the retry should have used key-good: ${line}`);
        assert.doesNotMatch(gw.log(), /status=(429|5\d\d)/, 'no rate limit or server error reached the SDK');

        const upstream = gw.recorder.exchanges;
        assert.ok(upstream.some((e) => e.key === 'key-limited' && e.status === 429), 'key-limited really got a 429');
        const keys = new Set(upstream.map((e) => e.key));
        assert.ok(!keys.has(CLIENT_KEY), 'the SDK\'s own key was replaced');
        for (const key of keys)
            assert.ok(['key-limited', 'key-good'].includes(key), `unexpected upstream key ${key}`);
    });
});
