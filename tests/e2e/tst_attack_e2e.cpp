// The attacker's probes, kept: every request an outside probe used to take Hydra down, bypass
// its checks or hold its resources, sent to the running gateway's local door and tunnel door
// over loopback. Each answer must be the refusal the probe deserves, and the gateway must go
// on serving everybody else.

#include "gateway_harness.h"
#include "pool/clock.h"
#include "relay/failover_relay.h"
#include "server/http_server_base.h"
#include "store/token_store.h"

#include <stdexcept>

#include <QElapsedTimer>
#include <QTemporaryDir>

#include <memory>
#include <vector>

using hydra::Engine;
using hydra::GatewayConfig;
using hydra::testing::GatewayHarness;
using hydra::testing::HttpResult;
using hydra::testing::openTunnelDoor;
using hydra::testing::rawExchange;

namespace {

const QByteArray poolKey = "test-pool-key-not-a-real-gemini-key";

QByteArray createToken(const QString &configDir, const QString &name)
{
    const auto created = hydra::store::TokenStore(configDir).create(name);
    if (!std::holds_alternative<QByteArray>(created))
        qFatal("token not created: %s", std::get<std::string>(created).c_str());
    return std::get<QByteArray>(created);
}

quint16 localPort(const GatewayHarness &gateway)
{
    return static_cast<quint16>(QUrl(gateway.baseUrl).port());
}

QByteArray post(const QByteArray &path, const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n" + extraHeaders + "Connection: close\r\n\r\n" + body;
}

int statusOf(const QByteArray &response)
{
    return response.startsWith("HTTP/1.1 ") ? response.mid(9, 3).toInt() : 0;
}

QJsonObject bodyOf(const QByteArray &response)
{
    return QJsonDocument::fromJson(response.mid(response.indexOf("\r\n\r\n") + 4)).object();
}

// An OpenAI-shaped error: {"error": {"message", "type", "param", "code"}}.
bool isOpenAiError(const QByteArray &response)
{
    const QJsonObject error = bodyOf(response).value("error").toObject();
    return error.value("message").isString() && error.value("type").isString() && error.contains("param") &&
           error.contains("code");
}

// A connection that has sent `bytes` and then waits: the answer, if any, within `timeoutMs`,
// and whether the server closed the connection.
struct HeldConnection
{
    explicit HeldConnection(quint16 port)
    {
        socket.connectToHost(QHostAddress::LocalHost, port);
        socket.waitForConnected(3000);
    }
    void send(const QByteArray &bytes)
    {
        socket.write(bytes);
        socket.flush();
    }
    QByteArray answer(int timeoutMs)
    {
        QElapsedTimer clock;
        clock.start();
        while (!received.contains("\r\n\r\n") && socket.state() == QAbstractSocket::ConnectedState &&
               clock.elapsed() < timeoutMs) {
            socket.waitForReadyRead(50);
            received += socket.readAll();
        }
        return received;
    }
    bool closedWithin(int timeoutMs)
    {
        QElapsedTimer clock;
        clock.start();
        while (socket.state() == QAbstractSocket::ConnectedState && clock.elapsed() < timeoutMs) {
            socket.waitForReadyRead(20);
            received += socket.readAll();
        }
        return socket.state() != QAbstractSocket::ConnectedState;
    }
    QTcpSocket socket;
    QByteArray received;
};

// A server whose handler has a bug that throws: what reaches the client and whether the
// process survives do not depend on which bug it is.
class ThrowingServer : public hydra::server::HttpServerBase
{
public:
    bool throwOnAdmission = false;

protected:
    hydra::server::Admission admit(hydra::server::IncomingRequest &request) override
    {
        if (throwOnAdmission)
            throw std::out_of_range("a bug in the admission step");
        return HttpServerBase::admit(request);
    }
    void onRequest(const hydra::server::IncomingRequest &, hydra::server::HttpExchange *) override
    {
        throw std::out_of_range("a bug in a handler");
    }
};

// A relay whose reading of Google's answer has a bug that throws, behind a server that uses it.
class ThrowingRelay : public hydra::relay::FailoverRelay
{
public:
    ThrowingRelay(hydra::relay::RelayContext &context, hydra::server::HttpExchange *exchange, bool streamed)
        : FailoverRelay(context, exchange, {}, "gemini-2.5-flash", QStringLiteral("chat"), streamed)
        , m_streamed(streamed)
    {
        setParent(exchange);
    }

protected:
    hydra::upstream::UpstreamCall *send(const hydra::pool::KeyInfo &key) override
    {
        return m_context.client.generate(m_model, m_streamed, R"({"contents":[{"role":"user","parts":[{"text":"hi"}]}]})",
                                         key.secret);
    }
    std::optional<std::string> deliverWhole(const QByteArray &) override { throw std::out_of_range("a bug"); }
    void beginStream() override {}
    hydra::relay::StreamOutcome streamBytes(const QByteArray &) override { throw std::out_of_range("a bug"); }
    hydra::relay::StreamOutcome endStream(const std::optional<std::string> &) override
    {
        return hydra::relay::KeepStreaming{};
    }

private:
    bool m_streamed;
};

class RelayingServer : public hydra::server::HttpServerBase
{
public:
    explicit RelayingServer(hydra::relay::RelayContext &context)
        : m_context(context)
    {
    }

protected:
    void onRequest(const hydra::server::IncomingRequest &request, hydra::server::HttpExchange *exchange) override
    {
        (new ThrowingRelay(m_context, exchange, request.path.endsWith(u"stream")))->start();
    }

private:
    hydra::relay::RelayContext &m_context;
};

} // namespace

