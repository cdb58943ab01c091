// End-to-end: LangChain's ChatOpenAI (@langchain/openai) with zod tools bound through bindTools,
// through a full tool round trip against a real `hydra gateway` in front of fake_gemini.
//
//   HYDRA_BIN=.../hydra FAKE_GEMINI_BIN=.../fake_gemini node --test langchain.test.mjs
//
// ctest runs it as langchain_client (label "client").

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { importPackage, packageVersion, startGateway } from './harness.mjs';

const { ChatOpenAI } = await importPackage('@langchain/openai');
const { tool } = await importPackage('@langchain/core/tools');
const { AIMessage, AIMessageChunk, HumanMessage, ToolMessage } = await importPackage('@langchain/core/messages');
const { z } = await importPackage('zod');

const VERSIONS = `@langchain/openai ${await packageVersion('@langchain/openai')}, ` +
    `@langchain/core ${await packageVersion('@langchain/core')}`;
const GREETING = 'Hello from fake Gemini.';

// fake_gemini calls the first declared tool with sample arguments ("Paris"), and for a parallel
// pair the second one too ("London").
const getWeather = tool(
    async ({ city, unit }) => JSON.stringify({ city, temperature: 21, unit: unit ?? 'celsius' }),
    {
        name: 'get_weather',
        description: 'Current weather in a city',
        schema: z.object({
            city: z.string().describe('City name'),
            unit: z.enum(['celsius', 'fahrenheit']).optional().describe('Temperature unit'),
        }),
    });
const getTime = tool(
    async ({ place }) => JSON.stringify({ place, time: '14:05' }),
    {
        name: 'get_time',
        description: 'Current local time in a place',
        schema: z.object({ place: z.string().describe('City or time zone') }),
    });
const TOOLS = { get_weather: getWeather, get_time: getTime };

function chatModel(gw, model, options = {}) {
    return new ChatOpenAI({
        model,
        apiKey: 'unused',
        maxRetries: 0,
        timeout: 15_000,
        configuration: { baseURL: gw.baseURL },
        ...options,
    });
}

// Runs every tool call of `ai` as LangChain agents do: tool.invoke(toolCall) gives a ToolMessage.
async function runTools(ai) {
    const results = [];
    for (const call of ai.tool_calls) {
        const chosen = TOOLS[call.name];
        assert.ok(chosen, `the model called an undeclared tool: ${call.name}`);
        const message = await chosen.invoke(call);
        assert.ok(ToolMessage.isInstance(message), 'invoking a tool with a ToolCall gives a ToolMessage');
        assert.equal(message.tool_call_id, call.id);
        results.push(message);
    }
    return results;
}

async function streamed(model, messages) {
    let whole;
    let chunks = 0;
    for await (const chunk of await model.stream(messages)) {
        ++chunks;
        whole = whole ? whole.concat(chunk) : chunk;
    }
    assert.ok(whole, 'the stream produced chunks');
    return { message: whole, chunks };
}

