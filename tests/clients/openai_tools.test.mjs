// End-to-end: the `openai` npm SDK's tool calling, vision, structured output and embeddings
// through a real `hydra gateway` in front of fake_gemini.
//
//   HYDRA_BIN=.../hydra FAKE_GEMINI_BIN=.../fake_gemini node --test openai_tools.test.mjs
//
// ctest runs it as openai_tools_client (label "client"). A recording proxy between the gateway
// and fake_gemini (harness.mjs, recordUpstream) shows what reached "Google": the image's
// inlineData, the JSON schema, and the thought signatures Gemini 3 wants back.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { importPackage, startGateway } from './harness.mjs';

const { default: OpenAI } = await importPackage('openai');
const { VERSION: SDK_VERSION } = await importPackage('openai/version');
const { zodFunction } = await importPackage('openai/helpers/zod');
const { z } = await importPackage('zod');

const GREETING = 'Hello from fake Gemini.';
const SKIP_SIGNATURE = 'skip_thought_signature_validator';
// A 1x1 transparent PNG.
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

// Two tools, declared as clients do: one from a zod schema through the SDK's helper (strict, with
// additionalProperties: false, which Gemini does not accept as is), one as plain JSON schema.
// fake_gemini calls the first declared function (and for a parallel pair, the second too) with
// sample arguments: strings "Paris" in the first call, "London" in the second.
const TOOLS = [
    zodFunction({
        name: 'get_weather',
        description: 'Current weather in a city',
        parameters: z.object({ city: z.string().describe('City name') }),
    }),
    {
        type: 'function',
        function: {
            name: 'get_time',
            description: 'Current local time in a place',
            parameters: {
                type: 'object',
                properties: { place: { type: 'string', description: 'City or time zone' } },
                required: ['place'],
            },
        },
    },
];

function runTool(call) {
    const args = JSON.parse(call.function.arguments);
    switch (call.function.name) {
    case 'get_weather':
        return JSON.stringify({ city: args.city, celsius: 21, sky: 'clear' });
    case 'get_time':
        return JSON.stringify({ place: args.place, time: '14:05' });
    default:
        throw new Error(`the model called an undeclared tool: ${call.function.name}`);
    }
}

function makeClient(gw, options = {}) {
    return new OpenAI({ baseURL: gw.baseURL, apiKey: 'unused', maxRetries: 0, timeout: 15_000, ...options });
}

// The functionCall parts of every model turn of a recorded generateContent body.
function modelCallParts(body) {
    return (body?.contents ?? [])
        .filter((c) => c.role === 'model')
        .map((c) => (c.parts ?? []).filter((p) => p.functionCall));
}

// The thoughtSignatures a recorded answer carried (unary JSON, or SSE "data:" events).
function issuedSignatures(exchange) {
    const events = exchange.response.trimStart().startsWith('data:')
        ? exchange.response.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => JSON.parse(l.slice(5)))
        : [JSON.parse(exchange.response)];
    return events.flatMap((e) => e.candidates ?? [])
        .flatMap((c) => c.content?.parts ?? [])
        .filter((p) => p.functionCall && p.thoughtSignature)
        .map((p) => p.thoughtSignature);
}

const generateCalls = (recorder) =>
    recorder.exchanges.filter((e) => /:(generateContent|streamGenerateContent)$/.test(e.path));

// Sends `params` through the SDK's chat.completions.stream helper and keeps its
// tool_calls.function.arguments.done events and raw chunks.
async function streamWithEvents(client, params) {
    const runner = client.chat.completions.stream({ ...params, stream: true });
    const done = [];
    const chunks = [];
    runner.on('tool_calls.function.arguments.done', (event) => done.push([event.index, event.name]));
    runner.on('chunk', (chunk) => chunks.push(chunk));
    const completion = await runner.finalChatCompletion();
    return { completion, done, chunks };
}

function assertOwnFinishChunk(chunks) {
    const finishing = chunks.filter((c) => c.choices.some((ch) => ch.finish_reason != null));
    assert.equal(finishing.length, 1, 'one chunk carries finish_reason');
    assert.deepEqual(finishing[0].choices[0].delta?.tool_calls ?? [], [],
        `the finish_reason chunk carries no tool_calls delta, as OpenAI's: ${JSON.stringify(finishing[0])}`);
}

