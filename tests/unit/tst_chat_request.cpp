// OpenAI chat.completions request -> Gemini generateContent request.
// Golden pairs live in tests/fixtures/translate/request/<case>.openai.json and
// <case>.gemini.json; refused requests in tests/fixtures/translate/request-errors.json.

#include "json_support.h"

#include "translate/chat_request.h"
#include "translate/legacy_completions.h"

#include <QtTest>

#include <cstdint>
#include <tuple>

using nlohmann::json;
using hydra::ApiError;
using hydra::translate::ChatRequest;
using hydra::translate::normaliseModelName;
using hydra::translate::translateChatRequest;

namespace {

json minimalRequest()
{
    return {{"model", "gemini-2.5-flash"}, {"messages", json::array({{{"role", "user"}, {"content", "Hi"}}})}};
}

} // namespace

class TestChatRequest : public QObject
{
    Q_OBJECT

private slots:
    void goldenRequests_data();
    void goldenRequests();
    void unknownOpenAiFieldsAreNotForwarded();
    void toolChoiceModes_data();
    void toolChoiceModes();
    void noToolsMeansNoToolConfig();
    void modelAndStreamFlags();
    void includeUsageNeedsStreamOptions();
    void modelNamesArePlainIds_data();
    void modelNamesArePlainIds();
    void badRequestsAreRefused_data();
    void badRequestsAreRefused();
    void bodyThatIsNotAnObject();
    void jsonInStringsNestsNoDeeperThanABody();
    void limitsAtTheEdgesOfTheirRanges();
    void legacyCompletionLimitsAreCheckedToo();
    void remoteImagesAreLeftForTheRelay();
    void apiErrorBodyShape();
};

void TestChatRequest::goldenRequests_data()
{
    QTest::addColumn<QString>("name");
    const QStringList cases = hydra::test::fixtureCases(QStringLiteral("translate/request"), QStringLiteral(".openai.json"));
    QVERIFY2(cases.size() >= 10, "the request golden fixtures are missing");
    for (const QString &name : cases)
        QTest::newRow(qPrintable(name)) << name;
}

void TestChatRequest::goldenRequests()
{
    QFETCH(QString, name);
    const auto openAi = hydra::test::jsonFixture(QStringLiteral("translate/request/%1.openai.json").arg(name));
    const auto gemini = hydra::test::jsonFixture(QStringLiteral("translate/request/%1.gemini.json").arg(name));
    QVERIFY(openAi);
    QVERIFY(gemini);

    const auto result = translateChatRequest(*openAi);
    if (const auto *error = std::get_if<ApiError>(&result))
        QFAIL(qPrintable(QString::fromStdString("refused: " + error->toBody())));
    HYDRA_COMPARE_JSON(std::get<ChatRequest>(result).geminiBody, *gemini);
}

void TestChatRequest::unknownOpenAiFieldsAreNotForwarded()
{
    // Gemini rejects fields it does not know ("Unknown name ... Cannot find field"),
    // so none of OpenAI's extras may leak into any part of the body.
    json request = minimalRequest();
    request["parallel_tool_calls"] = false;
    request["stream_options"] = {{"include_usage", true}};
    request["user"] = "user-1234";
    request["store"] = true;
    request["metadata"] = {{"team", "search"}};
    request["logit_bias"] = {{"50256", -100}};
    const auto result = translateChatRequest(request);
    QVERIFY(std::holds_alternative<ChatRequest>(result));
    const std::string body = std::get<ChatRequest>(result).geminiBody.dump();
    for (const char *field : {"parallel_tool_calls", "stream_options", "include_usage", "user-1234", "store",
                              "metadata", "logit_bias", "50256"})
        QVERIFY2(body.find(field) == std::string::npos, field);
}

void TestChatRequest::toolChoiceModes_data()
{
    QTest::addColumn<QByteArray>("toolChoice");
    QTest::addColumn<QByteArray>("functionCallingConfig");
    QTest::newRow("auto") << QByteArray(R"("auto")") << QByteArray(R"({"mode":"AUTO"})");
    QTest::newRow("none") << QByteArray(R"("none")") << QByteArray(R"({"mode":"NONE"})");
    QTest::newRow("required") << QByteArray(R"("required")") << QByteArray(R"({"mode":"ANY"})");
    QTest::newRow("named function")
        << QByteArray(R"({"type":"function","function":{"name":"get_time"}})")
        << QByteArray(R"({"mode":"ANY","allowedFunctionNames":["get_time"]})");
}