describe(`${VERSIONS}: ChatOpenAI.bindTools round trip on gemini-2.5-flash`, () => {
    let gw;
    before(async () => {
        gw = await startGateway({
            name: 'hydra-langchain',
            keys: ['key-lc'],
            fakeArgs: ['--script-answers', 'key-lc=FunctionCall,Text,FunctionCall,Text'],
        });
    });
    after(() => gw?.stop());

    test('invoke → tool call → ToolMessage → final text', async () => {
        const model = chatModel(gw, 'gemini-2.5-flash').bindTools([getWeather, getTime]);
        const human = new HumanMessage('What is the weather in Paris?');

        const ai = await model.invoke([human]);
        assert.ok(AIMessage.isInstance(ai), `an AIMessage, got ${ai?.constructor?.name}`);
        assert.equal(ai.tool_calls.length, 1, `tool_calls: ${JSON.stringify(ai.tool_calls)}`);
        const [call] = ai.tool_calls;
        assert.equal(call.name, 'get_weather');
        assert.deepEqual(call.args, { city: 'Paris' });
        assert.equal(typeof call.id, 'string');
        assert.ok(call.id.length > 0, 'the call has an id');
        assert.deepEqual(ai.invalid_tool_calls ?? [], []);
        assert.equal(ai.response_metadata?.finish_reason, 'tool_calls');

        const results = await runTools(ai);
        assert.match(results[0].content, /"city":"Paris"/);

        const final = await model.invoke([human, ai, ...results]);
        assert.ok(AIMessage.isInstance(final));
        assert.equal(final.content, GREETING);
        assert.deepEqual(final.tool_calls, []);
        assert.equal(final.response_metadata?.finish_reason, 'stop');
        assert.ok(final.usage_metadata?.total_tokens > 0, `usage_metadata ${JSON.stringify(final.usage_metadata)}`);
    });

    test('the same round trip streamed, chunks concatenated', async () => {
        const model = chatModel(gw, 'gemini-2.5-flash', { streaming: true }).bindTools([getWeather, getTime]);
        const human = new HumanMessage('And the weather in Paris now, streamed?');

        const { message: ai } = await streamed(model, [human]);
        assert.ok(AIMessageChunk.isInstance(ai));
        assert.equal(ai.tool_calls.length, 1, `tool_calls: ${JSON.stringify(ai.tool_calls)}; ` +
            `chunks: ${JSON.stringify(ai.tool_call_chunks)}`);
        assert.equal(ai.tool_calls[0].name, 'get_weather');
        assert.deepEqual(ai.tool_calls[0].args, { city: 'Paris' });
        assert.ok(ai.tool_calls[0].id, 'the streamed call has an id');

        const results = await runTools(ai);
        const { message: final, chunks } = await streamed(model, [human, ai, ...results]);
        assert.ok(chunks >= 2, `the answer came in ${chunks} chunks`);
        assert.equal(final.content, GREETING);
        assert.deepEqual(final.tool_calls, []);
    });
});

describe(`${VERSIONS}: parallel tools on gemini-3-flash-preview over two keys`, () => {
    // Gemini 3 refuses a history whose call turn lacks the signature it issued to the key that
    // is asked; LangChain knows nothing of signatures, so the gateway has to keep and resend them.
    let gw;
    before(async () => {
        gw = await startGateway({
            name: 'hydra-langchain-gemini3',
            keys: ['key-one', 'key-two'],
            recordUpstream: true,
            fakeArgs: [
                '--script-answers', 'key-one=ParallelFunctionCalls,Text,ParallelFunctionCalls,Text',
                '--script-answers', 'key-two=ParallelFunctionCalls,Text,ParallelFunctionCalls,Text',
            ],
        });
    });
    after(() => gw?.stop());

    test('streamed parallel calls, then invoke with both results', async () => {
        const model = chatModel(gw, 'gemini-3-flash-preview').bindTools([getWeather, getTime]);
        const human = new HumanMessage('Weather in Paris and the time in London?');

        const { message: ai } = await streamed(model, [human]);
        assert.deepEqual(ai.tool_calls.map((c) => [c.name, c.args]),
            [['get_weather', { city: 'Paris' }], ['get_time', { place: 'London' }]],
            `tool_call_chunks: ${JSON.stringify(ai.tool_call_chunks)}`);
        assert.notEqual(ai.tool_calls[0].id, ai.tool_calls[1].id, 'distinct ids');

        const results = await runTools(ai);
        const final = await model.invoke([human, ai, ...results.reverse()]);
        assert.equal(final.content, GREETING);

        const calls = gw.recorder.exchanges.filter((e) => /:(generateContent|streamGenerateContent)$/.test(e.path));
        assert.deepEqual(calls.map((c) => c.status), [200, 200], `upstream: ${calls.map((c) => c.key).join(', ')}`);
        assert.equal(calls[0].key, calls[1].key, 'the conversation stayed on the key that signed it');
        const replayed = calls[1].body.contents.find((c) => c.role === 'model');
        const signature = replayed?.parts?.[0]?.thoughtSignature;
        assert.ok(signature && signature !== 'skip_thought_signature_validator',
            `the real signature went back: ${JSON.stringify(replayed)}`);
    });

    test('the same, not streamed', async () => {
        const model = chatModel(gw, 'gemini-3-flash-preview').bindTools([getWeather, getTime]);
        const human = new HumanMessage('Weather in Paris and the time in London, once more?');
        const ai = await model.invoke([human]);
        assert.deepEqual(ai.tool_calls.map((c) => c.name), ['get_weather', 'get_time'], JSON.stringify(ai.tool_calls));
        const final = await model.invoke([human, ai, ...await runTools(ai)]);
        assert.equal(final.content, GREETING);
        assert.doesNotMatch(gw.log(), /status=[45]\d\d/, 'no request failed');
    });
});