describe(`openai ${SDK_VERSION}: parallel tool calls through the stream helper`, () => {
    let gw;
    let client;
    const REQUEST = {
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: 'Weather and time in Paris and London?' }],
        tools: TOOLS,
    };
    before(async () => {
        gw = await startGateway({
            name: 'hydra-openai-tools',
            keys: ['key-parallel'],
            fakeArgs: ['--default-answer', 'ParallelFunctionCalls'],
        });
        client = makeClient(gw);
    });
    after(() => gw?.stop());

    test('chat.completions.stream assembles two tool calls', async () => {
        const { completion } = await streamWithEvents(client, REQUEST);
        assert.match(completion.id, /^chatcmpl-/);
        const [choice] = completion.choices;
        assert.equal(choice.finish_reason, 'tool_calls');
        const calls = choice.message.tool_calls;
        assert.equal(calls?.length, 2, `tool_calls: ${JSON.stringify(calls)}`);
        assert.notEqual(calls[0].id, calls[1].id, 'the two calls have distinct ids');
        for (const call of calls) {
            assert.equal(call.type, 'function');
            assert.ok(call.id, 'every call has an id');
            assert.doesNotThrow(() => JSON.parse(call.function.arguments),
                `arguments are JSON: ${call.function.arguments}`);
        }
        assert.deepEqual(calls.map((c) => c.function.name), ['get_weather', 'get_time']);
        assert.deepEqual(JSON.parse(calls[0].function.arguments), { city: 'Paris' });
        assert.deepEqual(JSON.parse(calls[1].function.arguments), { place: 'London' });
        // The zod tool is auto-parseable: the SDK parsed and validated its arguments itself.
        assert.deepEqual(calls[0].function.parsed_arguments, { city: 'Paris' });
    });

    test('tool_calls.function.arguments.done fires for each call', async () => {
        const { done, chunks } = await streamWithEvents(client, REQUEST);
        assert.deepEqual(done, [[0, 'get_weather'], [1, 'get_time']], 'one done event per call, in order');
        assertOwnFinishChunk(chunks);
    });

    test('chat.completions.create (non-stream) returns the same two calls', async () => {
        const completion = await client.chat.completions.create(REQUEST);
        const [choice] = completion.choices;
        assert.equal(choice.finish_reason, 'tool_calls');
        assert.deepEqual(choice.message.tool_calls.map((c) => c.function.name), ['get_weather', 'get_time']);
        assert.notEqual(choice.message.tool_calls[0].id, choice.message.tool_calls[1].id);
    });
});

describe(`openai ${SDK_VERSION}: one tool call through the stream helper`, () => {
    let gw;
    let client;
    before(async () => {
        gw = await startGateway({
            name: 'hydra-openai-tool',
            keys: ['key-single'],
            fakeArgs: ['--default-answer', 'FunctionCall'],
        });
        client = makeClient(gw);
    });
    after(() => gw?.stop());

    const REQUEST = {
        model: 'gemini-2.5-flash',
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
        tools: TOOLS,
    };

    test('chat.completions.stream assembles the call', async () => {
        const { completion } = await streamWithEvents(client, REQUEST);
        assert.equal(completion.choices[0].finish_reason, 'tool_calls');
        const calls = completion.choices[0].message.tool_calls;
        assert.equal(calls?.length, 1, `tool_calls: ${JSON.stringify(calls)}`);
        assert.equal(calls[0].function.name, 'get_weather');
        assert.deepEqual(calls[0].function.parsed_arguments, { city: 'Paris' });
    });

    test('tool_calls.function.arguments.done fires for it', async () => {
        const { done, chunks } = await streamWithEvents(client, REQUEST);
        assert.deepEqual(done, [[0, 'get_weather']]);
        assertOwnFinishChunk(chunks);
    });
});