class AttackE2e : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void numbersTooLargeForADoubleAreA400NotACrash_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("body");
        const QByteArray chat = R"({"model":"gemini-2.5-flash","messages":[{"role":"user","content":"x"}],)";
        QTest::newRow("chat temperature 1e999") << QByteArray("/v1/chat/completions") << chat + R"("temperature":1e999})";
        QTest::newRow("chat temperature 1e400") << QByteArray("/v1/chat/completions") << chat + R"("temperature":1e400})";
        QTest::newRow("chat top_p -1e999") << QByteArray("/v1/chat/completions") << chat + R"("top_p":-1e999})";
        QTest::newRow("chat max_tokens 1e999") << QByteArray("/v1/chat/completions") << chat + R"("max_tokens":1e999})";
        QTest::newRow("chat nested in a tool") << QByteArray("/v1/chat/completions")
                                               << chat + R"("tools":[{"type":"function","function":{"name":"f",)"
                                                         R"("parameters":{"type":"number","maximum":1e999}}}]})";
        QTest::newRow("completions") << QByteArray("/v1/completions")
                                     << QByteArray(R"({"model":"gemini-2.5-flash","prompt":"x","temperature":1e999})");
        QTest::newRow("embeddings") << QByteArray("/v1/embeddings")
                                    << QByteArray(R"({"model":"text-embedding-004","input":"x","dimensions":-1e999})");
    }

    void numbersTooLargeForADoubleAreA400NotACrash()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, body);
        GatewayHarness gateway({poolKey});
        const QByteArray answer = rawExchange(localPort(gateway), post(path, body));
        QCOMPARE(statusOf(answer), 400);
        QVERIFY2(isOpenAiError(answer), answer.constData());
        QVERIFY(bodyOf(answer).value("error").toObject().value("message").toString().contains("too large"));
        QCOMPARE(gateway.fake.requests().size(), 0);
        // ... and the gateway is still there for the next client.
        QCOMPARE(gateway.postJson("/chat/completions", GatewayHarness::chat(false)).status, 200);
    }

    void moreThanAHundredHeadersAreRefusedNotStripped()
    {
        // Qt's parser drops every header of a request with more than 100 and serves it anyway:
        // the Host check of the open gateway (DNS rebinding) was bypassed that way.
        GatewayHarness gateway({poolKey});
        const auto request = [](int extra) {
            QByteArray bytes = "GET /v1/models HTTP/1.1\r\nHost: evil.example\r\nUser-Agent: probe\r\nAccept: */*\r\n";
            for (int i = 0; i < extra; ++i)
                bytes += "X-H" + QByteArray::number(i) + ": v\r\n";
            return bytes + "\r\n";
        };
        QCOMPARE(statusOf(rawExchange(localPort(gateway), request(97))), 403); // 100 fields: read, and refused
        const QByteArray tooMany = rawExchange(localPort(gateway), request(98));
        QCOMPARE(statusOf(tooMany), 431);
        QVERIFY2(isOpenAiError(tooMany), tooMany.constData());
        QCOMPARE(statusOf(rawExchange(localPort(gateway), request(500))), 431);
    }

    void aBodyCanNeverBeReadAsASecondRequest()
    {
        // With the headers dropped, Content-Length was lost and the body was parsed as a request
        // of its own: this chat reached Google although only GET /v1/models was asked.
        GatewayHarness gateway({poolKey});
        const QByteArray smuggled = post("/v1/chat/completions", GatewayHarness::chat(false));
        QByteArray bytes = "POST /v1/models HTTP/1.1\r\nHost: localhost\r\nContent-Length: " +
                           QByteArray::number(smuggled.size()) + "\r\n";
        for (int i = 0; i < 120; ++i)
            bytes += "X-H" + QByteArray::number(i) + ": v\r\n";
        const QByteArray answer = rawExchange(localPort(gateway), bytes + "\r\n" + smuggled);
        QCOMPARE(statusOf(answer), 431);
        QCOMPARE(answer.count("HTTP/1.1 "), 1); // one answer: the smuggled request was never read
        QTest::qWait(200);
        QCOMPARE(gateway.fake.requests().size(), 0);
    }

    void malformedHeaderLinesAreRefusedAndClosed_data()
    {
        QTest::addColumn<QByteArray>("fields");
        QTest::addColumn<int>("status");
        QTest::newRow("no colon") << QByteArray("Host: localhost\r\nnot a header\r\n") << 400;
        QTest::newRow("space before colon") << QByteArray("Host: localhost\r\nContent-Length : 5\r\n") << 400;
        QTest::newRow("folded") << QByteArray("Host: localhost\r\nX-A: a\r\n b\r\n") << 400;
        QTest::newRow("two Hosts") << QByteArray("Host: localhost\r\nHost: evil.example\r\n") << 400;
        QTest::newRow("no Host") << QByteArray("Accept: */*\r\n") << 400;
        QTest::newRow("xchunked") << QByteArray("Host: localhost\r\nTransfer-Encoding: xchunked\r\n") << 400;
        QTest::newRow("gzip, chunked") << QByteArray("Host: localhost\r\nTransfer-Encoding: gzip, chunked\r\n") << 501;
        QTest::newRow("two TE headers")
            << QByteArray("Host: localhost\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n") << 400;
        QTest::newRow("two tokens") << QByteArray("Host: localhost\r\nAuthorization: Bearer a\r\nAuthorization: Bearer b\r\n")
                                    << 400;
    }

    void malformedHeaderLinesAreRefusedAndClosed()
    {
        QFETCH(QByteArray, fields);
        QFETCH(int, status);
        GatewayHarness gateway({poolKey});
        HeldConnection connection(localPort(gateway));
        connection.send("POST /v1/chat/completions HTTP/1.1\r\n" + fields + "\r\n");
        const QByteArray answer = connection.answer(3000);
        QCOMPARE(statusOf(answer), status);
        QVERIFY2(isOpenAiError(answer), answer.constData());
        QVERIFY(answer.toLower().contains("connection: close"));
        QVERIFY(connection.closedWithin(3000));
        QCOMPARE(gateway.fake.requests().size(), 0);
    }

    void httpVersionsOtherThan11()
    {
        GatewayHarness gateway({poolKey});
        // HTTP/1.0: answered, and the connection closed (1.0 has no keep-alive by default).
        HeldConnection old(localPort(gateway));
        old.send("GET /health HTTP/1.0\r\n\r\n");
        QVERIFY(old.closedWithin(3000));
        QCOMPARE(statusOf(old.received), 200);
        QVERIFY(old.received.toLower().contains("connection: close"));
        for (const QByteArray version : {"HTTP/2.0", "HTTP/1.2", "HTTP/0.9", "HTTP/3.0"}) {
            const QByteArray answer = rawExchange(localPort(gateway), "GET /health " + version + "\r\nHost: localhost\r\n\r\n");
            QCOMPARE(statusOf(answer), 505);
        }
        QCOMPARE(statusOf(rawExchange(localPort(gateway), "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")), 505);
        QCOMPARE(gateway.postJson("/chat/completions", GatewayHarness::chat(false)).status, 200);
    }

    void hostWithUserInfoIsNotLoopback()
    {
        GatewayHarness gateway({poolKey});
        for (const QByteArray host : {"127.0.0.1:1@evil.example", "localhost@evil.example", "localhost:8000/x"}) {
            const QByteArray answer = rawExchange(localPort(gateway), "GET /v1/models HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
            QVERIFY2(statusOf(answer) == 403, answer.left(200).constData());
        }
    }

    void tunnelDoorRefusesATokenlessUploadFromItsHead()
    {
        // The body never has to arrive: the 401 comes right after the head, so nobody without a
        // token can make the gateway hold a 30 MB upload (20 of them took 1.2 GB before).
        QTemporaryDir config;
        createToken(config.path(), "t");
        GatewayHarness gateway({poolKey}, [&](GatewayConfig &c) { c.configDir = config.path(); });
        const quint16 port = openTunnelDoor(gateway.engine);
        QVERIFY(port != 0);
        std::vector<std::unique_ptr<HeldConnection>> uploads;
        for (int i = 0; i < 20; ++i) {
            uploads.push_back(std::make_unique<HeldConnection>(port));
            uploads.back()->send("POST /v1/chat/completions HTTP/1.1\r\nHost: x.trycloudflare.com\r\n"
                                 "CF-Connecting-IP: 198.51.100." + QByteArray::number(i) +
                                 "\r\nContent-Type: application/json\r\nContent-Length: 30000000\r\n\r\n" +
                                 QByteArray(64 * 1024, '{'));
        }
        for (auto &upload : uploads) {
            const QByteArray answer = upload->answer(5000);
            QCOMPARE(statusOf(answer), 401);
            QVERIFY(isOpenAiError(answer));
            QVERIFY(upload->closedWithin(15000));
        }
        // Expect: 100-continue from a client without a token: the answer is the 401, never a 100.
        HeldConnection asking(port);
        asking.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                    "Content-Length: 30000000\r\n\r\n");
        const QByteArray answer = asking.answer(5000);
        QVERIFY2(answer.startsWith("HTTP/1.1 401"), answer.left(100).constData());
        QVERIFY(!answer.contains("100 Continue"));
    }

    void slowClientsCannotLockTheTunnelOut()
    {
        // Every tunnel connection comes from cloudflared on 127.0.0.1, so a per-address cap
        // there is one cap for the whole internet. Heads that trickle are cut at a deadline,
        // bodies at one scaled to their length.
        QTemporaryDir config;
        const QByteArray token = createToken(config.path(), "t");
        GatewayHarness gateway({poolKey}, [&](GatewayConfig &c) {
            c.configDir = config.path();
            c.limits.maxConnectionsPerAddress = 4;
            c.limits.headerTimeoutMs = 1000;
            c.limits.bodyGraceMs = 1000;
            c.limits.minBodyBytesPerSecond = 1000;
        });
        const quint16 port = openTunnelDoor(gateway.engine);
        QVERIFY(port != 0);
        std::vector<std::unique_ptr<HeldConnection>> slow;
        for (int i = 0; i < 12; ++i) {
            slow.push_back(std::make_unique<HeldConnection>(port));
            slow.back()->send("POST /v1/chat/completions HTTP/1.1\r\nHo");
        }
        const QByteArray auth = "Authorization: Bearer " + token + "\r\n";
        const QByteArray legit = rawExchange(port, post("/v1/chat/completions", GatewayHarness::chat(false), auth));
        QVERIFY2(statusOf(legit) == 200, legit.left(200).constData());

        // A head still unfinished after its deadline is answered 408 and closed, even if a byte
        // keeps arriving now and then.
        QElapsedTimer clock;
        clock.start();
        for (auto &connection : slow)
            connection->send("s");
        QVERIFY(slow.front()->closedWithin(5000));
        QVERIFY(clock.elapsed() < 4000);
        QCOMPARE(statusOf(slow.front()->received), 408);

        // A body that trickles: 100 bytes announced, at 1000 B/s plus 1 s of grace = 1.1 s at most.
        HeldConnection trickle(port);
        trickle.send("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n" + auth + "Content-Length: 100\r\n\r\n{");
        clock.restart();
        while (clock.elapsed() < 6000 && trickle.received.isEmpty()) {
            trickle.send(" ");
            QTest::qWait(200);
            trickle.received += trickle.socket.readAll();
        }
        QVERIFY2(clock.elapsed() < 3500, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(statusOf(trickle.received), 408);
        QVERIFY(trickle.closedWithin(12000)); // what it still sends is drained, for 10 s at most
    }

    void healthAnswersWithoutATokenOnTheLocalDoor()
    {
        QTemporaryDir config;
        createToken(config.path(), "t");
        GatewayHarness gateway({poolKey}, [&](GatewayConfig &c) { c.configDir = config.path(); });
        // Failed token checks slow an address down; health probes are not token checks.
        for (int i = 0; i < 6; ++i)
            QCOMPARE(gateway.finish(gateway.get("/models")).status, 401);
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 5; ++i) {
            const QByteArray answer = rawExchange(localPort(gateway), "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            QCOMPARE(statusOf(answer), 200);
            QCOMPARE(bodyOf(answer), QJsonObject({{"status", "ok"}}));
        }
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
        // The tunnel door still has no /health.
        const quint16 port = openTunnelDoor(gateway.engine);
        QCOMPARE(statusOf(rawExchange(port, "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")), 404);
    }

    void anExceptionInAHandlerIsA500NotACrash()
    {
        ThrowingServer server;
        QString error;
        QVERIFY2(server.listenOn(QHostAddress::LocalHost, 0, {}, &error), qPrintable(error));
        for (int i = 0; i < 3; ++i) {
            const QByteArray answer = rawExchange(server.port(), post("/v1/chat/completions", "{}"));
            QCOMPARE(statusOf(answer), 500);
            QVERIFY2(isOpenAiError(answer), answer.constData());
        }
        server.throwOnAdmission = true;
        const QByteArray answer = rawExchange(server.port(), post("/v1/chat/completions", "{}"));
        QCOMPARE(statusOf(answer), 500);
        QVERIFY2(isOpenAiError(answer), answer.constData());
    }

    void anExceptionWhileReadingGoogleIsA502NotACrash()
    {
        hydra::fakes::FakeGemini fake;
        QVERIFY(fake.listen());
        hydra::pool::SystemClock clock;
        hydra::pool::KeyPool pool(clock);
        pool.setKeys({{poolKey.toStdString(), "key-1", {}, {}, {}}});
        hydra::upstream::GeminiClient client(QUrl(fake.baseUrl()), hydra::upstream::CallTimeouts::both(30000));
        hydra::relay::RelayContext context{pool, client, {}, {}, nullptr, nullptr, {}, {}};
        RelayingServer server(context);
        QString error;
        QVERIFY2(server.listenOn(QHostAddress::LocalHost, 0, {}, &error), qPrintable(error));
        const QByteArray whole = rawExchange(server.port(), post("/whole", "{}"));
        QCOMPARE(statusOf(whole), 502);
        QVERIFY2(isOpenAiError(whole), whole.constData());
        // A stream that fails on its first bytes: its 200 has gone out, so the stream is cut.
        const QByteArray streamed = rawExchange(server.port(), post("/stream", "{}"));
        QVERIFY2(!streamed.contains("\r\n0\r\n\r\n"), streamed.constData()); // never ended as if complete
        QCOMPARE(statusOf(rawExchange(server.port(), post("/whole", "{}"))), 502); // still serving
    }

    void theTokenIsNeverTakenFromTheUrl()
    {
        QTemporaryDir config;
        const QByteArray token = createToken(config.path(), "t");
        GatewayHarness gateway({poolKey}, [&](GatewayConfig &c) { c.configDir = config.path(); });
        const QByteArray native = "/v1beta/models/gemini-2.5-flash:generateContent";
        const QByteArray body = R"({"contents":[{"role":"user","parts":[{"text":"hi"}]}]})";
        QCOMPARE(statusOf(rawExchange(localPort(gateway), post(native + "?key=" + token, body))), 401);
        QCOMPARE(statusOf(rawExchange(localPort(gateway), post("/v1/models?key=" + token, {}))), 401);
        QCOMPARE(statusOf(rawExchange(localPort(gateway), post(native, body, "x-goog-api-key: " + token + "\r\n"))), 200);
    }
};

QTEST_GUILESS_MAIN(AttackE2e)
#include "tst_attack_e2e.moc"
