// Tools, thinking, grounding and thought signatures end to end: an OpenAI-shaped client, the
// real gateway on its worker thread, and the fake Gemini answering in Google's shapes
// (tests/fakes/fake_gemini_answers.cpp), including Gemini 3's rule that a function call in the
// history carries the signature the same key issued.
//
// Bodies are built with nlohmann::json: moc 6.4 misreads raw string literals in this file.

#include "gateway_harness.h"

#include <QFloat16> // complete, for QCOMPARE on nlohmann::json (which converts to anything)
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <map>
#include <set>

using hydra::fakes::Answer;
using hydra::fakes::Behaviour;
using hydra::testing::GatewayHarness;
using hydra::testing::HttpResult;
using json = nlohmann::json;

namespace {

const char *const kGemini3 = "gemini-3-flash-preview";
const char *const kGemini25 = "gemini-2.5-flash";

json parse(const QByteArray &bytes)
{
    return json::parse(bytes.constData(), bytes.constData() + bytes.size(), nullptr, false);
}

QByteArray dump(const json &j)
{
    return QByteArray::fromStdString(j.dump());
}

// get_weather(city, unit) and get_time(zone), as an OpenAI client declares them.
json weatherTools()
{
    const json weather = {
        {"type", "function"},
        {"function",
         {{"name", "get_weather"},
          {"description", "Current weather in a city"},
          {"parameters",
           {{"type", "object"},
            {"properties",
             {{"city", {{"type", "string"}}},
              {"unit", {{"type", "string"}, {"enum", json::array({"celsius", "fahrenheit"})}}}}},
            {"required", json::array({"city", "unit"})}}}}}};
    const json time = {{"type", "function"},
                       {"function",
                        {{"name", "get_time"},
                         {"parameters",
                          {{"type", "object"},
                           {"properties", {{"zone", {{"type", "string"}}}}},
                           {"required", json::array({"zone"})}}}}}};
    return json::array({weather, time});
}

json userMessage(const char *text)
{
    return {{"role", "user"}, {"content", text}};
}

json chatBody(const std::string &model, json messages, bool stream, bool tools = true)
{
    json body = {{"model", model}, {"messages", std::move(messages)}, {"stream", stream}};
    if (stream)
        body["stream_options"] = {{"include_usage", true}};
    if (tools)
        body["tools"] = weatherTools();
    return body;
}

// What an OpenAI client sends back after running the calls: the assistant turn as it came
// (ids, names, arguments; no signature, which OpenAI has no field for) and one result per call.
json assistantWithCalls(const json &toolCalls)
{
    json calls = json::array();
    for (const json &call : toolCalls)
        calls.push_back({{"id", call["id"]},
                         {"type", "function"},
                         {"function", {{"name", call["function"]["name"]}, {"arguments", call["function"]["arguments"]}}}});
    return {{"role", "assistant"}, {"content", nullptr}, {"tool_calls", calls}};
}

json toolResult(const json &id, const std::string &content)
{
    return {{"role", "tool"}, {"tool_call_id", id}, {"content", content}};
}

// A streamed answer, taken apart.
struct Stream {
    QList<json> chunks; // every data: event but [DONE]
    bool done = false;  // ended with data: [DONE]
    json error;         // the data: {"error": ...} event, if one came
    std::string content, reasoning;
    QList<json> toolCalls; // every tool_calls delta entry, in order
    QList<json> annotations;
    QStringList finishReasons;
    json usage;

    explicit Stream(const QByteArray &body)
    {
        for (const QByteArray &data : GatewayHarness::sseData(body)) {
            if (data == "[DONE]") {
                done = true;
                continue;
            }
            const json chunk = parse(data);
            if (chunk.contains("error")) {
                error = chunk["error"];
                continue;
            }
            chunks.append(chunk);
            if (chunk.contains("usage") && chunk["usage"].is_object())
                usage = chunk["usage"];
            for (const json &choice : chunk.value("choices", json::array())) {
                const json &delta = choice["delta"];
                if (delta.contains("content") && delta["content"].is_string())
                    content += delta["content"].get<std::string>();
                if (delta.contains("reasoning_content"))
                    reasoning += delta["reasoning_content"].get<std::string>();
                for (const json &call : delta.value("tool_calls", json::array()))
                    toolCalls.append(call);
                for (const json &annotation : delta.value("annotations", json::array()))
                    annotations.append(annotation);
                if (choice["finish_reason"].is_string())
                    finishReasons << QString::fromStdString(choice["finish_reason"].get<std::string>());
            }
        }
    }
};

// The generateContent body the fake received last, parsed.
json lastSent(const hydra::fakes::FakeGemini &fake)
{
    return parse(fake.requests().last().body);
}

// The first functionCall part of the last model turn the fake received.
json sentCallPart(const hydra::fakes::FakeGemini &fake)
{
    const json sent = lastSent(fake);
    for (auto it = sent["contents"].rbegin(); it != sent["contents"].rend(); ++it) {
        if ((*it)["role"] != "model")
            continue;
        for (const json &part : (*it)["parts"])
            if (part.contains("functionCall"))
                return part;
    }
    return json();
}

hydra::GatewayConfig configFor(const hydra::fakes::FakeGemini &fake, const QList<QByteArray> &keys,
                               const QString &configDir)
{
    hydra::GatewayConfig config;
    config.port = 0;
    config.upstream = QUrl(fake.baseUrl());
    int index = 0;
    for (const auto &key : keys)
        config.keys.push_back({key.toStdString(), "key-" + std::to_string(++index), {}, {}, {}});
    config.configDir = configDir;
    return config;
}

} // namespace