void TestChatRequest::toolChoiceModes()
{
    QFETCH(QByteArray, toolChoice);
    QFETCH(QByteArray, functionCallingConfig);
    json request = minimalRequest();
    request["tools"] = json::parse(R"([{"type":"function","function":{"name":"get_time"}}])");
    request["tool_choice"] = json::parse(toolChoice.toStdString());
    const auto result = translateChatRequest(request);
    QVERIFY(std::holds_alternative<ChatRequest>(result));
    const json &body = std::get<ChatRequest>(result).geminiBody;
    HYDRA_COMPARE_JSON(body["tools"], json::parse(R"([{"functionDeclarations":[{"name":"get_time"}]}])"));
    HYDRA_COMPARE_JSON(body["toolConfig"]["functionCallingConfig"], json::parse(functionCallingConfig.toStdString()));
}

void TestChatRequest::noToolsMeansNoToolConfig()
{
    json request = minimalRequest();
    request["tool_choice"] = "required"; // meaningless without tools: Gemini would refuse it
    const auto result = translateChatRequest(request);
    QVERIFY(std::holds_alternative<ChatRequest>(result));
    const json &body = std::get<ChatRequest>(result).geminiBody;
    QVERIFY(!body.contains("tools"));
    QVERIFY(!body.contains("toolConfig"));
}

void TestChatRequest::modelAndStreamFlags()
{
    json request = minimalRequest();
    request["model"] = "models/gemini-2.5-flash";
    request["stream"] = true;
    const auto result = translateChatRequest(request);
    QVERIFY(std::holds_alternative<ChatRequest>(result));
    const ChatRequest &chat = std::get<ChatRequest>(result);
    QCOMPARE(chat.model, std::string("gemini-2.5-flash"));           // goes into the upstream URL
    QCOMPARE(chat.requestedModel, std::string("models/gemini-2.5-flash")); // echoed back to the client
    QVERIFY(chat.stream);
    QVERIFY(!chat.includeUsage);
    QVERIFY(!chat.geminiBody.contains("model"));
}

void TestChatRequest::includeUsageNeedsStreamOptions()
{
    json request = minimalRequest();
    request["stream"] = true;
    request["stream_options"] = {{"include_usage", true}};
    auto result = translateChatRequest(request);
    QVERIFY(std::holds_alternative<ChatRequest>(result));
    QVERIFY(std::get<ChatRequest>(result).includeUsage);

    request["stream_options"] = {{"include_usage", false}};
    result = translateChatRequest(request);
    QVERIFY(std::holds_alternative<ChatRequest>(result));
    QVERIFY(!std::get<ChatRequest>(result).includeUsage);

    request.erase("stream");
    result = translateChatRequest(request);
    QVERIFY(std::holds_alternative<ChatRequest>(result));
    QVERIFY(!std::get<ChatRequest>(result).stream);
}

void TestChatRequest::modelNamesArePlainIds_data()
{
    QTest::addColumn<QString>("requested");
    QTest::addColumn<QString>("bareId"); // empty: refused
    QTest::newRow("bare id") << "gemini-2.5-flash" << "gemini-2.5-flash";
    QTest::newRow("models/ prefix stripped") << "models/gemini-2.5-flash" << "gemini-2.5-flash";
    QTest::newRow("dotted version") << "gemini-2.0-flash-001" << "gemini-2.0-flash-001";
    QTest::newRow("latest alias") << "gemini-flash-latest" << "gemini-flash-latest";
    QTest::newRow("slash") << "tunedModels/x" << "";
    QTest::newRow("double models/ prefix") << "models/models/gemini-2.5-flash" << "";
    QTest::newRow("dot-dot") << ".." << "";
    QTest::newRow("dot-dot path") << "../../v1beta/files" << "";
    QTest::newRow("leading dot") << ".hidden" << "";
    QTest::newRow("question mark") << "gemini-2.5-flash?alt=json" << "";
    QTest::newRow("hash") << "gemini-2.5-flash#x" << "";
    QTest::newRow("colon") << "gemini-2.5-flash:streamGenerateContent" << "";
    QTest::newRow("space") << "gemini 2.5" << "";
    QTest::newRow("newline") << "gemini\n" << "";
    QTest::newRow("too long") << QString(129, u'a') << "";
}

