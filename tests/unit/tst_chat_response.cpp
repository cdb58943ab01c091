// Gemini generateContent response -> OpenAI chat.completion.
// Golden pairs live in tests/fixtures/translate/response/<case>.gemini-response.json
// and <case>.openai.json; the random id, `created` and tool call ids are checked,
// then blanked ("chatcmpl-<random>", "<unix time>", "call_<random>").

#include "json_support.h"

#include "translate/chat_response.h"

#include <QtTest>

using nlohmann::json;
using namespace hydra::translate;

namespace {
constexpr long long kCreated = 1730000000;
}

class TestChatResponse : public QObject
{
    Q_OBJECT

private slots:
    void goldenResponses_data();
    void goldenResponses();
    void identityIsEchoed();
    void idsDifferBetweenAnswers();
    void finishReasons_data();
    void finishReasons();
    void usageMapping();
    void usageWithoutTotalAddsUp();
    void usageOfAnEmptyObject();
    void signaturesAreReportedUnderTheEmittedIds();
    void unusableAnswers_data();
    void unusableAnswers();
};

void TestChatResponse::goldenResponses_data()
{
    QTest::addColumn<QString>("name");
    const QStringList cases =
        hydra::test::fixtureCases(QStringLiteral("translate/response"), QStringLiteral(".gemini-response.json"));
    QVERIFY2(cases.size() >= 8, "the response golden fixtures are missing");
    for (const QString &name : cases)
        QTest::newRow(qPrintable(name)) << name;
}

void TestChatResponse::goldenResponses()
{
    QFETCH(QString, name);
    const auto gemini = hydra::test::jsonFixture(QStringLiteral("translate/response/%1.gemini-response.json").arg(name));
    const auto expected = hydra::test::jsonFixture(QStringLiteral("translate/response/%1.openai.json").arg(name));
    QVERIFY(gemini);
    QVERIFY(expected);

    json completion = toChatCompletion(*gemini, newCompletionIdentity("gemini-2.5-flash", kCreated));
    QCOMPARE(completion.value("created", 0LL), kCreated);
    std::set<std::string> toolCallIds;
    const QString problem = hydra::test::blankRandomParts(completion, toolCallIds);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    HYDRA_COMPARE_JSON(completion, *expected);
}

void TestChatResponse::identityIsEchoed()
{
    // The client's own spelling of the model comes back, not Gemini's modelVersion.
    const CompletionIdentity identity = newCompletionIdentity("models/gemini-2.5-flash", kCreated);
    const json response = json::parse(R"({"candidates":[{"content":{"parts":[{"text":"Hi"}]},"finishReason":"STOP"}],
                                          "modelVersion":"gemini-2.5-flash-001"})");
    const json completion = toChatCompletion(response, identity);
    QCOMPARE(completion["id"].get<std::string>(), identity.id);
    QCOMPARE(completion["created"].get<long long>(), kCreated);
    QCOMPARE(completion["model"].get<std::string>(), std::string("models/gemini-2.5-flash"));
}

void TestChatResponse::idsDifferBetweenAnswers()
{
    const CompletionIdentity first = newCompletionIdentity("gemini-2.5-flash", kCreated);
    const CompletionIdentity second = newCompletionIdentity("gemini-2.5-flash", kCreated);
    QVERIFY(hydra::test::hasIdPrefix(first.id, "chatcmpl-"));
    QVERIFY(first.id != second.id);
}

void TestChatResponse::finishReasons_data()
{
    QTest::addColumn<QString>("gemini");
    QTest::addColumn<bool>("emittedToolCalls");
    QTest::addColumn<QString>("openAi");
    QTest::newRow("STOP") << "STOP" << false << "stop";
    QTest::newRow("STOP after a function call") << "STOP" << true << "tool_calls";
    QTest::newRow("MAX_TOKENS") << "MAX_TOKENS" << false << "length";
    QTest::newRow("MAX_TOKENS after a function call") << "MAX_TOKENS" << true << "length";
    QTest::newRow("SAFETY") << "SAFETY" << false << "content_filter";
    QTest::newRow("SAFETY after a function call") << "SAFETY" << true << "content_filter";
    QTest::newRow("RECITATION") << "RECITATION" << false << "content_filter";
    QTest::newRow("PROHIBITED_CONTENT") << "PROHIBITED_CONTENT" << false << "content_filter";
    QTest::newRow("BLOCKLIST") << "BLOCKLIST" << false << "content_filter";
    QTest::newRow("SPII") << "SPII" << false << "content_filter";
    QTest::newRow("IMAGE_SAFETY") << "IMAGE_SAFETY" << false << "content_filter";
    QTest::newRow("OTHER") << "OTHER" << false << "content_filter";
    QTest::newRow("MALFORMED_FUNCTION_CALL") << "MALFORMED_FUNCTION_CALL" << false << "stop";
    QTest::newRow("FINISH_REASON_UNSPECIFIED") << "FINISH_REASON_UNSPECIFIED" << false << "stop";
}