class ToolsEndToEnd : public QObject
{
    Q_OBJECT

private:
    static HttpResult chat(GatewayHarness &gateway, const json &body)
    {
        return gateway.postJson(QStringLiteral("/chat/completions"), dump(body));
    }

    static HttpResult chatAt(GatewayHarness &gateway, const QString &baseUrl, const json &body)
    {
        QNetworkRequest request(QUrl(baseUrl + QStringLiteral("/chat/completions")));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        return GatewayHarness::finish(gateway.network.post(request, dump(body)));
    }

    // A unary answer's first choice, after checking the status.
    static json choiceOf(const HttpResult &result)
    {
        [&] { QVERIFY2(result.status == 200, result.body.constData()); }();
        const json body = parse(result.body);
        return body.contains("choices") && !body["choices"].empty() ? body["choices"][0] : json::object();
    }

    // Checks a pair of tool calls as an OpenAI client assembles them: by index, 0 then 1.
    static void checkParallelCalls(const QList<json> &entries, bool gemini3)
    {
        std::map<int, json> calls;
        for (const json &entry : entries) {
            QVERIFY(entry["index"].is_number_integer());
            const int index = entry["index"].get<int>();
            if (!calls.count(index)) {
                QVERIFY2(entry.contains("id") && entry["id"].is_string(), entry.dump().c_str());
                QCOMPARE(entry["type"].get<std::string>(), std::string("function"));
                calls[index] = entry;
            } else { // a later delta of the same call may only add argument text
                QVERIFY(!entry.contains("id") || entry["id"] == calls[index]["id"]);
                calls[index]["function"]["arguments"] = calls[index]["function"]["arguments"].get<std::string>()
                    + entry["function"].value("arguments", std::string());
            }
        }
        QCOMPARE(calls.size(), std::size_t(2));
        QVERIFY(calls.count(0) && calls.count(1));
        const std::string id0 = calls[0]["id"].get<std::string>(), id1 = calls[1]["id"].get<std::string>();
        QVERIFY(!id0.empty() && !id1.empty());
        QVERIFY(id0 != id1);
        if (!gemini3) { // Gemini 2.x has no call ids: Hydra makes them up (Gemini 3's may be passed on)
            QVERIFY2(id0.rfind("call_", 0) == 0 && id1.rfind("call_", 0) == 0, (id0 + " " + id1).c_str());
        }
        QCOMPARE(calls[0]["function"]["name"].get<std::string>(), std::string("get_weather"));
        QCOMPARE(calls[1]["function"]["name"].get<std::string>(), std::string("get_time"));
        const json args0 = json::parse(calls[0]["function"]["arguments"].get<std::string>(), nullptr, false);
        const json args1 = json::parse(calls[1]["function"]["arguments"].get<std::string>(), nullptr, false);
        QCOMPARE(args0, (json{{"city", "Paris"}, {"unit", "celsius"}}));
        QCOMPARE(args1, (json{{"zone", "London"}}));
    }

private Q_SLOTS:
    // --- tool calls ---------------------------------------------------------------------------

    void parallelToolCallsStreamedInSeparateEvents_data()
    {
        QTest::addColumn<QByteArray>("model");
        QTest::newRow("gemini-2.5 (no call ids)") << QByteArray(kGemini25);
        QTest::newRow("gemini-3 (call ids of its own)") << QByteArray(kGemini3);
    }

