// The Messages API translators: Anthropic requests -> Gemini (golden files in
// tests/fixtures/messages), Gemini answers -> Anthropic messages and streams, carried thought
// signatures both ways, and the errors for what cannot be translated.

#include "json_support.h"

#include "translate/content_parts.h"
#include "translate/messages_request.h"
#include "translate/messages_response.h"
#include "translate/signature_carrier.h"

#include <QtTest>

using nlohmann::json;
using namespace hydra::translate;
using hydra::ApiError;

namespace {

ChatRequest translated(const json &request)
{
    auto result = translateMessagesRequest(request);
    if (auto *error = std::get_if<ApiError>(&result))
        qFatal("refused: %s", error->message.c_str());
    return std::get<ChatRequest>(std::move(result));
}

json minimal(json messages)
{
    return {{"model", "gemini-2.5-flash"}, {"max_tokens", 100}, {"messages", std::move(messages)}};
}

// The events of a stream as (event line, parsed data) pairs; fails on a frame without both.
std::vector<std::pair<std::string, json>> parseEvents(const std::string &stream)
{
    std::vector<std::pair<std::string, json>> events;
    std::size_t at = 0;
    while (at < stream.size()) {
        const std::size_t end = stream.find("\n\n", at);
        const std::string frame = stream.substr(at, end - at);
        at = end == std::string::npos ? stream.size() : end + 2;
        const std::size_t newline = frame.find('\n');
        if (!frame.starts_with("event: ") || newline == std::string::npos ||
            frame.compare(newline + 1, 6, "data: ") != 0) {
            qWarning("not an Anthropic SSE frame: %s", frame.c_str());
            return {};
        }
        events.emplace_back(frame.substr(7, newline - 7), json::parse(frame.substr(newline + 7)));
    }
    return events;
}

const MessageIdentity identity{"msg_test", "claude-sonnet-4-5", "0a1b2c3d"};

} // namespace