describe(`openai ${SDK_VERSION}: a Gemini 3 tool conversation over two keys`, () => {
    // Both keys answer: one call, then a parallel pair, then text. Whichever key serves turn 1
    // issued its signature; fake_gemini, like Gemini 3, refuses a history whose call turn lacks a
    // signature issued to the key that is asked. The SDK cannot carry a signature at all.
    const MODEL = 'gemini-3-flash-preview';
    let gw;
    let client;
    before(async () => {
        gw = await startGateway({
            name: 'hydra-openai-gemini3',
            keys: ['key-one', 'key-two'],
            recordUpstream: true,
            fakeArgs: [
                '--script-answers', 'key-one=FunctionCall,ParallelFunctionCalls,Text',
                '--script-answers', 'key-two=FunctionCall,ParallelFunctionCalls,Text',
            ],
        });
        client = makeClient(gw);
    });
    after(() => gw?.stop());

    test('three turns: a call, a parallel pair (streamed), then the answer', async () => {
        const messages = [
            { role: 'system', content: 'You are a travel assistant.' },
            { role: 'user', content: 'What is the weather in Paris, and the time in London?' },
        ];

        // Turn 1 (non-stream): one call.
        const first = await client.chat.completions.create({ model: MODEL, messages, tools: TOOLS });
        assert.equal(first.choices[0].finish_reason, 'tool_calls');
        const firstMessage = first.choices[0].message;
        assert.equal(firstMessage.tool_calls?.length, 1, JSON.stringify(firstMessage));
        assert.equal(firstMessage.tool_calls[0].function.name, 'get_weather');
        // As applications do: the SDK's message goes back as it came, plus one tool result per call.
        messages.push(firstMessage);
        for (const call of firstMessage.tool_calls)
            messages.push({ role: 'tool', tool_call_id: call.id, content: runTool(call) });

        // Turn 2 (stream helper): a parallel pair.
        const runner = client.chat.completions.stream({ model: MODEL, messages, tools: TOOLS, stream: true });
        const second = await runner.finalChatCompletion();
        assert.equal(second.choices[0].finish_reason, 'tool_calls');
        const secondMessage = second.choices[0].message;
        assert.equal(secondMessage.tool_calls?.length, 2, JSON.stringify(secondMessage));
        assert.notEqual(secondMessage.tool_calls[0].id, secondMessage.tool_calls[1].id);
        const turn2Ids = secondMessage.tool_calls.map((c) => c.id);
        assert.ok(!turn2Ids.includes(firstMessage.tool_calls[0].id), 'new calls get new ids');
        messages.push({
            role: 'assistant',
            content: secondMessage.content ?? null,
            tool_calls: secondMessage.tool_calls.map(({ id, type, function: fn }) =>
                ({ id, type, function: { name: fn.name, arguments: fn.arguments } })),
        });
        // Tool results in the reverse order: clients finish tools in any order.
        for (const call of [...secondMessage.tool_calls].reverse())
            messages.push({ role: 'tool', tool_call_id: call.id, content: runTool(call) });

        // Turn 3 (non-stream): the answer.
        const third = await client.chat.completions.create({ model: MODEL, messages, tools: TOOLS });
        assert.equal(third.choices[0].finish_reason, 'stop');
        assert.equal(third.choices[0].message.content, GREETING);

        // What went upstream: one key for the whole conversation, and each call turn carried the
        // signature that key issued for it (not the skip sentinel).
        const calls = generateCalls(gw.recorder);
        assert.equal(calls.length, 3, `upstream calls: ${calls.map((c) => `${c.key} ${c.path} ${c.status}`).join('; ')}`);
        assert.deepEqual(calls.map((c) => c.status), [200, 200, 200]);
        assert.equal(new Set(calls.map((c) => c.key)).size, 1,
            `the conversation moved between keys: ${calls.map((c) => c.key).join(', ')}`);
        const [sig1] = issuedSignatures(calls[0]);
        const [sig2] = issuedSignatures(calls[1]);
        assert.ok(sig1 && sig2, 'fake_gemini signed both call turns');

        const turn2History = modelCallParts(calls[1].body);
        assert.equal(turn2History.length, 1, 'turn 2 replays one model call turn');
        assert.equal(turn2History[0][0].thoughtSignature, sig1, 'turn 2 sends back the signature of turn 1');

        const turn3History = modelCallParts(calls[2].body);
        assert.equal(turn3History.length, 2, 'turn 3 replays both model call turns');
        assert.equal(turn3History[0][0].thoughtSignature, sig1);
        assert.equal(turn3History[1].length, 2, 'the parallel pair stays one turn of two calls');
        assert.equal(turn3History[1][0].thoughtSignature, sig2, 'the pair is signed on its first call');
        for (const parts of [...turn2History, ...turn3History])
            assert.notEqual(parts[0].thoughtSignature, SKIP_SIGNATURE);
        assert.doesNotMatch(gw.log(), /status=[45]\d\d/, 'no request failed');
    });

    test('a history with a tool call Hydra never issued still works', async () => {
        // A client that brings its own history (another gateway, a saved chat) has ids Hydra
        // does not know; Gemini 3 then needs Google's documented skip sentinel.
        gw.recorder.clear();
        const completion = await client.chat.completions.create({
            model: MODEL,
            tools: TOOLS,
            messages: [
                { role: 'user', content: 'Weather in Oslo?' },
                {
                    role: 'assistant',
                    content: null,
                    tool_calls: [{
                        id: 'call_from_elsewhere_1',
                        type: 'function',
                        function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
                    }],
                },
                { role: 'tool', tool_call_id: 'call_from_elsewhere_1', content: '{"celsius": 4}' },
            ],
        });
        assert.ok(['stop', 'tool_calls'].includes(completion.choices[0].finish_reason),
            `finish_reason ${completion.choices[0].finish_reason}`);
        const [call] = generateCalls(gw.recorder);
        assert.equal(modelCallParts(call.body)[0][0].thoughtSignature, SKIP_SIGNATURE);
    });
});