    void parallelToolCallsStreamedInSeparateEvents()
    {
        QFETCH(QByteArray, model);
        GatewayHarness gateway({"key-a"});
        gateway.fake.setDefaultAnswer(Answer::ParallelFunctionCalls);
        const auto result = chat(gateway, chatBody(model.toStdString(), json::array({userMessage("Weather in Paris, time in London?")}), true));
        QCOMPARE(result.status, 200);
        const Stream stream(result.body);
        QVERIFY(stream.error.is_null());
        QVERIFY(stream.done);
        QCOMPARE(stream.toolCalls.size(), 2); // the fake sent them in two events
        QCOMPARE(stream.toolCalls[0]["index"].get<int>(), 0);
        QCOMPARE(stream.toolCalls[1]["index"].get<int>(), 1);
        checkParallelCalls(stream.toolCalls, model.startsWith("gemini-3"));
        QCOMPARE(stream.finishReasons, QStringList{QStringLiteral("tool_calls")});
        QVERIFY(stream.content.empty());
        QVERIFY(stream.usage["completion_tokens"].get<int>() > 0);
        QSet<std::string> ids;
        for (const json &chunk : stream.chunks)
            ids.insert(chunk["id"].get<std::string>());
        QCOMPARE(ids.size(), 1); // one completion id across the chunks

        // Unary: the same two calls, in the message.
        const json choice = choiceOf(chat(gateway, chatBody(model.toStdString(), json::array({userMessage("Again?")}), false)));
        QCOMPARE(choice["finish_reason"].get<std::string>(), std::string("tool_calls"));
        QVERIFY(choice["message"]["content"].is_null());
        QList<json> calls;
        int index = 0;
        for (json call : choice["message"]["tool_calls"]) {
            call["index"] = index++; // what a streaming client would have seen
            calls.append(call);
        }
        checkParallelCalls(calls, model.startsWith("gemini-3"));
    }

    void toolCallRoundTripOnGemini3StaysOnTheSigningKey()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        GatewayHarness gateway({"key-a", "key-b"},
                               [&](hydra::GatewayConfig &config) { config.configDir = dir.path(); });
        gateway.fake.scriptAnswers("key-a", {Answer::FunctionCall});

        // Turn 1 (streamed): key-a, the least recently used, answers with a signed call.
        json messages = json::array({userMessage("What's the weather in Paris?")});
        const auto first = chat(gateway, chatBody(kGemini3, messages, true));
        QCOMPARE(first.status, 200);
        const Stream turn1(first.body);
        QVERIFY(turn1.done);
        QCOMPARE(turn1.toolCalls.size(), 1);
        QCOMPARE(turn1.finishReasons, QStringList{QStringLiteral("tool_calls")});
        QCOMPARE(gateway.fake.requests().last().key, QByteArray("key-a"));
        const auto issued = gateway.fake.issuedSignatures();
        QCOMPARE(issued.size(), 1);
        QCOMPARE(issued[0].first, QByteArray("key-a"));

        // Turn 2: the OpenAI history, without any signature. Least-recently-used rotation would
        // now pick key-b (whose signature check would fail); Hydra stays on key-a and re-attaches
        // the signature it kept.
        json call = turn1.toolCalls[0];
        call.erase("index");
        messages.push_back(assistantWithCalls(json::array({call})));
        messages.push_back(toolResult(call["id"], "{\"temp_c\": 18, \"sky\": \"clear\"}"));
        const json choice = choiceOf(chat(gateway, chatBody(kGemini3, messages, false)));
        QCOMPARE(choice["message"]["content"].get<std::string>(), std::string("Hello from fake Gemini."));
        QCOMPARE(choice["finish_reason"].get<std::string>(), std::string("stop"));
        QCOMPARE(gateway.fake.requests().size(), 2);
        QCOMPARE(gateway.fake.requests().last().key, QByteArray("key-a"));
        const json part = sentCallPart(gateway.fake);
        QCOMPARE(QByteArray::fromStdString(part.value("thoughtSignature", std::string())), issued[0].second);
        QCOMPARE(part["functionCall"]["name"].get<std::string>(), std::string("get_weather"));
        QCOMPARE(part["functionCall"]["args"],
                 json::parse(call["function"]["arguments"].get<std::string>())); // the arguments as called