class TestMessages : public QObject
{
    Q_OBJECT

private slots:
    void claudeCodeTurnGolden()
    {
        const auto request = hydra::test::jsonFixture(QStringLiteral("messages/claude-code-turn.request.json"));
        const auto expected = hydra::test::jsonFixture(QStringLiteral("messages/claude-code-turn.gemini.json"));
        QVERIFY(request && expected);
        const ChatRequest out = translated(*request);
        if (qEnvironmentVariableIsSet("HYDRA_UPDATE_GOLDEN")) { // to write the file after a deliberate change
            QFile file(hydra::test::fixturePath(QStringLiteral("messages/claude-code-turn.gemini.json")));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray::fromStdString(out.geminiBody.dump(2) + "\n"));
            QSKIP("golden file written");
        }
        QVERIFY2(out.geminiBody == *expected, qPrintable(hydra::test::describeJsonDifference(out.geminiBody, *expected)));
        QCOMPARE(out.model, std::string("gemini-3-flash-preview"));
        QVERIFY(out.stream);
        // The carried signature: Gemini's own on the call, its key remembered for the relay.
        QCOMPARE(out.carriedSignatures.size(), std::size_t(1));
        QCOMPARE(out.carriedSignatures[0].keyTag, std::string("0a1b2c3d"));
        QCOMPARE(out.carriedSignatures[0].part.to_string(), std::string("/contents/1/parts/0"));
    }

    void claudeNamesMapToGemini()
    {
        const ClaudeModelMap map{"opus-model", "sonnet-model", "haiku-model"};
        QCOMPARE(geminiModelFor("claude-opus-4-1", map), std::string("opus-model"));
        QCOMPARE(geminiModelFor("claude-sonnet-4-5-20250929", map), std::string("sonnet-model"));
        QCOMPARE(geminiModelFor("claude-3-5-haiku-latest", map), std::string("haiku-model"));
        QCOMPARE(geminiModelFor("claude-something-new", map), std::string("sonnet-model"));
        QCOMPARE(geminiModelFor("gemini-2.5-pro", map), std::string("gemini-2.5-pro"));
        json request = minimal(json::array({{{"role", "user"}, {"content", "hi"}}}));
        request["model"] = "claude-haiku-4-5";
        const ChatRequest out = translated(request);
        QCOMPARE(out.model, ClaudeModelMap{}.haiku);
        QCOMPARE(out.requestedModel, std::string("claude-haiku-4-5"));
    }

    void claudeModelSettings()
    {
        ClaudeModelMap map;
        QVERIFY(!setClaudeModel(map, "haiku=gemini-2.5-flash-lite"));
        QVERIFY(!setClaudeModel(map, "opus=models/gemini-2.5-pro"));
        QCOMPARE(map.haiku, std::string("gemini-2.5-flash-lite"));
        QCOMPARE(map.opus, std::string("gemini-2.5-pro"));
        QCOMPARE(map.sonnet, ClaudeModelMap{}.sonnet);
        for (const char *bad : {"haiku", "fast=gemini-2.5-flash", "opus=", "opus=../x", "=gemini-2.5-flash"})
            QVERIFY2(setClaudeModel(map, bad), bad);
        QCOMPARE(map.opus, std::string("gemini-2.5-pro")); // a refused setting changes nothing
    }

    void contentBlocks()
    {
        const json request = minimal(json::array(
            {{{"role", "user"},
              {"content",
               json::array({{{"type", "text"}, {"text", "look"}},
                            {{"type", "image"}, {"source", {{"type", "base64"}, {"media_type", "image/png"}, {"data", "iVBO"}}}},
                            {{"type", "image"}, {"source", {{"type", "url"}, {"url", "https://example.com/a.png"}}}},
                            {{"type", "document"},
                             {"source", {{"type", "base64"}, {"media_type", "application/pdf"}, {"data", "JVBE"}}}},
                            {{"type", "text"}, {"text", ""}}})}}}));
        const ChatRequest out = translated(request);
        const json &parts = out.geminiBody["contents"][0]["parts"];
        QCOMPARE(parts.size(), std::size_t(4)); // the empty text is dropped: Gemini refuses it
        QCOMPARE(parts[1]["inlineData"]["mimeType"], json("image/png"));
        QCOMPARE(parts[3]["inlineData"]["mimeType"], json("application/pdf"));
        QCOMPARE(out.remoteImages.size(), std::size_t(1));
        QCOMPARE(out.remoteImages[0].second, std::string("https://example.com/a.png"));
    }

    void toolResultsWithImagesAndErrors()
    {
        const json request = minimal(json::array(
            {{{"role", "user"}, {"content", "go"}},
             {{"role", "assistant"},
              {"content", json::array({{{"type", "tool_use"}, {"id", "t1"}, {"name", "shot"}, {"input", json::object()}},
                                       {{"type", "tool_use"}, {"id", "t2"}, {"name", "read"}, {"input", {{"p", 1}}}}})}},
             {{"role", "user"},
              {"content",
               json::array({{{"type", "tool_result"},
                             {"tool_use_id", "t1"},
                             {"content", json::array({{{"type", "text"}, {"text", "{\"w\":3}"}},
                                                      {{"type", "image"},
                                                       {"source", {{"type", "base64"}, {"media_type", "image/jpeg"}, {"data", "/9j/"}}}}})}},
                            {{"type", "tool_result"}, {"tool_use_id", "t2"}, {"content", "no such file"}, {"is_error", true}}})}}}));
        const ChatRequest out = translated(request);
        const json &results = out.geminiBody["contents"][2]["parts"];
        QCOMPARE(results[0]["functionResponse"], json({{"name", "shot"}, {"response", {{"w", 3}}}}));
        QCOMPARE(results[1]["inlineData"]["mimeType"], json("image/jpeg"));
        QCOMPARE(results[2]["functionResponse"], json({{"name", "read"}, {"response", {{"error", "no such file"}}}}));
    }

    void toolUseIdsCarryTheirFunctionName()
    {
        const std::string id = newToolUseId("mcp__files__read_file");
        QVERIFY(id.starts_with("toolu_h"));
        QCOMPARE(id.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"), std::string::npos);
        QCOMPARE(functionNameFromToolUseId(id), std::string("mcp__files__read_file"));
        QCOMPARE(functionNameFromToolUseId("toolu_01AbCd"), std::string());
        QCOMPARE(functionNameFromToolUseId("toolu_hzz_abc"), std::string());
        QCOMPARE(functionNameFromToolUseId("toolu_h91146821_abc"), std::string()); // not a name (found by fuzzing)
        QCOMPARE(functionNameFromToolUseId("toolu_h_abc"), std::string());
        // A result whose tool_use the client dropped from its history still finds its function.
        const json request = minimal(json::array(
            {{{"role", "user"},
              {"content", json::array({{{"type", "tool_result"}, {"tool_use_id", id}, {"content", "done"}}})}}}));
        QCOMPARE(translated(request).geminiBody["contents"][0]["parts"][0]["functionResponse"]["name"],
                 json("mcp__files__read_file"));
    }

    void signaturesOnlyFromHydra()
    {
        // Anthropic's own signature (or another gateway's) is not Gemini's: Gemini 3 gets the
        // documented sentinel on the call instead.
        const json request = {
            {"model", "gemini-3-flash-preview"},
            {"max_tokens", 100},
            {"messages",
             json::array({{{"role", "user"}, {"content", "go"}},
                          {{"role", "assistant"},
                           {"content", json::array({{{"type", "thinking"}, {"thinking", "hm"}, {"signature", "EqQBCkYIBxgCKkA"}},
                                                    {{"type", "tool_use"}, {"id", "t1"}, {"name", "f"}, {"input", json::object()}}})}},
                          {{"role", "user"},
                           {"content", json::array({{{"type", "tool_result"}, {"tool_use_id", "t1"}, {"content", "x"}}})}}})}};
        const ChatRequest out = translated(request);
        QCOMPARE(out.geminiBody["contents"][1]["parts"][0]["thoughtSignature"], json(skipSignatureSentinel));
        QVERIFY(out.carriedSignatures.empty());
        QVERIFY(!out.geminiBody["contents"][1]["parts"][0].contains(carriedKeyTagMarker));
    }

    void carrierRoundTrip()
    {
        const std::string tag = signatureKeyTag("0123456789abcdef");
        QCOMPARE(tag.size(), std::size_t(8));
        QVERIFY(tag != signatureKeyTag("0123456789abcdee"));
        const auto read = readCarriedSignature(carrySignature(tag, "Zm9vLmJhcg=="));
        QVERIFY(read);
        QCOMPARE(read->keyTag, tag);
        QCOMPARE(read->signature, std::string("Zm9vLmJhcg=="));
        QVERIFY(!readCarriedSignature("hydra.1.XYZ.abc"));
        QVERIFY(!readCarriedSignature("hydra.1.0a1b2c3d"));
        QVERIFY(!readCarriedSignature("EqQBCkYIBxgCKkA"));
    }

    void thinkingSettings_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QByteArray>("settings"); // thinking and output_config, as JSON members
        QTest::addColumn<QByteArray>("expected"); // generationConfig.thinkingConfig
        QTest::newRow("none: no thoughts shown") << "gemini-2.5-flash" << QByteArray("{}")
                                                 << QByteArray(R"({"includeThoughts":false})");
        QTest::newRow("enabled budget, clamped") << "gemini-2.5-flash"
                                                 << QByteArray(R"({"thinking":{"type":"enabled","budget_tokens":100000}})")
                                                 << QByteArray(R"({"thinkingBudget":24576,"includeThoughts":true})");
        QTest::newRow("enabled budget on Gemini 3: a level") << "gemini-3-flash-preview"
                                                            << QByteArray(R"({"thinking":{"type":"enabled","budget_tokens":2048}})")
                                                            << QByteArray(R"({"thinkingLevel":"MEDIUM","includeThoughts":true})");
        QTest::newRow("adaptive, effort max, omitted") << "gemini-3-flash-preview"
                                                      << QByteArray(R"({"thinking":{"type":"adaptive","display":"omitted"},"output_config":{"effort":"max"}})")
                                                      << QByteArray(R"({"thinkingLevel":"HIGH","includeThoughts":false})");
        QTest::newRow("disabled") << "gemini-2.5-flash" << QByteArray(R"({"thinking":{"type":"disabled"}})")
                                  << QByteArray(R"({"thinkingBudget":0,"includeThoughts":false})");
    }
    void thinkingSettings()
    {
        QFETCH(QString, model);
        QFETCH(QByteArray, settings);
        QFETCH(QByteArray, expected);
        json request = minimal(json::array({{{"role", "user"}, {"content", "hi"}}}));
        request["model"] = model.toStdString();
        request.update(json::parse(settings.toStdString()));
        const json config = translated(request).geminiBody["generationConfig"]["thinkingConfig"];
        QVERIFY2(config == json::parse(expected.toStdString()), config.dump().c_str());
    }

    void refusedRequests_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not an object") << QByteArray("[]") << "JSON object";
        QTest::newRow("no model") << QByteArray(R"({"max_tokens":1,"messages":[{"role":"user","content":"x"}]})") << "model";
        QTest::newRow("model not a plain id") << QByteArray(R"({"model":"../x","messages":[{"role":"user","content":"x"}]})")
                                              << "model";
        QTest::newRow("no messages") << QByteArray(R"({"model":"gemini-2.5-flash"})") << "messages";
        QTest::newRow("bad role") << QByteArray(R"({"model":"gemini-2.5-flash","messages":[{"role":"tool","content":"x"}]})")
                                  << "messages[0].role";
        QTest::newRow("unknown block") << QByteArray(R"({"model":"gemini-2.5-flash","messages":[{"role":"user","content":[{"type":"video"}]}]})")
                                       << "messages[0].content[0].type";
        QTest::newRow("tool_use from the user") << QByteArray(R"({"model":"gemini-2.5-flash","messages":[{"role":"user","content":[{"type":"tool_use","id":"a","name":"f","input":{}}]}]})")
                                                << "messages[0].content[0].type";
        QTest::newRow("result without its call") << QByteArray(R"({"model":"gemini-2.5-flash","messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01x"}]}]})")
                                                 << "tool_use_id";
        QTest::newRow("max_tokens zero") << QByteArray(R"({"model":"gemini-2.5-flash","max_tokens":0,"messages":[{"role":"user","content":"x"}]})")
                                         << "max_tokens";
        QTest::newRow("bad thinking") << QByteArray(R"({"model":"gemini-2.5-flash","thinking":{"type":"sometimes"},"messages":[{"role":"user","content":"x"}]})")
                                      << "thinking.type";
        QTest::newRow("an Anthropic server tool") << QByteArray(R"({"model":"gemini-2.5-flash","tools":[{"type":"bash_20250124","name":"bash"}],"messages":[{"role":"user","content":"x"}]})")
                                                  << "tools[0].type";
        QTest::newRow("bad tool_choice") << QByteArray(R"({"model":"gemini-2.5-flash","tool_choice":{"type":"some"},"messages":[{"role":"user","content":"x"}]})")
                                         << "tool_choice";
        QTest::newRow("image by file id") << QByteArray(R"({"model":"gemini-2.5-flash","messages":[{"role":"user","content":[{"type":"image","source":{"type":"file","file_id":"f"}}]}]})")
                                          << "source.type";
        QTest::newRow("a string where an object goes") << QByteArray(R"({"model":"gemini-2.5-flash","messages":["hi"]})")
                                                       << "messages[0]";
    }
    void refusedRequests()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, mentions);
        const auto result = translateMessagesRequest(json::parse(body.toStdString()));
        const auto *error = std::get_if<ApiError>(&result);
        QVERIFY(error);
        QCOMPARE(error->httpStatus, 400);
        QVERIFY2(QString::fromStdString(error->message).contains(mentions), error->message.c_str());
        const json shaped = anthropicError(*error);
        QCOMPARE(shaped["type"], json("error"));
        QCOMPARE(shaped["error"]["type"], json("invalid_request_error"));
    }

    void wholeAnswerWithThoughtsAndACall()
    {
        const json gemini = json::parse(R"({"candidates":[{"content":{"role":"model","parts":[
            {"text":"Let me look.","thought":true},
            {"functionCall":{"name":"Bash","args":{"command":"ls"}},"thoughtSignature":"U0lH"}]},
            "finishReason":"STOP","index":0}],
            "usageMetadata":{"promptTokenCount":120,"cachedContentTokenCount":100,"candidatesTokenCount":10,"thoughtsTokenCount":5}})");
        json message = toAnthropicMessage(gemini, identity);
        QCOMPARE(message["content"].size(), std::size_t(2));
        QCOMPARE(message["content"][0], json({{"type", "thinking"}, {"thinking", "Let me look."},
                                              {"signature", "hydra.1.0a1b2c3d.U0lH"}}));
        const json &call = message["content"][1];
        QCOMPARE(call["type"], json("tool_use"));
        QCOMPARE(call["input"], json({{"command", "ls"}}));
        QCOMPARE(functionNameFromToolUseId(call["id"].get<std::string>()), std::string("Bash"));
        QCOMPARE(message["stop_reason"], json("tool_use"));
        QCOMPARE(message["usage"], json({{"input_tokens", 20}, {"cache_creation_input_tokens", 0},
                                         {"cache_read_input_tokens", 100}, {"output_tokens", 15}}));
        QCOMPARE(message["id"], json("msg_test"));
        QCOMPARE(message["model"], json("claude-sonnet-4-5"));
    }

    void stopReasons_data()
    {
        QTest::addColumn<QString>("finish");
        QTest::addColumn<QString>("stop");
        QTest::newRow("STOP") << "STOP" << "end_turn";
        QTest::newRow("MAX_TOKENS") << "MAX_TOKENS" << "max_tokens";
        QTest::newRow("SAFETY") << "SAFETY" << "refusal";
        QTest::newRow("PROHIBITED_CONTENT") << "PROHIBITED_CONTENT" << "refusal";
    }
    void stopReasons()
    {
        QFETCH(QString, finish);
        QFETCH(QString, stop);
        const json gemini = {{"candidates", json::array({{{"content", {{"parts", json::array({{{"text", "x"}}})}}},
                                                          {"finishReason", finish.toStdString()}}})}};
        QCOMPARE(toAnthropicMessage(gemini, identity)["stop_reason"], json(stop.toStdString()));
    }

    void blockedPromptIsARefusal()
    {
        const json gemini = json::parse(R"({"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"}})");
        const json message = toAnthropicMessage(gemini, identity);
        QCOMPARE(message["stop_reason"], json("refusal"));
        QVERIFY(message["content"][0]["text"].get<std::string>().find("PROHIBITED_CONTENT") != std::string::npos);
    }

    void streamEventsInOrder()
    {
        MessagesStreamTranslator stream(identity);
        std::string out;
        stream.onEvent(json::parse(R"({"candidates":[{"content":{"parts":[{"text":"Thinking","thought":true}]}}],
                                      "usageMetadata":{"promptTokenCount":7}})"), out);
        stream.onEvent(json::parse(R"({"candidates":[{"content":{"parts":[{"text":"Hel"}]}}]})"), out);
        stream.onEvent(json::parse(R"({"candidates":[{"content":{"parts":[{"text":"lo"}]}}]})"), out);
        stream.onEvent(json::parse(R"({"candidates":[{"content":{"parts":[
            {"functionCall":{"name":"f","args":{"a":1}},"thoughtSignature":"U0lH"}]},"finishReason":"STOP"}],
            "usageMetadata":{"promptTokenCount":7,"candidatesTokenCount":4}})"), out);
        QVERIFY(stream.complete());
        QVERIFY(!stream.problem());
        stream.finish(out);
        const auto events = parseEvents(out);
        std::vector<std::string> names;
        for (const auto &[name, data] : events) {
            QCOMPARE(data["type"], json(name)); // every event names itself twice, as Anthropic's do
            names.push_back(name);
        }
        const std::vector<std::string> expected = {
            "message_start",
            "content_block_start", "content_block_delta", "content_block_stop",                        // thinking
            "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop", // text
            "content_block_start", "content_block_delta", "content_block_stop", // the call's signature
            "content_block_start", "content_block_delta", "content_block_stop", // tool_use
            "message_delta", "message_stop"};
        QCOMPARE(names, expected);
        QCOMPARE(events[0].second["message"]["usage"]["input_tokens"], json(7));
        QCOMPARE(events[2].second["delta"], json({{"type", "thinking_delta"}, {"thinking", "Thinking"}}));
        QCOMPARE(events[6].second["delta"]["text"], json("lo"));
        QCOMPARE(events[9].second["delta"], json({{"type", "signature_delta"}, {"signature", "hydra.1.0a1b2c3d.U0lH"}}));
        QCOMPARE(events[11].second["content_block"]["name"], json("f"));
        QCOMPARE(events[12].second["delta"], json({{"type", "input_json_delta"}, {"partial_json", "{\"a\":1}"}}));
        std::vector<int> started; // block indices count up from 0
        for (const auto &[name, data] : events) {
            if (name == "content_block_start")
                started.push_back(data["index"].get<int>());
        }
        QCOMPARE(started, (std::vector<int>{0, 1, 2, 3}));
        QCOMPARE(events[14].second["delta"]["stop_reason"], json("tool_use"));
        QCOMPARE(events[14].second["usage"]["output_tokens"], json(4));
    }

    void brokenOrEmptyStreamsAreProblems()
    {
        MessagesStreamTranslator broken(identity);
        std::string out;
        broken.onEvent(json::parse(R"({"candidates":[{"finishReason":"MALFORMED_FUNCTION_CALL"}]})"), out);
        QVERIFY(broken.problem());
        MessagesStreamTranslator empty(identity);
        empty.onEvent(json::parse(R"({"candidates":[{"content":{"parts":[{"text":""}]},"finishReason":"STOP"}]})"), out);
        QVERIFY(empty.problem());
        MessagesStreamTranslator unfinished(identity);
        unfinished.onEvent(json::parse(R"({"candidates":[{"content":{"parts":[{"text":"a"}]}}]})"), out);
        QVERIFY(!unfinished.complete());
    }

    void countTokensBodyAndAnswer()
    {
        json request = minimal(json::array(
            {{{"role", "user"},
              {"content", json::array({{{"type", "image"}, {"source", {{"type", "url"}, {"url", "https://example.com/a.png"}}}},
                                       {{"type", "text"}, {"text", "what is it?"}}})}}}));
        request["system"] = "Be brief.";
        request["temperature"] = 0.5;
        const json body = countTokensBody(translated(request));
        const json &inner = body["generateContentRequest"];
        QCOMPARE(inner["model"], json("models/gemini-2.5-flash"));
        QCOMPARE(inner["systemInstruction"], json({{"parts", json::array({{{"text", "Be brief."}}})}}));
        QCOMPARE(inner["contents"][0]["parts"][0], json({{"text", "https://example.com/a.png"}})); // nothing is fetched
        QVERIFY(!inner.contains("generationConfig"));
        QCOMPARE(inputTokensAnswer(json::parse(R"({"totalTokens":31,"promptTokensDetails":[]})")),
                 std::optional<json>(json{{"input_tokens", 31}}));
        QVERIFY(!inputTokensAnswer(json::parse(R"({"error":{}})")));
        QVERIFY(!inputTokensAnswer(json::parse("[1]")));
    }

    void errorsInAnthropicsShape_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("type");
        QTest::newRow("400") << 400 << "invalid_request_error";
        QTest::newRow("401") << 401 << "authentication_error";
        QTest::newRow("403") << 403 << "permission_error";
        QTest::newRow("404") << 404 << "not_found_error";
        QTest::newRow("413") << 413 << "request_too_large";
        QTest::newRow("429") << 429 << "rate_limit_error";
        QTest::newRow("500") << 500 << "api_error";
        QTest::newRow("502") << 502 << "api_error";
        QTest::newRow("503") << 503 << "overloaded_error";
    }
    void errorsInAnthropicsShape()
    {
        QFETCH(int, status);
        QFETCH(QString, type);
        const ApiError error{status, "x", "Something went wrong.", std::nullopt, std::nullopt};
        QCOMPARE(anthropicError(error),
                 json({{"type", "error"}, {"error", {{"type", type.toStdString()}, {"message", "Something went wrong."}}}}));
        const auto events = parseEvents(anthropicErrorEvent(error));
        QCOMPARE(events.size(), std::size_t(1));
        QCOMPARE(events[0].first, std::string("error"));
    }
};

QTEST_GUILESS_MAIN(TestMessages)
#include "tst_messages.moc"
