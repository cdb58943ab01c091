// ChatStreamTranslator: the events of one streamGenerateContent answer ->
// chat.completion.chunk objects. Golden cases live in tests/fixtures/translate/stream/
// <case>.json: the Gemini events, the OpenAI chunks a client must see (the closing
// chunks included when the answer is complete), and whether it is complete.

#include "json_support.h"

#include "translate/chat_response.h"

#include <QtTest>

using nlohmann::json;
using namespace hydra::translate;

namespace {

constexpr long long kCreated = 1730000000;

json textEvent(const std::string &text, int index = 0)
{
    return {{"candidates", json::array({{{"content", {{"parts", json::array({{{"text", text}}})}, {"role", "model"}}},
                                         {"index", index}}})}};
}

json finishEvent(const std::string &reason, int index = 0)
{
    return {{"candidates", json::array({{{"content", {{"parts", json::array()}, {"role", "model"}}},
                                         {"finishReason", reason},
                                         {"index", index}}})}};
}

json functionCallEvent(const std::string &name, const json &args)
{
    return {{"candidates",
             json::array({{{"content", {{"parts", json::array({{{"functionCall", {{"name", name}, {"args", args}}}}})},
                                        {"role", "model"}}},
                           {"index", 0}}})}};
}

std::vector<json> feedAll(ChatStreamTranslator &translator, const std::vector<json> &events)
{
    std::vector<json> chunks;
    for (const json &event : events) {
        for (json &chunk : translator.onEvent(event))
            chunks.push_back(std::move(chunk));
    }
    return chunks;
}

ChatStreamTranslator newTranslator(bool includeUsage)
{
    return ChatStreamTranslator(newCompletionIdentity("gemini-2.5-flash", kCreated), includeUsage);
}

} // namespace

class TestChatStream : public QObject
{
    Q_OBJECT

private slots:
    void goldenStreams_data();
    void goldenStreams();
    void roleIsSentOnceFirst();
    void toolCallIndexCountsAcrossEvents();
    void toolCallIndexCountsWithinOneEvent();
    void finishReasonIsSentOnce();
    void blockedPromptAfterTheFinishAddsNothing();
    void stopAfterToolCallsBecomesToolCalls();
    void usageNullOnEveryChunkWhenIncludeUsage();
    void noUsageFieldWithoutIncludeUsage();
    void usageChunkCarriesLastCumulativeUsage();
    void incompleteWithoutFinishReason();
    void incompleteWithoutAnyEvent();
    void everyChoiceMustFinish();
    void idStableAcrossChunks();
};

void TestChatStream::goldenStreams_data()
{
    QTest::addColumn<QString>("name");
    const QStringList cases = hydra::test::fixtureCases(QStringLiteral("translate/stream"), QStringLiteral(".json"));
    QVERIFY2(cases.size() >= 5, "the stream golden fixtures are missing");
    for (const QString &name : cases)
        QTest::newRow(qPrintable(name)) << name;
}

