// The other doors: /v1/embeddings, legacy /v1/completions, and Gemini's own API
// under /v1beta passed through with pool keys.

#include "gateway_harness.h"

#include <QJsonArray>

#include <cstring>

using hydra::fakes::Behaviour;
using hydra::testing::GatewayHarness;
using hydra::testing::HttpResult;

namespace {

QJsonDocument parse(const QByteArray &bytes)
{
    return QJsonDocument::fromJson(bytes);
}

QByteArray nativeBody()
{
    return "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Say hello\"}]}]}";
}

// POST to a path relative to the server root (not to /v1).
HttpResult postRoot(GatewayHarness &gateway, const QString &path, const QByteArray &body,
                    const QList<QPair<QByteArray, QByteArray>> &headers = {})
{
    QNetworkRequest request(QUrl(gateway.baseUrl.chopped(3) + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    return GatewayHarness::finish(gateway.network.post(request, body));
}

HttpResult getRoot(GatewayHarness &gateway, const QString &path)
{
    return GatewayHarness::finish(gateway.network.get(QNetworkRequest(QUrl(gateway.baseUrl.chopped(3) + path))));
}

} // namespace

class EndpointsEndToEnd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void embeddingsInOpenAiShape()
    {
        GatewayHarness gateway({"key-a"});
        const HttpResult result = gateway.postJson(
            "/embeddings", "{\"model\":\"gemini-embedding-001\",\"input\":[\"first\",\"second\"],\"dimensions\":8}");
        QCOMPARE(result.status, 200);
        const QJsonObject body = result.json();
        QCOMPARE(body["object"].toString(), "list");
        QCOMPARE(body["model"].toString(), "gemini-embedding-001");
        const QJsonArray data = body["data"].toArray();
        QCOMPARE(data.size(), 2);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(data[i].toObject()["index"].toInt(), i);
            QCOMPARE(data[i].toObject()["embedding"].toArray().size(), 8);
        }
        QVERIFY(body["usage"].toObject()["prompt_tokens"].toInt() > 0);

        const auto sent = gateway.fake.requests().first();
        QCOMPARE(sent.path, QByteArray("/v1beta/models/gemini-embedding-001:batchEmbedContents"));
        const QJsonArray requests = parse(sent.body).object()["requests"].toArray();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests[1].toObject()["outputDimensionality"].toInt(), 8);
        QCOMPARE(requests[1].toObject()["content"].toObject()["parts"].toArray()[0].toObject()["text"].toString(),
                 "second");
    }

    void embeddingsAsBase64Floats()
    {
        GatewayHarness gateway({"key-a"});
        const HttpResult floats = gateway.postJson(
            "/embeddings", "{\"model\":\"gemini-embedding-001\",\"input\":\"same\",\"dimensions\":4}");
        const HttpResult packed = gateway.postJson(
            "/embeddings",
            "{\"model\":\"gemini-embedding-001\",\"input\":\"same\",\"dimensions\":4,\"encoding_format\":\"base64\"}");
        QCOMPARE(packed.status, 200);
        const QByteArray bytes =
            QByteArray::fromBase64(packed.json()["data"].toArray()[0].toObject()["embedding"].toString().toLatin1());
        QCOMPARE(bytes.size(), 16);
        const QJsonArray expected = floats.json()["data"].toArray()[0].toObject()["embedding"].toArray();
        for (int i = 0; i < 4; ++i) {
            float value = 0;
            std::memcpy(&value, bytes.constData() + 4 * i, 4);
            QCOMPARE(value, static_cast<float>(expected[i].toDouble()));
        }
    }

    void badEmbeddingInputIs400()
    {
        GatewayHarness gateway({"key-a"});
        for (const QByteArray &body : {QByteArray("{\"model\":\"gemini-embedding-001\"}"),
                                       QByteArray("{\"model\":\"gemini-embedding-001\",\"input\":[[1,2,3]]}"),
                                       QByteArray("{\"model\":\"gemini-embedding-001\",\"input\":\"x\",\"dimensions\":-1}")}) {
            const HttpResult result = gateway.postJson("/embeddings", body);
            QCOMPARE(result.status, 400);
            QCOMPARE(result.json()["error"].toObject()["type"].toString(), "invalid_request_error");
        }
        QCOMPARE(gateway.fake.requests().size(), 0);
    }

    void legacyCompletionsAnswerInTheirOwnShape()
    {
        GatewayHarness gateway({"key-a"});
        const HttpResult whole = gateway.postJson("/completions", "{\"model\":\"gemini-2.5-flash\",\"prompt\":\"Say hi\"}");
        QCOMPARE(whole.status, 200);
        QCOMPARE(whole.json()["object"].toString(), "text_completion");
        QVERIFY(whole.json()["id"].toString().startsWith("cmpl-"));
        const QJsonObject choice = whole.json()["choices"].toArray()[0].toObject();
        QCOMPARE(choice["text"].toString(), "Hello from fake Gemini.");
        QCOMPARE(choice["finish_reason"].toString(), "stop");

        const HttpResult streamed =
            gateway.postJson("/completions", "{\"model\":\"gemini-2.5-flash\",\"prompt\":\"Say hi\",\"stream\":true}");
        QCOMPARE(streamed.status, 200);
        const QList<QByteArray> events = GatewayHarness::sseData(streamed.body);
        QCOMPARE(events.last(), QByteArray("[DONE]"));
        QString text;
        for (int i = 0; i < events.size() - 1; ++i) {
            const QJsonObject chunk = parse(events[i]).object();
            QCOMPARE(chunk["object"].toString(), "text_completion");
            text += chunk["choices"].toArray()[0].toObject()["text"].toString();
        }
        QCOMPARE(text, "Hello from fake Gemini.");
        QCOMPARE(gateway.postJson("/completions", "{\"model\":\"gemini-2.5-flash\"}").status, 400);
    }

    void nativeGenerateContentUsesAPoolKey()
    {
        GatewayHarness gateway({"key-a"});
        const HttpResult result = postRoot(gateway, "/v1beta/models/gemini-2.5-flash:generateContent?key=client-token",
                                           nativeBody(), {{"x-goog-api-key", "client-token"}});
        QCOMPARE(result.status, 200);
        const QJsonObject candidate = result.json()["candidates"].toArray()[0].toObject();
        QCOMPARE(candidate["content"].toObject()["parts"].toArray()[0].toObject()["text"].toString(),
                 "Hello from fake Gemini.");
        const auto sent = gateway.fake.requests().first();
        QCOMPARE(sent.key, QByteArray("key-a")); // the client's own value never reaches Google
        QVERIFY(!sent.query.contains("client-token"));
        QCOMPARE(sent.body, nativeBody()); // passed through untouched

        // Google's v1 path shape works too.
        QCOMPARE(postRoot(gateway, "/v1/models/gemini-2.5-flash:generateContent", nativeBody()).status, 200);
    }

    void nativeStreamsPassThroughAsTheyCome()
    {
        GatewayHarness gateway({"key-a"});
        const HttpResult sse = postRoot(gateway, "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
                                        nativeBody());
        QCOMPARE(sse.status, 200);
        QVERIFY(sse.header("content-type").startsWith("text/event-stream"));
        const QList<QByteArray> events = GatewayHarness::sseData(sse.body);
        QCOMPARE(events.size(), 4);
        QVERIFY(!sse.body.contains("[DONE]")); // Google's framing, not OpenAI's
        QCOMPARE(gateway.fake.requests().last().query, QByteArray("alt=sse"));

        const HttpResult array = postRoot(gateway, "/v1beta/models/gemini-2.5-flash:streamGenerateContent", nativeBody());
        QCOMPARE(array.status, 200);
        QVERIFY(parse(array.body).isArray());
        QCOMPARE(parse(array.body).array().size(), 4);
    }

    void nativeCountTokensAndModels()
    {
        GatewayHarness gateway({"key-a"});
        const HttpResult count = postRoot(gateway, "/v1beta/models/gemini-2.5-flash:countTokens", nativeBody());
        QCOMPARE(count.status, 200);
        QVERIFY(count.json()["totalTokens"].toInt() > 0);
        const HttpResult list = getRoot(gateway, "/v1beta/models?pageSize=3");
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json()["models"].toArray().size(), 3);
        QVERIFY(list.json().contains("nextPageToken"));
        const HttpResult one = getRoot(gateway, "/v1beta/models/gemini-2.5-flash");
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json()["name"].toString(), "models/gemini-2.5-flash");
        QCOMPARE(getRoot(gateway, "/v1beta/models/gemini-9").status, 404); // Google's own 404, passed on
    }

    void nativeFailoverAndGoogleShapedErrors()
    {
        GatewayHarness gateway({"key-a", "key-b"});
        gateway.fake.script("key-a", {Behaviour::RateLimitPerMinute});
        QCOMPARE(postRoot(gateway, "/v1beta/models/gemini-2.5-flash:generateContent", nativeBody()).status, 200);
        QCOMPARE(gateway.fake.requests().last().key, QByteArray("key-b"));

        gateway.fake.script("key-b", {Behaviour::ClientError});
        gateway.fake.script("key-a", {Behaviour::ClientError});
        const HttpResult fault = postRoot(gateway, "/v1beta/models/gemini-2.5-flash:generateContent", nativeBody());
        QCOMPARE(fault.status, 400);
        QCOMPARE(fault.json()["error"].toObject()["status"].toString(), "INVALID_ARGUMENT");
        QCOMPARE(fault.json()["error"].toObject()["message"].toString(), "Request contains an invalid argument.");

        gateway.fake.script("key-a", {}); // one of the two was not used: clear it
        gateway.fake.script("key-b", {});
        gateway.fake.setDefaultBehaviour(Behaviour::RateLimitPerMinute);
        const HttpResult exhausted = postRoot(gateway, "/v1beta/models/gemini-2.5-pro:generateContent", nativeBody());
        QCOMPARE(exhausted.status, 429);
        QVERIFY(exhausted.header("retry-after").toInt() > 0);
        QCOMPARE(exhausted.json()["error"].toObject()["status"].toString(), "RESOURCE_EXHAUSTED");
        QCOMPARE(exhausted.json()["error"].toObject()["code"].toInt(), 429);
    }
};

QTEST_GUILESS_MAIN(EndpointsEndToEnd)
#include "tst_endpoints_e2e.moc"