        // The next plain request is served by key-b: rotation itself is untouched.
        QCOMPARE(chat(gateway, chatBody(kGemini3, json::array({userMessage("Thanks!")}), false)).status, 200);
        QCOMPARE(gateway.fake.requests().last().key, QByteArray("key-b"));
    }

    void conversationMovesOnWhenItsKeyCannotServe_data()
    {
        QTest::addColumn<bool>("rateLimited"); // else: its key answers with a malformed call
        QTest::addColumn<bool>("stream");
        QTest::newRow("rate-limited") << true << false;
        QTest::newRow("rate-limited, streamed") << true << true;
        QTest::newRow("malformed answer") << false << false;
        QTest::newRow("malformed answer, streamed") << false << true;
    }

    void conversationMovesOnWhenItsKeyCannotServe()
    {
        // The conversation's key cannot answer turn 2, so another key must; key-a's signature
        // would not validate there, so Hydra sends Google's skip sentinel in its place.
        QFETCH(bool, rateLimited);
        QFETCH(bool, stream);
        GatewayHarness gateway({"key-a", "key-b"});
        gateway.fake.scriptAnswers("key-a", {Answer::FunctionCall});
        json messages = json::array({userMessage("What's the weather in Paris?")});
        const json choice = choiceOf(chat(gateway, chatBody(kGemini3, messages, false)));
        QCOMPARE(gateway.fake.requests().last().key, QByteArray("key-a"));
        const json call = choice["message"]["tool_calls"][0];
        messages.push_back(assistantWithCalls(json::array({call})));
        messages.push_back(toolResult(call["id"], "{\"temp_c\": 18}"));

        if (rateLimited)
            gateway.fake.script("key-a", {Behaviour::RateLimitPerMinute});
        else
            gateway.fake.scriptAnswers("key-a", {Answer::MalformedFunctionCall});
        const auto result = chat(gateway, chatBody(kGemini3, messages, stream));
        QVERIFY2(result.status == 200, result.body.constData());
        const std::string content = stream ? Stream(result.body).content
                                           : parse(result.body)["choices"][0]["message"]["content"].get<std::string>();
        QCOMPARE(content, std::string("Hello from fake Gemini."));
        const auto requests = gateway.fake.requests();
        QCOMPARE(requests.size(), 3);
        QCOMPARE(requests[1].key, QByteArray("key-a")); // the conversation's key was asked first
        QCOMPARE(requests[2].key, QByteArray("key-b"));
        QCOMPARE(sentCallPart(gateway.fake)["thoughtSignature"].get<std::string>(),
                 std::string(hydra::fakes::kSkipSignatureSentinel));
    }

    void unknownToolCallIdsGetTheSkipSentinel()
    {
        GatewayHarness gateway({"key-a", "key-b"});
        // A conversation that started elsewhere: Hydra never saw these calls.
        const json calls = json::array(
            {{{"id", "call_from_elsewhere_1"}, {"type", "function"},
              {"function", {{"name", "get_weather"}, {"arguments", "{\"city\":\"Paris\",\"unit\":\"celsius\"}"}}}},
             {{"id", "call_from_elsewhere_2"}, {"type", "function"},
              {"function", {{"name", "get_time"}, {"arguments", "{\"zone\":\"Europe/Paris\"}"}}}}});
        const json messages = json::array({userMessage("Weather and time in Paris?"), assistantWithCalls(calls),
                               toolResult("call_from_elsewhere_1", "18 C"), toolResult("call_from_elsewhere_2", "14:05")});
        for (bool stream : {false, true}) {
            const auto result = chat(gateway, chatBody(kGemini3, messages, stream));
            QVERIFY2(result.status == 200, result.body.constData());
            if (stream)
                QVERIFY(Stream(result.body).done);
            const json sent = lastSent(gateway.fake);
            const json &parts = sent["contents"][1]["parts"];
            QCOMPARE(parts.size(), std::size_t(2));
            QCOMPARE(parts[0]["thoughtSignature"].get<std::string>(), std::string(hydra::fakes::kSkipSignatureSentinel));
            QVERIFY(!parts[1].contains("thoughtSignature")); // Gemini signs the first call of a turn only
        }
    }

    void signaturesSurviveARestart()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        GatewayHarness gateway({"key-a", "key-b"},
                               [&](hydra::GatewayConfig &config) { config.configDir = dir.path(); });
        // key-a is overloaded once, so key-b serves (and signs) the first turn.
        gateway.fake.script("key-a", {Behaviour::Overloaded});
        gateway.fake.scriptAnswers("key-b", {Answer::FunctionCall});
        json messages = json::array({userMessage("What's the weather in Paris?")});
        const json choice = choiceOf(chat(gateway, chatBody(kGemini3, messages, false)));
        QCOMPARE(choice["finish_reason"].get<std::string>(), std::string("tool_calls"));
        QCOMPARE(gateway.fake.requests().last().key, QByteArray("key-b"));
        const auto issued = gateway.fake.issuedSignatures();
        QCOMPARE(issued.size(), 1);

        gateway.engine.stop();

        // A new engine on the same config dir: a fresh pool would pick key-a first.
        hydra::Engine engine;
        QSignalSpy started(&engine, &hydra::Engine::started);
        engine.start(configFor(gateway.fake, {"key-a", "key-b"}, dir.path()));
        QVERIFY(started.wait(5000));
        const QString baseUrl = started.first().first().toString();

        const json call = choice["message"]["tool_calls"][0];
        messages.push_back(assistantWithCalls(json::array({call})));
        messages.push_back(toolResult(call["id"], "{\"temp_c\": 18}"));
        const auto result = chatAt(gateway, baseUrl, chatBody(kGemini3, messages, true));
        QVERIFY2(result.status == 200, result.body.constData());
        const Stream turn2(result.body);
        QVERIFY2(turn2.done && turn2.error.is_null(), result.body.constData());
        QCOMPARE(turn2.content, std::string("Hello from fake Gemini."));
        QCOMPARE(gateway.fake.requests().last().key, QByteArray("key-b"));
        const json part = sentCallPart(gateway.fake);
        QCOMPARE(QByteArray::fromStdString(part.value("thoughtSignature", std::string())), issued[0].second);
        engine.stop();
    }

    void aRefusedSignatureIsReplacedByTheSentinelOnce()
    {
        // The signature Hydra kept no longer validates (here: another Google, whose signatures are
        // keyed differently). The conversation is not left stuck on Google's 400: it is sent once
        // more with the sentinel on every call.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        json call;
        json messages = json::array({userMessage("What's the weather in Paris?")});
        {
            GatewayHarness gateway({"key-a"}, [&](hydra::GatewayConfig &config) { config.configDir = dir.path(); });
            gateway.fake.scriptAnswers("key-a", {Answer::FunctionCall});
            call = choiceOf(chat(gateway, chatBody(kGemini3, messages, false)))["message"]["tool_calls"][0];
        }
        messages.push_back(assistantWithCalls(json::array({call})));
        messages.push_back(toolResult(call["id"], "{\"temp_c\": 18}"));
        for (bool stream : {false, true}) {
            GatewayHarness gateway({"key-a"}, [&](hydra::GatewayConfig &config) { config.configDir = dir.path(); });
            const auto result = chat(gateway, chatBody(kGemini3, messages, stream));
            QVERIFY2(result.status == 200, result.body.constData());
            QVERIFY2(!result.body.contains("\"error\""), result.body.constData());
            const auto requests = gateway.fake.requests();
            QCOMPARE(requests.size(), 2);
            QVERIFY(parse(requests[0].body)["contents"][1]["parts"][0]["thoughtSignature"] !=
                    hydra::fakes::kSkipSignatureSentinel); // what Hydra kept went first
            QCOMPARE(sentCallPart(gateway.fake)["thoughtSignature"].get<std::string>(),
                     std::string(hydra::fakes::kSkipSignatureSentinel));
        }

        // Any other client mistake is still returned at once.
        GatewayHarness gateway({"key-a"});
        gateway.fake.script("key-a", {Behaviour::ClientError});
        QCOMPARE(chat(gateway, chatBody(kGemini3, messages, false)).status, 400);
        QCOMPARE(gateway.fake.requests().size(), 1);
    }

    void toolResultsReachGeminiInCallOrder()
    {
        GatewayHarness gateway({"key-a"});
        const json calls = json::array(
            {{{"id", "call_weather"}, {"type", "function"},
              {"function", {{"name", "get_weather"}, {"arguments", "{\"city\":\"Paris\",\"unit\":\"celsius\"}"}}}},
             {{"id", "call_time"}, {"type", "function"},
              {"function", {{"name", "get_time"}, {"arguments", "{\"zone\":\"Europe/Paris\"}"}}}}});
        // The client ran both and answers the second call first.
        const json messages = json::array({userMessage("Weather and time in Paris?"), assistantWithCalls(calls),
                               toolResult("call_time", "{\"time\": \"14:05\"}"),
                               toolResult("call_weather", "{\"temp_c\": 18}")});
        const json choice = choiceOf(chat(gateway, chatBody(kGemini25, messages, false)));
        QCOMPARE(choice["message"]["content"].get<std::string>(), std::string("Hello from fake Gemini."));
        const json sent = lastSent(gateway.fake);
        QCOMPARE(sent["contents"].size(), std::size_t(3));
        const json &responses = sent["contents"][2]["parts"];
        QCOMPARE(responses.size(), std::size_t(2));
        QCOMPARE(responses[0]["functionResponse"]["name"].get<std::string>(), std::string("get_weather"));
        QCOMPARE(responses[0]["functionResponse"]["response"], (json{{"temp_c", 18}}));
        QCOMPARE(responses[1]["functionResponse"]["name"].get<std::string>(), std::string("get_time"));
        QCOMPARE(responses[1]["functionResponse"]["response"], (json{{"time", "14:05"}}));
    }

    void pydanticSchemaIsAcceptedByGemini()
    {
        GatewayHarness gateway({"key-a"});
        gateway.fake.setDefaultAnswer(Answer::FunctionCall);
        // What pydantic's model_json_schema() writes for a nested model with optional fields.
        const json nullableString = {{"anyOf", json::array({{{"type", "string"}}, {{"type", "null"}}})},
                                     {"default", nullptr},
                                     {"title", "Country"}};
        const json parameters = {
            {"$defs",
             {{"Unit", {{"enum", json::array({"celsius", "fahrenheit"})}, {"title", "Unit"}, {"type", "string"}}},
              {"Location",
               {{"additionalProperties", false},
                {"properties", {{"city", {{"title", "City"}, {"type", "string"}}}, {"country", nullableString}}},
                {"required", json::array({"city"})},
                {"title", "Location"},
                {"type", "object"}}}}},
            {"additionalProperties", false},
            {"properties",
             {{"location", {{"$ref", "#/$defs/Location"}}},
              {"unit", {{"$ref", "#/$defs/Unit"}, {"default", "celsius"}}},
              {"days",
               {{"anyOf", json::array({{{"type", "integer"}}, {{"type", "null"}}})}, {"default", nullptr}, {"title", "Days"}}},
              {"when", {{"type", "string"}, {"format", "date-time"}, {"title", "When"}}}}},
            {"required", json::array({"location", "unit"})},
            {"title", "GetForecast"},
            {"type", "object"}};
        json body = chatBody(kGemini25, json::array({userMessage("Forecast for Paris?")}), false, false);
        body["tools"] = json::array(
            {{{"type", "function"},
              {"function", {{"name", "get_forecast"}, {"strict", true}, {"parameters", parameters}}}}});
        const json choice = choiceOf(chat(gateway, body));
        QCOMPARE(choice["finish_reason"].get<std::string>(), std::string("tool_calls"));
        const json call = choice["message"]["tool_calls"][0];
        QCOMPARE(call["function"]["name"].get<std::string>(), std::string("get_forecast"));
        QCOMPARE(json::parse(call["function"]["arguments"].get<std::string>()), (json{{"unit", "celsius"}}));

        const QByteArray sent = gateway.fake.requests().last().body;
        for (const char *word : {"$ref", "$defs", "additionalProperties", "\"title\"", "\"strict\""})
            QVERIFY2(!sent.contains(word), word);
    }

    // --- thinking --------------------------------------------------------------------------------

    void thoughtsBecomeReasoningContent()
    {
        GatewayHarness gateway({"key-a"});
        gateway.fake.setDefaultAnswer(Answer::Thoughts);
        const std::string summary = "**Planning the reply**";

        const auto unary = chat(gateway, chatBody(kGemini25, json::array({userMessage("Say hello")}), false, false));
        const json choice = choiceOf(unary);
        const json &message = choice["message"];
        QCOMPARE(message["content"].get<std::string>(), std::string("Hello from fake Gemini."));
        const std::string reasoning = message["reasoning_content"].get<std::string>();
        QVERIFY2(reasoning.rfind(summary, 0) == 0, reasoning.c_str());
        QVERIFY(reasoning.find("**Choosing the words**") != std::string::npos);
        const json usage = parse(unary.body)["usage"];
        QCOMPARE(usage["completion_tokens_details"]["reasoning_tokens"].get<int>(), hydra::fakes::kThoughtsTokenCount);
        QVERIFY(usage["completion_tokens"].get<int>() > hydra::fakes::kThoughtsTokenCount);
        QCOMPARE(usage["total_tokens"].get<int>(), usage["prompt_tokens"].get<int>() + usage["completion_tokens"].get<int>());
        // Gemini asked for thought summaries.
        QCOMPARE(lastSent(gateway.fake)["generationConfig"]["thinkingConfig"]["includeThoughts"], json(true));

        for (const char *model : {kGemini25, kGemini3}) {
            const auto streamed = chat(gateway, chatBody(model, json::array({userMessage("Say hello")}), true, false));
            QCOMPARE(streamed.status, 200);
            const Stream stream(streamed.body);
            QVERIFY(stream.done);
            QCOMPARE(stream.reasoning, reasoning);
            QCOMPARE(stream.content, std::string("Hello from fake Gemini."));
            QCOMPARE(stream.finishReasons, QStringList{QStringLiteral("stop")});
            QCOMPARE(stream.usage["completion_tokens_details"]["reasoning_tokens"].get<int>(),
                     hydra::fakes::kThoughtsTokenCount);
            // The first thought went out before any text.
            const json &first = stream.chunks[0]["choices"][0]["delta"];
            QVERIFY(first.value("content", std::string()).empty());
            QVERIFY(first.value("reasoning_content", std::string()).rfind(summary, 0) == 0);
        }
    }

    // --- grounding --------------------------------------------------------------------------------

    void searchGroundingBecomesUrlCitations()
    {
        GatewayHarness gateway({"key-a"});
        gateway.fake.setDefaultAnswer(Answer::Grounded);
        json body = chatBody(kGemini25, json::array({userMessage("How tall is the Eiffel Tower?")}), false, false);
        body["web_search_options"] = json::object();
        const std::string text = "The Eiffel Tower is 330 metres tall. It was completed in 1889.";

        auto check = [&](const QList<json> &annotations) {
            // Support 1 cites source 0; support 2 cites sources 0 and 1.
            QCOMPARE(annotations.size(), 3);
            const int starts[] = {0, 37, 37}, ends[] = {36, 62, 62};
            const char *titles[] = {"wikipedia.org", "wikipedia.org", "toureiffel.paris"};
            for (int i = 0; i < 3; ++i) {
                const json &a = annotations[i];
                QCOMPARE(a["type"].get<std::string>(), std::string("url_citation"));
                const json &c = a["url_citation"];
                QCOMPARE(c["start_index"].get<int>(), starts[i]);
                QCOMPARE(c["end_index"].get<int>(), ends[i]);
                QCOMPARE(c["title"].get<std::string>(), std::string(titles[i]));
                QVERIFY(c["url"].get<std::string>().rfind(
                            "https://vertexaisearch.cloud.google.com/grounding-api-redirect/", 0)
                        == 0);
            }
        };

        const json choice = choiceOf(chat(gateway, body));
        QCOMPARE(choice["message"]["content"].get<std::string>(), text);
        QList<json> annotations;
        for (const json &a : choice["message"]["annotations"])
            annotations.append(a);
        check(annotations);
        QCOMPARE(lastSent(gateway.fake)["tools"], json::parse("[{\"googleSearch\":{}}]"));

        body["stream"] = true;
        const auto streamed = chat(gateway, body);
        QCOMPARE(streamed.status, 200);
        const Stream stream(streamed.body);
        QVERIFY(stream.done);
        QCOMPARE(stream.content, text);
        check(stream.annotations);
    }

    void legacyFunctionsGetALegacyCallAndTheirHistoryIsKept()
    {
        // "functions" instead of "tools": the client reads message.function_call and
        // finish_reason "function_call", and sends the call back as function_call with the
        // result as a "function" message.
        GatewayHarness gateway({"key-a"});
        json functions = json::array();
        for (const json &tool : weatherTools())
            functions.push_back(tool["function"]);
        json body = {{"model", kGemini25}, {"messages", json::array({userMessage("Weather in Paris?")})},
                     {"functions", functions}};
        gateway.fake.scriptAnswers("key-a", {Answer::FunctionCall, Answer::FunctionCall});
        const json choice = choiceOf(chat(gateway, body));
        QCOMPARE(choice["finish_reason"].get<std::string>(), std::string("function_call"));
        QVERIFY2(!choice["message"].contains("tool_calls"), choice.dump().c_str());
        const json call = choice["message"]["function_call"];
        QCOMPARE(call["name"].get<std::string>(), std::string("get_weather"));
        QVERIFY(parse(QByteArray::fromStdString(call["arguments"].get<std::string>())).is_object());

        body["stream"] = true;
        const auto streamed = chat(gateway, body);
        QCOMPARE(streamed.status, 200);
        const Stream stream(streamed.body);
        QVERIFY(stream.done);
        QVERIFY(stream.toolCalls.isEmpty());
        QCOMPARE(stream.finishReasons, QStringList{QStringLiteral("function_call")});
        json streamedCall;
        for (const json &chunk : stream.chunks)
            if (!chunk["choices"].empty() && chunk["choices"][0]["delta"].contains("function_call"))
                streamedCall = chunk["choices"][0]["delta"]["function_call"];
        QCOMPARE(streamedCall, call);

        // The next turn: the call and its result reach Gemini as a functionCall and its
        // functionResponse.
        json messages = body["messages"];
        messages.push_back({{"role", "assistant"}, {"content", nullptr}, {"function_call", call}});
        messages.push_back({{"role", "function"}, {"name", "get_weather"}, {"content", "{\"temp_c\": 18}"}});
        body["messages"] = messages;
        body["stream"] = false;
        QCOMPARE(chat(gateway, body).status, 200);
        const json part = sentCallPart(gateway.fake);
        QCOMPARE(part["functionCall"]["name"].get<std::string>(), std::string("get_weather"));
        QCOMPARE(part["functionCall"]["args"], parse(QByteArray::fromStdString(call["arguments"].get<std::string>())));
        const json sent = lastSent(gateway.fake);
        QCOMPARE(sent["contents"].back()["parts"][0]["functionResponse"]["response"]["temp_c"].get<int>(), 18);
    }

    // --- answers that cannot be passed on ---------------------------------------------------------

    void malformedFunctionCallIsRetried()
    {
        GatewayHarness gateway({"key-a"});
        gateway.fake.scriptAnswers("key-a", {Answer::MalformedFunctionCall, Answer::Text});
        const json choice = choiceOf(chat(gateway, chatBody(kGemini25, json::array({userMessage("Weather?")}), false)));
        QCOMPARE(choice["message"]["content"].get<std::string>(), std::string("Hello from fake Gemini."));
        QCOMPARE(gateway.fake.requests().size(), 2);

        gateway.fake.clearRequests();
        gateway.fake.scriptAnswers("key-a", {Answer::MalformedFunctionCall, Answer::Text});
        const auto streamed = chat(gateway, chatBody(kGemini25, json::array({userMessage("Weather?")}), true));
        QCOMPARE(streamed.status, 200);
        const Stream stream(streamed.body);
        QVERIFY2(stream.done && stream.error.is_null(), streamed.body.constData());
        QCOMPARE(stream.content, std::string("Hello from fake Gemini."));
        QCOMPARE(gateway.fake.requests().size(), 2);
    }

    void alwaysMalformedFunctionCallIsAnError()
    {
        GatewayHarness gateway({"key-a"});
        gateway.fake.setDefaultAnswer(Answer::MalformedFunctionCall);
        const auto unary = chat(gateway, chatBody(kGemini25, json::array({userMessage("Weather?")}), false));
        QVERIFY2(unary.status == 502, unary.body.constData());
        const std::string message = parse(unary.body)["error"]["message"].get<std::string>();
        QVERIFY2(message.find("MALFORMED_FUNCTION_CALL") != std::string::npos, message.c_str());
        QCOMPARE(parse(unary.body)["error"]["code"].get<std::string>(), std::string("upstream_unusable_answer"));
        // Each try costs a request of the day's quota: one retry here, and none by the SDK.
        QCOMPARE(gateway.fake.requests().size(), 2);
        QCOMPARE(unary.header("x-should-retry"), QByteArray("false"));

        // Streamed alike: nothing had reached the client, so it gets the same error, never a
        // stream that looks like a normal end.
        const auto streamed = chat(gateway, chatBody(kGemini25, json::array({userMessage("Weather?")}), true));
        QCOMPARE(streamed.status, unary.status);
        QVERIFY(!streamed.header("content-type").startsWith("text/event-stream"));
        QCOMPARE(parse(streamed.body)["error"]["message"].get<std::string>(), message);
        QCOMPARE(gateway.fake.requests().size(), 4);
    }

    void emptyAnswerIsRetriedThenAnError()
    {
        GatewayHarness gateway({"key-a"});
        gateway.fake.scriptAnswers("key-a", {Answer::Empty, Answer::Text});
        const json choice = choiceOf(chat(gateway, chatBody(kGemini25, json::array({userMessage("Hi")}), false, false)));
        QCOMPARE(choice["message"]["content"].get<std::string>(), std::string("Hello from fake Gemini."));

        gateway.fake.scriptAnswers("key-a", {Answer::Empty, Answer::Text});
        const auto again = chat(gateway, chatBody(kGemini25, json::array({userMessage("Hi")}), true, false));
        const Stream retried(again.body);
        QVERIFY2(retried.done && retried.error.is_null(), again.body.constData());
        QCOMPARE(retried.content, std::string("Hello from fake Gemini."));

        gateway.fake.setDefaultAnswer(Answer::Empty);
        const auto unary = chat(gateway, chatBody(kGemini25, json::array({userMessage("Hi")}), false, false));
        QVERIFY2(unary.status >= 500 && unary.status < 600, unary.body.constData());
        QVERIFY(parse(unary.body)["error"]["message"].get<std::string>().find("empty") != std::string::npos);
        const auto streamed = chat(gateway, chatBody(kGemini25, json::array({userMessage("Hi")}), true, false));
        QCOMPARE(streamed.status, unary.status);
        QVERIFY(parse(streamed.body)["error"]["message"].get<std::string>().find("empty") != std::string::npos);
    }

    void blockedPromptIsAContentFilterRefusal()
    {
        GatewayHarness gateway({"key-a"});
        gateway.fake.setDefaultAnswer(Answer::BlockedPrompt);
        const json choice = choiceOf(chat(gateway, chatBody(kGemini25, json::array({userMessage("Something bad")}), false, false)));
        QCOMPARE(choice["finish_reason"].get<std::string>(), std::string("content_filter"));
        const std::string refusal = choice["message"]["refusal"].get<std::string>();
        QVERIFY2(refusal.find("SAFETY") != std::string::npos, refusal.c_str());
        QCOMPARE(gateway.fake.requests().size(), 1); // an answer, not a failure: not retried

        const Stream stream(chat(gateway, chatBody(kGemini25, json::array({userMessage("Something bad")}), true, false)).body);
        QVERIFY(stream.done);
        QVERIFY(stream.error.is_null());
        QCOMPARE(stream.finishReasons, QStringList{QStringLiteral("content_filter")});
        bool refused = false;
        for (const json &chunk : stream.chunks)
            for (const json &c : chunk["choices"])
                refused = refused || c["delta"].value("refusal", std::string()).find("SAFETY") != std::string::npos;
        QVERIFY(refused);
    }
};

QTEST_GUILESS_MAIN(ToolsEndToEnd)
#include "tst_tools_e2e.moc"