void TestChatStream::goldenStreams()
{
    QFETCH(QString, name);
    const auto fixture = hydra::test::jsonFixture(QStringLiteral("translate/stream/%1.json").arg(name));
    QVERIFY(fixture);
    const CompletionIdentity identity = newCompletionIdentity(fixture->at("model").get<std::string>(), kCreated);
    ChatStreamTranslator translator(identity, fixture->at("include_usage").get<bool>());

    std::vector<json> chunks = feedAll(translator, fixture->at("events").get<std::vector<json>>());
    QCOMPARE(translator.complete(), fixture->at("complete").get<bool>());
    if (translator.complete()) { // as the relay does: the closing chunks only follow a complete answer
        for (json &chunk : translator.finish())
            chunks.push_back(std::move(chunk));
    }

    std::set<std::string> toolCallIds;
    for (json &chunk : chunks) {
        // One answer, one id: every chunk carries the same id, created and model.
        QCOMPARE(chunk.value("id", ""), identity.id);
        QCOMPARE(chunk.value("created", 0LL), kCreated);
        const QString problem = hydra::test::blankRandomParts(chunk, toolCallIds);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    HYDRA_COMPARE_JSON(json(chunks), fixture->at("chunks"));
}

void TestChatStream::roleIsSentOnceFirst()
{
    ChatStreamTranslator translator = newTranslator(false);
    const auto chunks = feedAll(translator, {textEvent("A"), textEvent("B"), textEvent("C"), finishEvent("STOP")});
    QCOMPARE(chunks.size(), size_t(4));
    QCOMPARE(chunks[0]["choices"][0]["delta"].value("role", ""), std::string("assistant"));
    for (size_t i = 1; i < chunks.size(); ++i)
        QVERIFY2(!chunks[i]["choices"][0]["delta"].contains("role"), qPrintable(QString::number(i)));
}

void TestChatStream::toolCallIndexCountsAcrossEvents()
{
    // Two parallel calls in two separate events must not both be index 0, or clients
    // concatenate their arguments into {"city":"Paris"}{"zone":"Asia/Tokyo"}.
    ChatStreamTranslator translator = newTranslator(false);
    const auto chunks = feedAll(translator, {functionCallEvent("get_weather", {{"city", "Paris"}}),
                                             functionCallEvent("get_time", {{"zone", "Asia/Tokyo"}}),
                                             finishEvent("STOP")});
    QCOMPARE(chunks.size(), size_t(3));
    const json first = chunks[0]["choices"][0]["delta"]["tool_calls"];
    const json second = chunks[1]["choices"][0]["delta"]["tool_calls"];
    QCOMPARE(first.size(), size_t(1));
    QCOMPARE(second.size(), size_t(1));
    QCOMPARE(first[0]["index"].get<int>(), 0);
    QCOMPARE(second[0]["index"].get<int>(), 1);
    QCOMPARE(first[0]["function"]["name"].get<std::string>(), std::string("get_weather"));
    QCOMPARE(second[0]["function"]["name"].get<std::string>(), std::string("get_time"));
    QVERIFY(hydra::test::hasIdPrefix(first[0]["id"], "call_"));
    QVERIFY(hydra::test::hasIdPrefix(second[0]["id"], "call_"));
    QVERIFY(first[0]["id"] != second[0]["id"]);
}

void TestChatStream::toolCallIndexCountsWithinOneEvent()
{
    ChatStreamTranslator translator = newTranslator(false);
    const json event = json::parse(R"({"candidates":[{"content":{"parts":[
        {"functionCall":{"name":"a","args":{}}},{"functionCall":{"name":"b","args":{}}}],"role":"model"},"index":0}]})");
    const auto chunks = feedAll(translator, {event, functionCallEvent("c", json::object())});
    QCOMPARE(chunks.size(), size_t(2));
    const json calls = chunks[0]["choices"][0]["delta"]["tool_calls"];
    QCOMPARE(calls.size(), size_t(2));
    QCOMPARE(calls[0]["index"].get<int>(), 0);
    QCOMPARE(calls[1]["index"].get<int>(), 1);
    QCOMPARE(chunks[1]["choices"][0]["delta"]["tool_calls"][0]["index"].get<int>(), 2);
}

void TestChatStream::finishReasonIsSentOnce()
{
    ChatStreamTranslator translator = newTranslator(false);
    json last = textEvent("done.");
    last["candidates"][0]["finishReason"] = "STOP";
    const auto chunks = feedAll(translator, {textEvent("Almost "), last, finishEvent("STOP"), textEvent("")});
    int finishes = 0;
    for (const json &chunk : chunks) {
        for (const json &choice : chunk["choices"])
            finishes += choice["finish_reason"].is_null() ? 0 : 1;
    }
    QCOMPARE(finishes, 1);
    // The finish_reason comes in a chunk of its own, after the text that came with it.
    QCOMPARE(chunks[1]["choices"][0]["delta"]["content"].get<std::string>(), std::string("done."));
    QCOMPARE(chunks[2]["choices"][0]["finish_reason"].get<std::string>(), std::string("stop"));
    QVERIFY(chunks[2]["choices"][0]["delta"].empty());
}

void TestChatStream::blockedPromptAfterTheFinishAddsNothing()
{
    // Found by fuzzing (tests/fuzz, chat_stream): a promptFeedback event after the answer had
    // finished sent a second finish_reason (content_filter) for the same choice.
    ChatStreamTranslator translator = newTranslator(false);
    json last = textEvent("Hello.");
    last["candidates"][0]["finishReason"] = "STOP";
    const auto chunks = feedAll(translator, {last, json{{"promptFeedback", {{"blockReason", "SAFETY"}}}}});
    QCOMPARE(chunks.size(), size_t(2)); // the text, then the finish
    QCOMPARE(chunks[1]["choices"][0]["finish_reason"].get<std::string>(), std::string("stop"));
    QVERIFY(translator.complete());
}

void TestChatStream::stopAfterToolCallsBecomesToolCalls()
{
    ChatStreamTranslator translator = newTranslator(false);
    const auto chunks =
        feedAll(translator, {functionCallEvent("get_weather", {{"city", "Paris"}}), finishEvent("STOP")});
    QCOMPARE(chunks.back()["choices"][0]["finish_reason"].get<std::string>(), std::string("tool_calls"));
}

