// End-to-end: Anthropic's own SDK (@anthropic-ai/sdk, what Claude Code is built on) against the
// Messages API of a real `hydra gateway` in front of fake_gemini.
//
//   HYDRA_BIN=.../hydra FAKE_GEMINI_BIN=.../fake_gemini node --test anthropic_sdk.test.mjs
//
// ctest runs it as anthropic_sdk_client (label "client"). A recording proxy between the gateway
// and fake_gemini (harness.mjs, recordUpstream) shows what reached "Google": the system
// instruction, the cleaned tool schema, and the thought signature Gemini 3 wants back, which the
// client carries in its thinking block.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { importPackage, packageVersion, startGateway } from './harness.mjs';

const { default: Anthropic } = await importPackage('@anthropic-ai/sdk');
const SDK_VERSION = await packageVersion('@anthropic-ai/sdk');

const GREETING = 'Hello from fake Gemini.';
const SKIP_SIGNATURE = 'skip_thought_signature_validator';

// Declared as Claude Code declares its tools: JSON Schema keywords Gemini does not take.
const BASH_TOOL = {
    name: 'Bash',
    description: 'Runs a shell command and returns its output.',
    input_schema: {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: {
            command: { type: 'string', description: 'The command to run' },
            timeout: { type: 'number', exclusiveMinimum: 0 },
        },
        required: ['command'],
        additionalProperties: false,
    },
};

function makeClient(gw, options = {}) {
    // The SDK adds /v1/messages itself: its base URL is the gateway's root.
    return new Anthropic({ baseURL: gw.root, apiKey: 'unused', maxRetries: 0, timeout: 15_000, ...options });
}

const generateCalls = (recorder) =>
    recorder.exchanges.filter((e) => /:(generateContent|streamGenerateContent)$/.test(e.path));

describe(`@anthropic-ai/sdk ${SDK_VERSION}: text`, () => {
    let gw;
    let client;
    before(async () => {
        gw = await startGateway({ name: 'hydra-anthropic-text', keys: ['key-a'], recordUpstream: true });
        client = makeClient(gw);
    });
    after(() => gw?.stop());

    test('messages.create answers with a text block and usage', async () => {
        const message = await client.messages.create({
            model: 'gemini-2.5-flash',
            max_tokens: 256,
            system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
            messages: [{ role: 'user', content: 'Say hello.' }],
        });
        assert.match(message.id, /^msg_/);
        assert.equal(message.type, 'message');
        assert.equal(message.role, 'assistant');
        assert.equal(message.model, 'gemini-2.5-flash');
        assert.deepEqual(message.content, [{ type: 'text', text: GREETING }]);
        assert.equal(message.stop_reason, 'end_turn');
        assert.ok(message.usage.input_tokens > 0 && message.usage.output_tokens > 0, JSON.stringify(message.usage));
        const [call] = generateCalls(gw.recorder);
        assert.deepEqual(call.body.systemInstruction, { parts: [{ text: 'Be brief.' }] });
        assert.equal(call.body.generationConfig.maxOutputTokens, 256);
    });

    test('messages.stream delivers the text as it comes, and the final message', async () => {
        const stream = client.messages.stream({
            model: 'gemini-2.5-flash',
            max_tokens: 256,
            messages: [{ role: 'user', content: 'Say hello.' }],
        });
        const pieces = [];
        stream.on('text', (text) => pieces.push(text));
        const message = await stream.finalMessage();
        assert.ok(pieces.length > 1, `the text came in pieces: ${JSON.stringify(pieces)}`);
        assert.equal(pieces.join(''), GREETING);
        assert.deepEqual(message.content, [{ type: 'text', text: GREETING }]);
        assert.equal(message.stop_reason, 'end_turn');
    });

    test("a claude-* name is answered by the mapped Gemini model, and echoed back", async () => {
        gw.recorder.clear();
        const message = await client.messages.create({
            model: 'claude-3-5-haiku-latest',
            max_tokens: 64,
            messages: [{ role: 'user', content: 'hi' }],
        });
        assert.equal(message.model, 'claude-3-5-haiku-latest');
        const [call] = generateCalls(gw.recorder);
        assert.match(call.path, /models\/gemini-flash-lite-latest:generateContent$/);
    });

    test('messages.countTokens asks Gemini\'s countTokens with the translated request', async () => {
        gw.recorder.clear();
        const counted = await client.messages.countTokens({
            model: 'gemini-2.5-flash',
            system: 'Be brief.',
            tools: [BASH_TOOL],
            messages: [{ role: 'user', content: 'Say hello.' }],
        });
        assert.ok(Number.isInteger(counted.input_tokens) && counted.input_tokens > 0, JSON.stringify(counted));
        const [call] = gw.recorder.exchanges.filter((e) => e.path.endsWith(':countTokens'));
        assert.ok(call, 'one countTokens call went upstream');
        assert.match(call.path, /models\/gemini-2\.5-flash:countTokens$/);
        const inner = call.body.generateContentRequest;
        assert.equal(inner.model, 'models/gemini-2.5-flash');
        assert.deepEqual(inner.systemInstruction, { parts: [{ text: 'Be brief.' }] });
        assert.equal(inner.tools[0].functionDeclarations[0].name, 'Bash');
        assert.equal(JSON.parse(call.response).totalTokens, counted.input_tokens);
    });

    test('a bad request is a BadRequestError in Anthropic\'s shape', async () => {
        await assert.rejects(
            client.messages.create({ model: 'gemini-2.5-flash', max_tokens: 10, messages: [{ role: 'tool', content: 'x' }] }),
            (error) => {
                assert.ok(error instanceof Anthropic.BadRequestError, `${error.constructor.name}: ${error.message}`);
                assert.equal(error.status, 400);
                assert.equal(error.error?.type, 'error');
                assert.equal(error.error?.error?.type, 'invalid_request_error');
                assert.match(error.error?.error?.message, /messages\[0\]\.role/);
                return true;
            });
    });
});