void TestChatRequest::modelNamesArePlainIds()
{
    QFETCH(QString, requested);
    QFETCH(QString, bareId);
    const auto result = normaliseModelName(json(requested.toStdString()));
    if (bareId.isEmpty()) {
        QVERIFY(std::holds_alternative<ApiError>(result));
        const ApiError &error = std::get<ApiError>(result);
        QCOMPARE(error.httpStatus, 400);
        QCOMPARE(error.param, std::optional<std::string>("model"));
    } else {
        QVERIFY(std::holds_alternative<std::string>(result));
        QCOMPARE(QString::fromStdString(std::get<std::string>(result)), bareId);
    }
}

void TestChatRequest::badRequestsAreRefused_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QString>("param");
    QTest::addColumn<QByteArray>("code"); // JSON: a string or null
    const auto cases = hydra::test::jsonFixture(QStringLiteral("translate/request-errors.json"));
    QVERIFY(cases && cases->is_array() && !cases->empty());
    for (const auto &entry : *cases) {
        QTest::newRow(entry.at("case").get<std::string>().c_str())
            << QByteArray::fromStdString(entry.at("request").dump())
            << QString::fromStdString(entry.at("param").get<std::string>())
            << QByteArray::fromStdString(entry.at("code").dump());
    }
}

void TestChatRequest::badRequestsAreRefused()
{
    QFETCH(QByteArray, request);
    QFETCH(QString, param);
    QFETCH(QByteArray, code);
    const auto result = translateChatRequest(json::parse(request.toStdString()));
    if (const auto *chat = std::get_if<ChatRequest>(&result))
        QFAIL(qPrintable(QString::fromStdString("accepted, giving " + chat->geminiBody.dump())));
    const ApiError &error = std::get<ApiError>(result);
    QCOMPARE(error.httpStatus, 400);
    QCOMPARE(QString::fromStdString(error.type), QStringLiteral("invalid_request_error"));
    QVERIFY(!error.message.empty());
    QCOMPARE(QString::fromStdString(error.param.value_or("<none>")), param);
    HYDRA_COMPARE_JSON(error.toJson()["error"]["code"], json::parse(code.toStdString()));
}

