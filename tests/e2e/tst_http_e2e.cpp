// The HTTP front end to end: routes, models, limits, browser safety, and a raw
// socket for what an HTTP library would hide (pipelining, slow clients).

#include "gateway_harness.h"
#include "server/http_exchange.h"

#include <QJsonArray>
#include <QTcpSocket>

using hydra::fakes::Behaviour;
using hydra::testing::GatewayHarness;
using hydra::testing::HttpResult;
using hydra::testing::rawExchange;

namespace {

quint16 portOf(const GatewayHarness &gateway)
{
    return static_cast<quint16>(QUrl(gateway.baseUrl).port());
}

} // namespace

class HttpEndToEnd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusesQtHasNoPhraseForAreSentAsGenericOnes()
    {
        // Qt 6.4 throws (std::map::at) on a status it has no reason phrase for.
        using hydra::server::HttpExchange;
        for (int status : {200, 400, 403, 404, 413, 429, 431, 500, 502, 503, 504})
            QCOMPARE(HttpExchange::sendableStatus(status), status);
        QCOMPARE(HttpExchange::sendableStatus(499), 400); // Google's CANCELLED
        QCOMPARE(HttpExchange::sendableStatus(420), 400);
        QCOMPARE(HttpExchange::sendableStatus(520), 502); // a CDN's "unknown error"
        QCOMPARE(HttpExchange::sendableStatus(0), 500);
        QCOMPARE(HttpExchange::sendableStatus(1000), 500);
    }

    void healthNeedsNothingAndRevealsNothing()
    {
        GatewayHarness gateway({});
        QNetworkRequest request(QUrl(gateway.baseUrl.chopped(3) + "/health"));
        const HttpResult result = GatewayHarness::finish(gateway.network.get(request));
        QCOMPARE(result.status, 200);
        QCOMPARE(result.body, QByteArray(R"({"status":"ok"})"));
    }

    void modelsListEveryPageInOpenAiShape()
    {
        GatewayHarness gateway({"key-a"});
        gateway.fake.setMaxPageSize(2); // force several pages
        const HttpResult result = GatewayHarness::finish(gateway.get("/models"));
        QCOMPARE(result.status, 200);
        QCOMPARE(result.json()["object"].toString(), "list");
        QStringList ids;
        for (const auto &model : result.json()["data"].toArray()) {
            QCOMPARE(model.toObject()["object"].toString(), "model");
            ids << model.toObject()["id"].toString();
        }
        QVERIFY2(ids.contains("gemini-2.5-flash") && ids.contains("gemini-2.5-pro"), qPrintable(ids.join(',')));
        QVERIFY(ids.contains("gemini-embedding-001"));
        for (const QString &id : ids) {
            QVERIFY(!id.startsWith("models/"));
            QVERIFY2(!id.startsWith("imagen"), qPrintable(id)); // predict-only models are not chat models
        }
        int listCalls = 0;
        for (const auto &request : gateway.fake.requests())
            listCalls += request.path == "/v1beta/models";
        QVERIFY(listCalls >= 3);

        // Cached: a second listing does not go upstream.
        gateway.fake.clearRequests();
        QCOMPARE(GatewayHarness::finish(gateway.get("/models")).status, 200);
        QCOMPARE(gateway.fake.requests().size(), 0);

        const HttpResult one = GatewayHarness::finish(gateway.get("/models/gemini-2.5-flash"));
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json()["id"].toString(), "gemini-2.5-flash");
        const HttpResult missing = GatewayHarness::finish(gateway.get("/models/gemini-9-ultra"));
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.json()["error"].toObject()["code"].toString(), "model_not_found");
    }

    void modelsListSkipsADeadKey()
    {
        GatewayHarness gateway({"key-bad", "key-good"});
        gateway.fake.setDefaultBehaviour(Behaviour::Ok);
        gateway.fake.script("key-bad", {Behaviour::KeyInvalid}); // models list ignores scripts: use chat first
        QCOMPARE(gateway.postJson("/chat/completions", GatewayHarness::chat(false)).status, 200);
        gateway.fake.clearRequests();
        QCOMPARE(GatewayHarness::finish(gateway.get("/models")).status, 200);
        for (const auto &request : gateway.fake.requests())
            QCOMPARE(request.key, QByteArray("key-good"));
    }

    void pathsWorkWithAndWithoutV1()
    {
        GatewayHarness gateway({"key-a"});
        const QString root = gateway.baseUrl.chopped(3);
        QNetworkRequest request(QUrl(root + "/chat/completions"));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        QCOMPARE(GatewayHarness::finish(gateway.network.post(request, GatewayHarness::chat(false))).status, 200);
        QCOMPARE(GatewayHarness::finish(gateway.network.get(QNetworkRequest(QUrl(root + "/models/")))).status, 200);
    }

    void unknownRoutesAndMethodsGetOpenAiErrors()
    {
        GatewayHarness gateway({"key-a"});
        const HttpResult unknown = GatewayHarness::finish(gateway.get("/engines"));
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.json()["error"].toObject()["type"].toString(), "invalid_request_error");
        const HttpResult wrongMethod = GatewayHarness::finish(gateway.get("/chat/completions"));
        QCOMPARE(wrongMethod.status, 405);
        QVERIFY(wrongMethod.header("allow").contains("POST"));
        QVERIFY(wrongMethod.json()["error"].toObject().contains("message"));
    }

    void oversizedBodyIs413AndTheGatewayKeepsServing()
    {
        GatewayHarness gateway({"key-a"}, [](hydra::GatewayConfig &config) { config.limits.maxBodyBytes = 1024 * 1024; });
        // (Not a raw string: moc 6.4 mis-parses a raw string that ends in a quote.)
        const QByteArray huge = "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"" +
                                QByteArray(2 * 1024 * 1024, 'x') + "\"}]}";
        const HttpResult result = gateway.postJson("/chat/completions", huge);
        QCOMPARE(result.status, 413);
        QCOMPARE(result.json()["error"].toObject()["type"].toString(), "invalid_request_error");
        QCOMPARE(gateway.fake.requests().size(), 0);
        QCOMPARE(gateway.postJson("/chat/completions", GatewayHarness::chat(false)).status, 200);
    }

    void oversizedHeadersAre431()
    {
        GatewayHarness gateway({"key-a"});
        const QByteArray answer = rawExchange(portOf(gateway), "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " +
                                                                   QByteArray(100 * 1024, 'a') + "\r\n\r\n");
        QVERIFY2(answer.startsWith("HTTP/1.1 431"), answer.left(100));
    }

    void stalledRequestIsCutOff()
    {
        GatewayHarness gateway({"key-a"}, [](hydra::GatewayConfig &config) { config.limits.requestTimeoutMs = 300; });
        const QByteArray answer = rawExchange(portOf(gateway),
                                              "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
                                              "Content-Length: 1000\r\n\r\n{\"model\":",
                                              3000);
        QVERIFY2(answer.startsWith("HTTP/1.1 408"), answer.left(100));
    }

    void foreignWebPagesCannotUseTheOpenGateway()
    {
        GatewayHarness gateway({"key-a"});
        QNetworkRequest request = gateway.request("/chat/completions");
        request.setRawHeader("Origin", "https://evil.example");
        const HttpResult cross = GatewayHarness::finish(gateway.network.post(request, GatewayHarness::chat(false)));
        QCOMPARE(cross.status, 403);
        QVERIFY(cross.json()["error"].toObject()["message"].toString().contains("other sites"));

        const QByteArray rebinding = rawExchange(portOf(gateway),
                                                 "GET /v1/models HTTP/1.1\r\nHost: attacker.example:8000\r\n"
                                                 "Connection: close\r\n\r\n");
        QVERIFY2(rebinding.startsWith("HTTP/1.1 403"), rebinding.left(100));
        QCOMPARE(gateway.fake.requests().size(), 0);

        // A page served from localhost itself is fine, and gets CORS headers.
        request.setRawHeader("Origin", "http://localhost:5173");
        const HttpResult local = GatewayHarness::finish(gateway.network.post(request, GatewayHarness::chat(false)));
        QCOMPARE(local.status, 200);
        QCOMPARE(local.header("access-control-allow-origin"), QByteArray("http://localhost:5173"));
        const QByteArray preflight = rawExchange(
            portOf(gateway), "OPTIONS /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nOrigin: http://localhost:5173\r\n"
                             "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: authorization, content-type\r\n"
                             "Connection: close\r\n\r\n");
        QVERIFY2(preflight.startsWith("HTTP/1.1 204"), preflight.left(100));
        // Header names are case-insensitive, and Qt 6.8 writes them in lower case.
        QVERIFY2(preflight.toLower().contains("access-control-allow-headers: authorization, content-type"),
                 preflight.constData());
    }

    void pipelinedRequestsAreAnsweredInOrder()
    {
        GatewayHarness gateway({"key-a"});
        gateway.fake.setEventDelayMs(100);
        const QByteArray chat = GatewayHarness::chat(true);
        const QByteArray answer = rawExchange(
            portOf(gateway),
            "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: " +
                QByteArray::number(chat.size()) + "\r\n\r\n" + chat +
                "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            5000);
        const qsizetype done = answer.indexOf("data: [DONE]");
        const qsizetype health = answer.indexOf("{\"status\":\"ok\"}");
        QVERIFY2(done > 0 && health > done, answer.left(600) + "\n...\n" + answer.right(300));
    }

    void aConnectionThatCarriedALargeBodyIsClosedAfterItsAnswer()
    {
        // Qt keeps a connection's request buffers for its next request: after a 2 MB body the
        // connection goes, and its memory with it. A small one stays open for the next request.
        GatewayHarness gateway({"key-a"});
        const auto chatWith = [](qsizetype contentBytes) {
            // (Plain string literals: moc misreads a raw string that ends in a quote.)
            const QByteArray body = "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"" +
                                    QByteArray(contentBytes, 'a') + "\"}]}";
            return "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                   "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        };
        const QByteArray large = rawExchange(portOf(gateway), chatWith(2 * 1024 * 1024), 5000);
        QVERIFY2(large.startsWith("HTTP/1.1 200"), large.left(200).constData());
        QVERIFY(large.toLower().contains("connection: close")); // names are case-insensitive (Qt 6.8: lower case)
        const QByteArray small = rawExchange(portOf(gateway), chatWith(10), 1000); // not closed: waits 1 s
        QVERIFY2(small.startsWith("HTTP/1.1 200"), small.left(200).constData());
        QVERIFY(!small.toLower().contains("connection: close"));
    }

    void conflictingFramingIs400AndClosed()
    {
        // Two Content-Lengths: QHttpServer would believe the first (9 GB of body to buffer), the
        // listener's limits the second. The request is refused before either.
        GatewayHarness gateway({"key-a"});
        const QByteArray smuggled = rawExchange(portOf(gateway),
                                                "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
                                                "Content-Length: 9000000000\r\nContent-Length: 0\r\n\r\n" +
                                                    QByteArray(4096, '\n'),
                                                3000);
        QVERIFY2(smuggled.startsWith("HTTP/1.1 400"), smuggled.left(100));
        QVERIFY(smuggled.contains("\"type\":\"invalid_request_error\""));
        const QByteArray both = rawExchange(portOf(gateway),
                                            "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
                                            "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n",
                                            3000);
        QVERIFY2(both.startsWith("HTTP/1.1 400"), both.left(100));
        QCOMPARE(gateway.postJson("/chat/completions", GatewayHarness::chat(false)).status, 200);
    }

    void expectContinueIsAnsweredAtOnce()
    {
        // curl asks before sending a body over 1 MiB and waits a second for the answer.
        GatewayHarness gateway({"key-a"});
        const QByteArray chat = GatewayHarness::chat(false);
        QTcpSocket socket;
        QByteArray answer;
        connect(&socket, &QTcpSocket::readyRead, &socket, [&] { answer += socket.readAll(); });
        socket.connectToHost(QHostAddress::LocalHost, portOf(gateway));
        QVERIFY(socket.waitForConnected(5000));
        socket.write("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                     "Expect: 100-continue\r\nContent-Length: " + QByteArray::number(chat.size()) + "\r\n\r\n");
        const QByteArray interim = "HTTP/1.1 100 Continue\r\n\r\n";
        // The event loop runs while waiting: the fake Gemini lives on this thread.
        QTRY_COMPARE_WITH_TIMEOUT(answer, interim, 900); // well before curl's one second
        socket.write(chat);
        QTRY_VERIFY_WITH_TIMEOUT(answer.contains("Hello"), 5000);
        QVERIFY2(answer.mid(interim.size()).startsWith("HTTP/1.1 200"), answer.left(200));
    }

    void endlessPipeliningBehindAStreamIsCutOff()
    {
        GatewayHarness gateway({"key-a"});
        gateway.fake.setEventDelayMs(200);
        const QByteArray chat = GatewayHarness::chat(true);
        QByteArray requests = "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                              "Content-Length: " + QByteArray::number(chat.size()) + "\r\n\r\n" + chat;
        for (int i = 0; i < 100; ++i)
            requests += "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n";
        const QByteArray answer = rawExchange(portOf(gateway), requests, 5000);
        QVERIFY2(!answer.contains("{\"status\":\"ok\"}"), answer.right(300)); // cut off before any was answered
        QCOMPARE(gateway.postJson("/chat/completions", GatewayHarness::chat(false)).status, 200);
    }

    void keepAliveConnectionServesManyRequests()
    {
        GatewayHarness gateway({"key-a"});
        QByteArray requests;
        for (int i = 0; i < 20; ++i)
            requests += "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        requests += "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        const QByteArray answer = rawExchange(portOf(gateway), requests, 5000);
        QCOMPARE(answer.count("HTTP/1.1 200"), 21);
    }
};

QTEST_GUILESS_MAIN(HttpEndToEnd)
#include "tst_http_e2e.moc"