describe(`openai ${SDK_VERSION}: vision, json_schema and embeddings`, () => {
    let gw;
    let client;
    const sentBodies = []; // what the SDK put on the wire to the gateway
    before(async () => {
        gw = await startGateway({ name: 'hydra-openai-media', keys: ['key-media'], recordUpstream: true });
        client = makeClient(gw, {
            fetch: async (url, init) => {
                sentBodies.push({ url: String(url), body: typeof init?.body === 'string' ? init.body : null });
                return fetch(url, init);
            },
        });
    });
    after(() => gw?.stop());

    test('an image as a data URL reaches Gemini as inlineData', async () => {
        gw.recorder.clear();
        const completion = await client.chat.completions.create({
            model: 'gemini-2.5-flash',
            messages: [{
                role: 'user',
                content: [
                    { type: 'text', text: 'What is in this picture?' },
                    { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}`, detail: 'low' } },
                ],
            }],
        });
        assert.equal(completion.choices[0].message.content, GREETING);
        const [call] = generateCalls(gw.recorder);
        const parts = call.body.contents.flatMap((c) => c.parts);
        const image = parts.find((p) => p.inlineData || p.inline_data);
        assert.ok(image, `no inlineData part upstream: ${JSON.stringify(parts)}`);
        const blob = image.inlineData ?? image.inline_data;
        assert.equal(blob.mimeType ?? blob.mime_type, 'image/png');
        assert.equal(blob.data, PNG_BASE64);
        assert.ok(parts.some((p) => p.text === 'What is in this picture?'), 'the text part is kept');
    });

    test('response_format json_schema', async () => {
        gw.recorder.clear();
        const completion = await client.chat.completions.create({
            model: 'gemini-2.5-flash',
            messages: [{ role: 'user', content: 'Weather in Paris as JSON.' }],
            response_format: {
                type: 'json_schema',
                json_schema: {
                    name: 'weather',
                    strict: true,
                    schema: {
                        type: 'object',
                        properties: { city: { type: 'string' }, celsius: { type: 'number' } },
                        required: ['city', 'celsius'],
                        additionalProperties: false,
                    },
                },
            },
        });
        assert.equal(completion.choices[0].finish_reason, 'stop');
        assert.equal(typeof completion.choices[0].message.content, 'string');
        const [call] = generateCalls(gw.recorder);
        const config = call.body.generationConfig ?? call.body.generation_config ?? {};
        assert.equal(config.responseMimeType ?? config.response_mime_type, 'application/json');
        const schema = config.responseJsonSchema ?? config.responseSchema ?? config.response_json_schema
            ?? config.response_schema;
        assert.ok(schema, `no schema upstream: ${JSON.stringify(config)}`);
        assert.deepEqual(Object.keys(schema.properties).sort(), ['celsius', 'city']);
    });

    test('embeddings.create: input list, dimensions, base64 decoded by the SDK', async () => {
        const input = ['The quick brown fox', 'jumps over the lazy dog'];
        sentBodies.length = 0;
        // The SDK asks for base64 by default and decodes it into numbers itself.
        const viaBase64 = await client.embeddings.create({ model: 'gemini-embedding-001', input, dimensions: 8 });
        const request = JSON.parse(sentBodies.at(-1).body);
        assert.equal(request.encoding_format, 'base64', 'the SDK default went on the wire');

        assert.equal(viaBase64.object, 'list');
        assert.equal(viaBase64.data.length, 2);
        viaBase64.data.forEach((item, i) => {
            assert.equal(item.object, 'embedding');
            assert.equal(item.index, i);
            assert.ok(Array.isArray(item.embedding), `embedding ${i} decoded to an array`);
            assert.equal(item.embedding.length, 8, `embedding ${i} has the asked dimensions`);
            assert.ok(item.embedding.every((v) => Number.isFinite(v)), `embedding ${i} is finite numbers`);
        });
        assert.notDeepEqual(viaBase64.data[0].embedding, viaBase64.data[1].embedding, 'different texts differ');

        const viaFloat = await client.embeddings.create({
            model: 'gemini-embedding-001', input, dimensions: 8, encoding_format: 'float',
        });
        viaFloat.data.forEach((item, i) => {
            assert.equal(item.embedding.length, 8);
            item.embedding.forEach((v, j) => assert.ok(Math.abs(v - viaBase64.data[i].embedding[j]) < 1e-6,
                `float and base64 agree at [${i}][${j}]: ${v} vs ${viaBase64.data[i].embedding[j]}`));
        });

        const single = await client.embeddings.create({ model: 'gemini-embedding-001', input: 'one text' });
        assert.equal(single.data.length, 1);
        assert.ok(single.data[0].embedding.length > 8, 'without dimensions, the model default');
    });
});