void TestChatRequest::limitsAtTheEdgesOfTheirRanges()
{
    // The smallest and largest accepted values go to Gemini as they were sent.
    for (const auto &[n, tokens] : {std::pair<int, std::int64_t>{1, 1}, {8, 2'147'483'647}}) {
        json request = minimalRequest();
        request["n"] = n;
        request["max_completion_tokens"] = tokens;
        const auto result = translateChatRequest(request);
        QVERIFY(std::holds_alternative<ChatRequest>(result));
        const json &config = std::get<ChatRequest>(result).geminiBody["generationConfig"];
        QCOMPARE(config["candidateCount"].get<int>(), n);
        QCOMPARE(config["maxOutputTokens"].get<std::int64_t>(), tokens);
    }
    // The message says what was wrong and what would do, as OpenAI's does.
    json request = minimalRequest();
    request["n"] = 9;
    const ApiError error = std::get<ApiError>(translateChatRequest(request));
    QVERIFY2(error.message.find("'n'") != std::string::npos && error.message.find("<= 8") != std::string::npos &&
                 error.message.find("got 9") != std::string::npos,
             error.message.c_str());
}

void TestChatRequest::legacyCompletionLimitsAreCheckedToo()
{
    // /v1/completions is translated into a chat request first: its max_tokens and n get the same checks.
    for (const auto &[field, value, code] :
         {std::tuple<const char *, json, const char *>{"max_tokens", -1, "integer_below_min_value"},
          {"max_tokens", 1.5, "invalid_type"},
          {"max_tokens", 4'294'967'296LL, "integer_above_max_value"},
          {"n", 0, "integer_below_min_value"},
          {"n", 100, "integer_above_max_value"}}) {
        const json legacy = {{"model", "gemini-2.5-flash"}, {"prompt", "Once upon a time"}, {field, value}};
        const auto chat = hydra::translate::completionToChatRequest(legacy);
        QVERIFY(std::holds_alternative<json>(chat));
        const auto result = translateChatRequest(std::get<json>(chat));
        QVERIFY2(std::holds_alternative<ApiError>(result), field);
        const ApiError &error = std::get<ApiError>(result);
        QCOMPARE(error.httpStatus, 400);
        QCOMPARE(error.param, std::optional<std::string>(field));
        QCOMPARE(error.code, std::optional<std::string>(code));
    }
    const json fine = {{"model", "gemini-2.5-flash"}, {"prompt", "Once upon a time"}, {"max_tokens", 16}};
    const auto result = translateChatRequest(std::get<json>(hydra::translate::completionToChatRequest(fine)));
    QVERIFY(std::holds_alternative<ChatRequest>(result));
    QCOMPARE(std::get<ChatRequest>(result).geminiBody["generationConfig"]["maxOutputTokens"].get<int>(), 16);
}

void TestChatRequest::bodyThatIsNotAnObject()
{
    const auto result = translateChatRequest(json::parse(R"([{"role":"user","content":"Hi"}])"));
    QVERIFY(std::holds_alternative<ApiError>(result));
    QCOMPARE(std::get<ApiError>(result).httpStatus, 400);
    QCOMPARE(QString::fromStdString(std::get<ApiError>(result).type), QStringLiteral("invalid_request_error"));
}

void TestChatRequest::jsonInStringsNestsNoDeeperThanABody()
{
    // Found by fuzzing (tests/fuzz, chat_request): tool call arguments and tool results are JSON
    // inside strings, which the body's depth check does not see. Parsed, they made a Gemini body
    // as deep as the string: a 4 MB body of '[' overflowed the stack when it was dumped.
    const std::string deep = std::string(200, '[') + std::string(200, ']');
    json call = minimalRequest();
    call["messages"].push_back({{"role", "assistant"},
                                {"tool_calls", json::array({{{"id", "c1"},
                                                             {"type", "function"},
                                                             {"function", {{"name", "f"}, {"arguments", deep}}}}})}});
    const auto refused = translateChatRequest(call);
    QVERIFY(std::holds_alternative<ApiError>(refused));
    QCOMPARE(std::get<ApiError>(refused).param, std::optional<std::string>("messages[1].tool_calls[0].function.arguments"));

    // A result that deep is sent as the text it is.
    json result = minimalRequest();
    result["messages"].push_back({{"role", "assistant"},
                                  {"tool_calls", json::array({{{"id", "c1"},
                                                               {"type", "function"},
                                                               {"function", {{"name", "f"}, {"arguments", "{}"}}}}})}});
    result["messages"].push_back({{"role", "tool"}, {"tool_call_id", "c1"}, {"content", deep}});
    const auto translated = translateChatRequest(result);
    QVERIFY(std::holds_alternative<ChatRequest>(translated));
    const json &response = std::get<ChatRequest>(translated).geminiBody["contents"][2]["parts"][0]["functionResponse"];
    HYDRA_COMPARE_JSON(response["response"], (json{{"result", deep}}));
}

void TestChatRequest::apiErrorBodyShape()
{
    // What OpenAI clients parse: {"error":{"message","type","param","code"}}, with
    // param and code present as null when unknown.
    const ApiError withParam = ApiError::invalidRequest("Bad temperature.", "temperature", "invalid_type");
    HYDRA_COMPARE_JSON(json::parse(withParam.toBody()),
                       json::parse(R"({"error":{"message":"Bad temperature.","type":"invalid_request_error",
                                       "param":"temperature","code":"invalid_type"}})"));
    const ApiError server = ApiError::serverError(503, "All keys are busy.");
    QCOMPARE(server.httpStatus, 503);
    HYDRA_COMPARE_JSON(server.toJson(), json::parse(R"({"error":{"message":"All keys are busy.","type":"server_error",
                                                      "param":null,"code":null}})"));
}

QTEST_APPLESS_MAIN(TestChatRequest)
#include "tst_chat_request.moc"

void TestChatRequest::remoteImagesAreLeftForTheRelay()
{
    // Translation does no I/O: an http(s) image becomes a placeholder the relay fetches.
    json request = minimalRequest();
    request["messages"] = json::array({{{"role", "user"},
                                        {"content", json::array({{{"type", "text"}, {"text", "What is this?"}},
                                                                 {{"type", "image_url"},
                                                                  {"image_url", {{"url", "https://example.com/cat.png"}}}}})}}});
    const auto result = translateChatRequest(request);
    QVERIFY(std::holds_alternative<ChatRequest>(result));
    const ChatRequest &chat = std::get<ChatRequest>(result);
    QCOMPARE(chat.remoteImages.size(), size_t(1));
    QCOMPARE(chat.remoteImages[0].second, std::string("https://example.com/cat.png"));
    QCOMPARE(chat.remoteImages[0].first.to_string(), std::string("/contents/0/parts/1"));
    QVERIFY(chat.geminiBody.at(chat.remoteImages[0].first).contains("__remoteImageUrl"));
}