void TestChatResponse::finishReasons()
{
    QFETCH(QString, gemini);
    QFETCH(bool, emittedToolCalls);
    QFETCH(QString, openAi);
    QCOMPARE(QString::fromStdString(mapFinishReason(gemini.toStdString(), emittedToolCalls)), openAi);
}

void TestChatResponse::usageMapping()
{
    // candidatesTokenCount excludes thoughts; OpenAI bills reasoning as completion tokens.
    const json usage = mapUsage(json::parse(R"({"promptTokenCount":83,"candidatesTokenCount":14,
        "thoughtsTokenCount":104,"totalTokenCount":221,"cachedContentTokenCount":40,"toolUsePromptTokenCount":20})"));
    HYDRA_COMPARE_JSON(usage, json::parse(R"({"prompt_tokens":83,"completion_tokens":138,"total_tokens":221,
        "prompt_tokens_details":{"cached_tokens":40},"completion_tokens_details":{"reasoning_tokens":104}})"));
}

void TestChatResponse::usageWithoutTotalAddsUp()
{
    const json usage = mapUsage(json::parse(R"({"promptTokenCount":10,"candidatesTokenCount":5,"thoughtsTokenCount":3})"));
    QCOMPARE(usage["total_tokens"].get<long long>(), 18LL);
    QCOMPARE(usage["completion_tokens"].get<long long>(), 8LL);
}

void TestChatResponse::usageOfAnEmptyObject()
{
    HYDRA_COMPARE_JSON(mapUsage(json::object()),
                       json::parse(R"({"prompt_tokens":0,"completion_tokens":0,"total_tokens":0,
                           "prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}})"));
}

QTEST_APPLESS_MAIN(TestChatResponse)
#include "tst_chat_response.moc"

void TestChatResponse::signaturesAreReportedUnderTheEmittedIds()
{
    const json gemini = json::parse(
        "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":["
        "{\"functionCall\":{\"name\":\"a\",\"args\":{}},\"thoughtSignature\":\"SIG-1\"},"
        "{\"functionCall\":{\"name\":\"b\",\"args\":{}}}]},\"finishReason\":\"STOP\"}]}");
    std::vector<ToolCallSignature> seen;
    const json completion = toChatCompletion(gemini, newCompletionIdentity("gemini-3-flash-preview", kCreated),
                                             [&seen](const ToolCallSignature &signature) { seen.push_back(signature); });
    const json calls = completion["choices"][0]["message"]["tool_calls"];
    QCOMPARE(calls.size(), size_t(2));
    QCOMPARE(seen.size(), size_t(1)); // only the call that carried one
    QCOMPARE(seen[0].signature, std::string("SIG-1"));
    QCOMPARE(seen[0].toolCallId, calls[0]["id"].get<std::string>());

    // The stream translator reports the same way.
    seen.clear();
    ChatStreamTranslator stream(newCompletionIdentity("gemini-3-flash-preview", kCreated), false,
                                [&seen](const ToolCallSignature &signature) { seen.push_back(signature); });
    const auto chunks = stream.onEvent(gemini);
    QCOMPARE(seen.size(), size_t(1));
    QCOMPARE(seen[0].toolCallId, chunks.at(0)["choices"][0]["delta"]["tool_calls"][0]["id"].get<std::string>());
}

void TestChatResponse::unusableAnswers_data()
{
    QTest::addColumn<QString>("response");
    QTest::addColumn<QString>("problem"); // empty: a real answer
    QTest::newRow("text") << "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"hi\"}]},\"finishReason\":\"STOP\"}]}"
                          << "";
    QTest::newRow("malformed call")
        << "{\"candidates\":[{\"finishReason\":\"MALFORMED_FUNCTION_CALL\",\"finishMessage\":\"bad args\"}]}"
        << "MALFORMED_FUNCTION_CALL";
    QTest::newRow("empty parts") << "{\"candidates\":[{\"content\":{\"parts\":[]},\"finishReason\":\"STOP\"}]}"
                                 << "empty";
    QTest::newRow("empty text") << "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\"}]},\"finishReason\":\"STOP\"}]}"
                                << "empty";
    QTest::newRow("no candidates") << "{\"usageMetadata\":{}}" << "no candidates";
    QTest::newRow("blocked prompt") << "{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}" << "";
    QTest::newRow("max tokens, nothing yet")
        << "{\"candidates\":[{\"content\":{\"parts\":[]},\"finishReason\":\"MAX_TOKENS\"}]}" << "";
}

void TestChatResponse::unusableAnswers()
{
    QFETCH(QString, response);
    QFETCH(QString, problem);
    const auto found = unusableAnswer(json::parse(response.toStdString()));
    if (problem.isEmpty()) {
        QVERIFY2(!found, found ? found->c_str() : "");
    } else {
        QVERIFY(found);
        QVERIFY2(QString::fromStdString(*found).contains(problem), found->c_str());
    }
}