describe(`@anthropic-ai/sdk ${SDK_VERSION}: a Gemini 3 tool turn over two keys`, () => {
    // Whichever key answers turn 1 issued its signature; fake_gemini, like Gemini 3, refuses a
    // history whose call turn lacks a signature issued to the key that is asked. The signature
    // travels in the thinking block the SDK keeps, so Hydra stores nothing.
    const MODEL = 'gemini-3-flash-preview';
    let gw;
    let client;
    before(async () => {
        gw = await startGateway({
            name: 'hydra-anthropic-tools',
            keys: ['key-one', 'key-two'],
            recordUpstream: true,
            fakeArgs: [
                '--script-answers', 'key-one=FunctionCall,Text,FunctionCall,Text',
                '--script-answers', 'key-two=FunctionCall,Text,FunctionCall,Text',
            ],
        });
        client = makeClient(gw);
    });
    after(() => gw?.stop());

    async function toolTurn(stream) {
        gw.recorder.clear();
        const messages = [{ role: 'user', content: 'List the files.' }];
        const params = { model: MODEL, max_tokens: 1024, tools: [BASH_TOOL], messages };
        const first = stream ? await client.messages.stream(params).finalMessage() : await client.messages.create(params);
        assert.equal(first.stop_reason, 'tool_use', JSON.stringify(first));
        const thinking = first.content.find((b) => b.type === 'thinking');
        const toolUse = first.content.find((b) => b.type === 'tool_use');
        assert.ok(thinking && toolUse, `a thinking block carries the signature before the call: ${JSON.stringify(first.content)}`);
        assert.ok(first.content.indexOf(thinking) < first.content.indexOf(toolUse));
        assert.match(thinking.signature, /^hydra\.1\.[0-9a-f]{8}\./);
        assert.equal(toolUse.name, 'Bash');
        assert.match(toolUse.id, /^toolu_/);
        assert.equal(typeof toolUse.input, 'object');

        // As Claude Code does: the assistant's content goes back as it came, then the result.
        messages.push({ role: 'assistant', content: first.content });
        messages.push({ role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: 'a.txt\nb.txt' }] });
        const second = await client.messages.create(params);
        assert.equal(second.stop_reason, 'end_turn');
        assert.deepEqual(second.content, [{ type: 'text', text: GREETING }]);

        const calls = generateCalls(gw.recorder);
        assert.deepEqual(calls.map((c) => c.status), [200, 200], calls.map((c) => `${c.key} ${c.status}`).join('; '));
        assert.equal(calls[0].key, calls[1].key, 'the conversation stays on the key that signed it');
        const issued = (calls[0].response.match(/"thoughtSignature":\s*"([^"]+)"/) ?? [])[1];
        assert.ok(issued, 'fake_gemini signed the call');
        assert.ok(thinking.signature.endsWith(`.${issued}`), 'the thinking block carries Gemini\'s own signature');
        const modelTurn = calls[1].body.contents.find((c) => c.role === 'model');
        const callPart = modelTurn.parts.find((p) => p.functionCall);
        assert.equal(callPart.thoughtSignature, issued, 'turn 2 gives Gemini its signature back on the call');
        assert.notEqual(callPart.thoughtSignature, SKIP_SIGNATURE);
        assert.ok(!modelTurn.parts.some((p) => p.thought), 'no separate thought part goes back');
        const result = calls[1].body.contents.at(-1).parts[0].functionResponse;
        assert.deepEqual(result, { name: 'Bash', response: { result: 'a.txt\nb.txt' } });
        // The tool schema reached Gemini cleaned of what it refuses.
        const declared = calls[0].body.tools[0].functionDeclarations[0].parameters;
        assert.equal(declared.$schema, undefined);
        assert.equal(declared.additionalProperties, undefined);
        assert.equal(declared.properties.timeout.exclusiveMinimum, undefined);
    }

    test('messages.create: the tool turn, with the signature carried by the client', () => toolTurn(false));
    test('messages.stream: the same turn streamed', () => toolTurn(true));
});

describe(`@anthropic-ai/sdk ${SDK_VERSION}: every key rate-limited`, () => {
    let gw;
    let client;
    before(async () => {
        gw = await startGateway({
            name: 'hydra-anthropic-429',
            keys: ['key-busy'],
            fakeArgs: ['--default-behaviour', 'RateLimitPerMinute'],
        });
        client = makeClient(gw);
    });
    after(() => gw?.stop());

    test('is a RateLimitError with retry-after', async () => {
        await assert.rejects(
            client.messages.create({ model: 'gemini-2.5-flash', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
            (error) => {
                assert.ok(error instanceof Anthropic.RateLimitError, `${error.constructor.name}: ${error.message}`);
                assert.equal(error.error?.error?.type, 'rate_limit_error');
                assert.ok(Number(error.headers?.get('retry-after')) >= 1, 'retry-after says when');
                return true;
            });
    });
});