void TestChatStream::usageNullOnEveryChunkWhenIncludeUsage()
{
    ChatStreamTranslator translator = newTranslator(true);
    const auto chunks = feedAll(translator, {textEvent("A"), finishEvent("STOP")});
    QCOMPARE(chunks.size(), size_t(2));
    for (const json &chunk : chunks) {
        QVERIFY(chunk.contains("usage"));
        QVERIFY(chunk["usage"].is_null());
    }
}

void TestChatStream::noUsageFieldWithoutIncludeUsage()
{
    ChatStreamTranslator translator = newTranslator(false);
    auto chunks = feedAll(translator, {textEvent("A"), finishEvent("STOP")});
    QVERIFY(translator.complete());
    QVERIFY(translator.finish().empty()); // no usage chunk either
    for (const json &chunk : chunks)
        QVERIFY(!chunk.contains("usage"));
}

void TestChatStream::usageChunkCarriesLastCumulativeUsage()
{
    ChatStreamTranslator translator = newTranslator(true);
    json first = textEvent("A");
    first["usageMetadata"] = {{"promptTokenCount", 4}, {"candidatesTokenCount", 1}, {"totalTokenCount", 5}};
    json last = finishEvent("STOP");
    last["usageMetadata"] = {{"promptTokenCount", 4}, {"candidatesTokenCount", 9}, {"totalTokenCount", 13}};
    feedAll(translator, {first, last});
    const auto closing = translator.finish();
    QCOMPARE(closing.size(), size_t(1));
    QVERIFY(closing[0]["choices"].is_array());
    QVERIFY(closing[0]["choices"].empty());
    QCOMPARE(closing[0]["usage"]["completion_tokens"].get<int>(), 9);
    QCOMPARE(closing[0]["usage"]["total_tokens"].get<int>(), 13);
}

void TestChatStream::incompleteWithoutFinishReason()
{
    ChatStreamTranslator translator = newTranslator(false);
    feedAll(translator, {textEvent("A"), textEvent("B")});
    QVERIFY(!translator.complete());
    feedAll(translator, {finishEvent("STOP")});
    QVERIFY(translator.complete());
}

void TestChatStream::incompleteWithoutAnyEvent()
{
    ChatStreamTranslator translator = newTranslator(false);
    QVERIFY(!translator.complete());
    feedAll(translator, {json::object(), json::parse(R"({"usageMetadata":{"promptTokenCount":3}})")});
    QVERIFY(!translator.complete());
}

void TestChatStream::everyChoiceMustFinish()
{
    // n=2: both candidates stream side by side; the answer is complete only when both ended.
    ChatStreamTranslator translator = newTranslator(false);
    const json both = json::parse(R"({"candidates":[
        {"content":{"parts":[{"text":"Heads"}],"role":"model"}},
        {"content":{"parts":[{"text":"Tails"}],"role":"model"},"index":1}]})");
    auto chunks = feedAll(translator, {both, finishEvent("STOP", 0)});
    QVERIFY(!translator.complete());
    QCOMPARE(chunks.size(), size_t(3));
    QCOMPARE(chunks[0]["choices"][0]["index"].get<int>(), 0);
    QCOMPARE(chunks[1]["choices"][0]["index"].get<int>(), 1);
    // each choice gets its own role
    QCOMPARE(chunks[1]["choices"][0]["delta"].value("role", ""), std::string("assistant"));
    feedAll(translator, {finishEvent("MAX_TOKENS", 1)});
    QVERIFY(translator.complete());
}

void TestChatStream::idStableAcrossChunks()
{
    ChatStreamTranslator translator = newTranslator(true);
    auto chunks = feedAll(translator, {textEvent("A"), functionCallEvent("f", json::object()), finishEvent("STOP")});
    for (json &chunk : translator.finish())
        chunks.push_back(std::move(chunk));
    QCOMPARE(chunks.size(), size_t(4));
    const json id = chunks.front()["id"];
    QVERIFY(hydra::test::hasIdPrefix(id, "chatcmpl-"));
    for (const json &chunk : chunks) {
        QCOMPARE(chunk["id"], id);
        QCOMPARE(chunk["object"].get<std::string>(), std::string("chat.completion.chunk"));
        QCOMPARE(chunk["created"].get<long long>(), kCreated);
        QCOMPARE(chunk["model"].get<std::string>(), std::string("gemini-2.5-flash"));
    }
}

QTEST_APPLESS_MAIN(TestChatStream)
#include "tst_chat_stream.moc"
