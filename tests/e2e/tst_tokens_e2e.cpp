// Access tokens and the two doors, end to end: the real engine over loopback, tokens made and
// revoked by the real `hydra tokens` in a child process while the gateway runs, and the tunnel
// door as cloudflared would reach it (from 127.0.0.1, with the edge's CF-Connecting-IP).

#include "gateway_harness.h"
#include "store/token_store.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

using hydra::Engine;
using hydra::GatewayConfig;
using hydra::RequestRecord;
using hydra::testing::GatewayHarness;
using hydra::testing::HttpResult;
using hydra::testing::openTunnelDoor;
using hydra::testing::rawExchange;

namespace {

const QByteArray poolKey = "test-pool-key-not-a-real-gemini-key";

// `hydra tokens create` in a child process; the token is the last line it prints.
QByteArray createToken(const QString &configDir, const QString &name)
{
    QProcess process;
    process.start(HYDRA_BIN, {"tokens", "create", "--name", name, "--config-dir", configDir});
    if (!process.waitForFinished(10000) || process.exitCode() != 0)
        qFatal("hydra tokens create failed: %s", process.readAllStandardError().constData());
    return process.readAllStandardOutput().trimmed().split('\n').last();
}

bool revokeToken(const QString &configDir, const QString &name)
{
    QProcess process;
    process.start(HYDRA_BIN, {"tokens", "revoke", name, "--config-dir", configDir});
    return process.waitForFinished(10000) && process.exitCode() == 0;
}

QNetworkRequest requestTo(const QString &url, const QList<QPair<QByteArray, QByteArray>> &headers = {})
{
    QNetworkRequest request{QUrl(url)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    return request;
}

// The same token with its last character changed: a near miss. (Appending a fixed character to
// token.chopped(1) would give the token itself whenever it already ends in that character.)
QByteArray nearMiss(const QByteArray &token)
{
    QByteArray altered = token;
    altered.back() = altered.back() == 'A' ? 'B' : 'A';
    return altered;
}

QPair<QByteArray, QByteArray> bearer(const QByteArray &token)
{
    return {"Authorization", "Bearer " + token};
}

// OpenAI's own 401 carries code "invalid_api_key"; ours says the same whatever was sent.
void verifyOpenAiUnauthorized(const HttpResult &result)
{
    QCOMPARE(result.status, 401);
    const QJsonObject error = result.json().value("error").toObject();
    QCOMPARE(error.keys(), (QStringList{"code", "message", "param", "type"}));
    QCOMPARE(error.value("code").toString(), QStringLiteral("invalid_api_key"));
    QCOMPARE(error.value("type").toString(), QStringLiteral("invalid_request_error"));
    QVERIFY(error.value("param").isNull());
    QCOMPARE(error.value("message").toString(),
             QStringLiteral("Missing or invalid access token. Send a Hydra access token as 'Authorization: Bearer "
                            "<token>' (create one with: hydra tokens create --name NAME)."));
    QCOMPARE(result.header("www-authenticate"), QByteArray("Bearer realm=\"hydra\""));
}

} // namespace

class AccessTokensE2e : public QObject
{
    Q_OBJECT

private:
    HttpResult get(GatewayHarness &gateway, const QString &url, const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        return GatewayHarness::finish(gateway.network.get(requestTo(url, headers)));
    }
    HttpResult post(GatewayHarness &gateway, const QString &url, const QByteArray &body,
                    const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        return GatewayHarness::finish(gateway.network.post(requestTo(url, headers), body));
    }

private Q_SLOTS:
    void openGatewayNeedsNoToken()
    {
        QTemporaryDir config;
        GatewayHarness gateway({poolKey}, [&](GatewayConfig &c) { c.configDir = config.path(); });
        QSignalSpy records(&gateway.engine, &Engine::requestCompleted);
        QCOMPARE(post(gateway, gateway.baseUrl + "/chat/completions", GatewayHarness::chat(false)).status, 200);
        // A key sent anyway (SDKs insist on one) does not matter while the gateway is open.
        QCOMPARE(post(gateway, gateway.baseUrl + "/chat/completions", GatewayHarness::chat(false), {bearer("sk-x")}).status,
                 200);
        QTRY_COMPARE(records.size(), 2);
        const auto record = records.first().first().value<RequestRecord>();
        QVERIFY(record.tokenName.isEmpty());
        QVERIFY(!record.tunnel);
        QCOMPARE(get(gateway, gateway.baseUrl.chopped(3) + "/health").status, 200);
    }

    void onceATokenExistsEveryRequestNeedsIt()
    {
        QTemporaryDir config;
        GatewayHarness gateway({poolKey}, [&](GatewayConfig &c) { c.configDir = config.path(); });
        QSignalSpy records(&gateway.engine, &Engine::requestCompleted);
        const QString chatUrl = gateway.baseUrl + "/chat/completions";
        QCOMPARE(post(gateway, chatUrl, GatewayHarness::chat(false)).status, 200);

        // Made by another process while the gateway runs: it takes effect within a second.
        const QByteArray token = createToken(config.path(), "cli-made");
        QVERIFY(token.startsWith("hydra-"));
        QTRY_COMPARE_WITH_TIMEOUT(post(gateway, chatUrl, GatewayHarness::chat(false)).status, 401, 3000);

        verifyOpenAiUnauthorized(post(gateway, chatUrl, GatewayHarness::chat(false)));
        const HttpResult wrong = post(gateway, chatUrl, GatewayHarness::chat(false), {bearer(nearMiss(token))});
        verifyOpenAiUnauthorized(wrong);
        QVERIFY(!wrong.body.contains(token.left(12))); // nothing about what was sent, or what exists
        verifyOpenAiUnauthorized(get(gateway, gateway.baseUrl + "/models", {{"x-api-key", "hydra-guess"}}));
        // Never from the URL, where logs and proxies keep it.
        verifyOpenAiUnauthorized(get(gateway, gateway.baseUrl + "/models?key=" + token));

        records.clear();
        QCOMPARE(post(gateway, chatUrl, GatewayHarness::chat(false), {bearer(token)}).status, 200);
        QCOMPARE(post(gateway, chatUrl, GatewayHarness::chat(false), {{"x-api-key", token}}).status, 200);
        QCOMPARE(get(gateway, gateway.baseUrl + "/models", {bearer(token)}).status, 200);
        QTRY_COMPARE(records.size(), 2);
        for (const auto &record : records) {
            QCOMPARE(record.first().value<RequestRecord>().tokenName, QStringLiteral("cli-made"));
            QVERIFY(!record.first().value<RequestRecord>().tunnel);
        }

        // Gemini's native API: the token also as x-goog-api-key (Google's SDKs), never passed upstream.
        const QString native = gateway.baseUrl.chopped(3) + "/v1beta/models/gemini-2.5-flash:generateContent";
        const QByteArray nativeBody = R"({"contents":[{"role":"user","parts":[{"text":"hi"}]}]})";
        gateway.fake.clearRequests();
        QCOMPARE(post(gateway, native, nativeBody, {{"x-goog-api-key", token}}).status, 200);
        QCOMPARE(post(gateway, native, nativeBody, {bearer(token)}).status, 200);
        QCOMPARE(post(gateway, native + "?key=" + token, nativeBody, {{"x-goog-api-key", token}}).status, 200);
        QCOMPARE(gateway.fake.requests().size(), 3);
        for (const auto &upstream : gateway.fake.requests()) {
            QCOMPARE(upstream.key, poolKey);
            QVERIFY(!upstream.query.contains("hydra-"));
            for (const auto &[name, value] : upstream.headers)
                QVERIFY2(!value.contains(token), name.constData());
        }
        // ... and its 401 is Google-shaped, like every error of that passthrough.
        const HttpResult nativeRefused = post(gateway, native + "?key=hydra-wrong", nativeBody);
        QCOMPARE(nativeRefused.status, 401);
        const QJsonObject googleError = nativeRefused.json().value("error").toObject();
        QCOMPARE(googleError.value("code").toInt(), 401);
        QCOMPARE(googleError.value("status").toString(), QStringLiteral("UNAUTHENTICATED"));
        QVERIFY(googleError.value("message").toString().contains("access token"));

        // Revoked by another process: refused within a second (another token still exists).
        const QByteArray other = createToken(config.path(), "other");
        QTRY_COMPARE_WITH_TIMEOUT(post(gateway, chatUrl, GatewayHarness::chat(false), {bearer(other)}).status, 200, 3000);
        QVERIFY(revokeToken(config.path(), "cli-made"));
        QTRY_COMPARE_WITH_TIMEOUT(post(gateway, chatUrl, GatewayHarness::chat(false), {bearer(token)}).status, 401, 3000);
        QCOMPARE(post(gateway, chatUrl, GatewayHarness::chat(false), {bearer(other)}).status, 200);

        // With the last token gone the loopback gateway is open again.
        QVERIFY(revokeToken(config.path(), "other"));
        QTRY_COMPARE_WITH_TIMEOUT(post(gateway, chatUrl, GatewayHarness::chat(false)).status, 200, 3000);
    }

    void lastUseIsRecordedWithoutLosingOtherTokens()
    {
        QTemporaryDir config;
        const QByteArray used = createToken(config.path(), "used");
        {
            GatewayHarness gateway({poolKey}, [&](GatewayConfig &c) { c.configDir = config.path(); });
            QCOMPARE(get(gateway, gateway.baseUrl + "/models", {bearer(used)}).status, 200);
            createToken(config.path(), "made-meanwhile"); // while the use is still pending in memory
            gateway.engine.stop(); // writes what is pending
        }
        const auto loaded = hydra::store::TokenStore(config.path()).load();
        QVERIFY(std::holds_alternative<std::vector<hydra::store::AccessToken>>(loaded));
        const auto &tokens = std::get<std::vector<hydra::store::AccessToken>>(loaded);
        QCOMPARE(tokens.size(), std::size_t(2));
        QCOMPARE(tokens[0].name, std::string("used"));
        QVERIFY(!tokens[0].lastUsed.empty());
        QCOMPARE(tokens[1].name, std::string("made-meanwhile"));
        QVERIFY(tokens[1].lastUsed.empty());
    }

    void tunnelDoorServesOnlyTheApiAndAlwaysNeedsAToken()
    {
        QTemporaryDir config;
        GatewayHarness gateway({poolKey}, [&](GatewayConfig &c) { c.configDir = config.path(); });
        QSignalSpy failed(&gateway.engine, &Engine::tunnelDoorFailed);
        gateway.engine.openTunnelDoor();
        QVERIFY(failed.wait(5000)); // no token yet: the tunnel would let nobody in
        QVERIFY2(failed.first().first().toString().contains("access token"), qPrintable(failed.first().first().toString()));

        const QByteArray token = createToken(config.path(), "phone");
        const quint16 port = openTunnelDoor(gateway.engine);
        QVERIFY(port != 0);
        QVERIFY(port != QUrl(gateway.baseUrl).port());
        QCOMPARE(openTunnelDoor(gateway.engine), port); // opening again: the same door
        const QString tunnel = QStringLiteral("http://127.0.0.1:%1").arg(port);
        const QList<QPair<QByteArray, QByteArray>> edge = {{"CF-Connecting-IP", "203.0.113.9"}, {"Cf-Ray", "8f1e2d3c4b5a6978-FRA"}};

        verifyOpenAiUnauthorized(post(gateway, tunnel + "/v1/chat/completions", GatewayHarness::chat(false), edge));
        QSignalSpy records(&gateway.engine, &Engine::requestCompleted);
        QCOMPARE(post(gateway, tunnel + "/v1/chat/completions", GatewayHarness::chat(false), edge + QList{bearer(token)}).status,
                 200);
        const HttpResult streamed =
            post(gateway, tunnel + "/v1/chat/completions", GatewayHarness::chat(true), edge + QList{bearer(token)});
        QCOMPARE(streamed.status, 200);
        QVERIFY(streamed.header("content-type").startsWith("text/event-stream"));
        QVERIFY(streamed.header("content-length").isEmpty());
        const auto events = GatewayHarness::sseData(streamed.body);
        QVERIFY(events.size() > 2);
        QCOMPARE(events.last(), QByteArray("[DONE]"));
        QCOMPARE(get(gateway, tunnel + "/v1/models", edge + QList{bearer(token)}).status, 200);
        QTRY_COMPARE(records.size(), 2);
        for (const auto &record : records) {
            QCOMPARE(record.first().value<RequestRecord>().tokenName, QStringLiteral("phone"));
            QVERIFY(record.first().value<RequestRecord>().tunnel);
        }

        // Nothing but the API exists there, with or without a token.
        for (const QString path : {"/health", "/", "/admin", "/v1/unknown"}) {
            QCOMPARE(get(gateway, tunnel + path, edge).status, 404);
            QCOMPARE(get(gateway, tunnel + path, edge + QList{bearer(token)}).status, 404);
        }
        const HttpResult health = get(gateway, tunnel + "/health", edge + QList{bearer(token)});
        QVERIFY(!health.body.contains("\"ok\""));
        QCOMPARE(health.json().value("error").toObject().value("code").toString(), QStringLiteral("unknown_url"));

        // The edge passes on the public host name: no localhost check there.
        const QByteArray viaEdge = rawExchange(port, "GET /v1/models HTTP/1.1\r\nHost: dad-bridges-wizard-contest.trycloudflare.com\r\n"
                                                     "Authorization: Bearer " + token + "\r\nConnection: close\r\n\r\n");
        QVERIFY2(viaEdge.startsWith("HTTP/1.1 200"), viaEdge.left(200).constData());
        // The local door does check Host while open; with a token it needs the token too.
        QCOMPARE(get(gateway, gateway.baseUrl + "/models").status, 401);

        // Listener limits hold on the tunnel door too.
        const QByteArray huge = rawExchange(port, "GET /v1/models HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(80 * 1024, 'a') +
                                                      "\r\n\r\n");
        QVERIFY2(huge.startsWith("HTTP/1.1 431"), huge.left(100).constData());
    }

    void closingTheTunnelDoorEndsItsStreams()
    {
        QTemporaryDir config;
        GatewayHarness gateway({poolKey}, [&](GatewayConfig &c) { c.configDir = config.path(); });
        gateway.fake.setEventDelayMs(300);
        gateway.fake.setReplyChunks({"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"});
        const QByteArray token = createToken(config.path(), "t");
        const quint16 port = openTunnelDoor(gateway.engine);
        QVERIFY(port != 0);
        QNetworkReply *stream = gateway.network.post(
            requestTo(QStringLiteral("http://127.0.0.1:%1/v1/chat/completions").arg(port), {bearer(token)}),
            GatewayHarness::chat(true));
        QTRY_VERIFY(stream->bytesAvailable() > 0);
        gateway.engine.closeTunnelDoor();
        QTRY_VERIFY_WITH_TIMEOUT(stream->isFinished(), 3000);
        QVERIFY(stream->readAll().contains("shutting down"));
        delete stream;
        QVERIFY(rawExchange(port, "GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n", 1000).isEmpty()); // nobody listens
        // The local door is untouched.
        QCOMPARE(get(gateway, gateway.baseUrl + "/models", {bearer(token)}).status, 200);
    }

    void tunnelClientsGetAShareOfRequestsInFlight()
    {
        QTemporaryDir config;
        GatewayHarness gateway({poolKey}, [&](GatewayConfig &c) {
            c.configDir = config.path();
            c.limits.maxInFlightPerClient = 2;
        });
        gateway.fake.setEventDelayMs(300);
        gateway.fake.setReplyChunks({"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"});
        const QByteArray token = createToken(config.path(), "t");
        const quint16 port = openTunnelDoor(gateway.engine);
        QVERIFY(port != 0);
        const QString chatUrl = QStringLiteral("http://127.0.0.1:%1/v1/chat/completions").arg(port);
        const auto from = [&](const QByteArray &ip) { return QList{bearer(token), qMakePair(QByteArray("CF-Connecting-IP"), ip)}; };

        QList<QNetworkReply *> held;
        for (int i = 0; i < 2; ++i)
            held << gateway.network.post(requestTo(chatUrl, from("198.51.100.1")), GatewayHarness::chat(true));
        for (QNetworkReply *reply : held)
            QTRY_VERIFY(reply->bytesAvailable() > 0);

        QElapsedTimer clock;
        clock.start();
        const HttpResult refused = post(gateway, chatUrl, GatewayHarness::chat(false), from("198.51.100.1"));
        QCOMPARE(refused.status, 429);
        QVERIFY(clock.elapsed() < 2000); // answered at once, not queued behind the streams
        const QJsonObject error = refused.json().value("error").toObject();
        QCOMPARE(error.value("type").toString(), QStringLiteral("rate_limit_exceeded"));
        QVERIFY(error.value("message").toString().contains("at most 2"));
        // Another client behind the same cloudflared is not affected.
        QCOMPARE(post(gateway, chatUrl, GatewayHarness::chat(false), from("203.0.113.50")).status, 200);

        for (QNetworkReply *reply : held) {
            reply->abort();
            delete reply;
        }
        QTRY_COMPARE_WITH_TIMEOUT(post(gateway, chatUrl, GatewayHarness::chat(false), from("198.51.100.1")).status, 200, 5000);
    }

    void listeningBeyondLoopbackNeedsAToken()
    {
        QTemporaryDir config;
        hydra::fakes::FakeGemini fake;
        QVERIFY(fake.listen());
        GatewayConfig settings;
        settings.host = QHostAddress(QHostAddress::AnyIPv4);
        settings.port = 0;
        settings.upstream = QUrl(fake.baseUrl());
        settings.configDir = config.path();
        settings.keys.push_back({poolKey.toStdString(), "key-1", {}, {}, {}});
        Engine engine;
        QSignalSpy failed(&engine, &Engine::startFailed);
        engine.start(settings);
        QVERIFY(failed.wait(5000));
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains("0.0.0.0") && message.contains("access token") &&
                     message.contains("hydra tokens create"),
                 qPrintable(message));

        const QByteArray token = createToken(config.path(), "lan");
        QSignalSpy started(&engine, &Engine::started);
        engine.start(settings);
        QVERIFY(started.wait(5000));
        const int port = QUrl(started.first().first().toString()).port();
        QNetworkAccessManager network;
        const QString models = QStringLiteral("http://127.0.0.1:%1/v1/models").arg(port);
        // Reachable from other machines, so even loopback clients need the token.
        verifyOpenAiUnauthorized(GatewayHarness::finish(network.get(requestTo(models))));
        QCOMPARE(GatewayHarness::finish(network.get(requestTo(models, {bearer(token)}))).status, 200);
        // Revoking the last token does not open it up.
        QVERIFY(revokeToken(config.path(), "lan"));
        QTRY_COMPARE_WITH_TIMEOUT(GatewayHarness::finish(network.get(requestTo(models, {bearer(token)}))).status, 401, 3000);
        QCOMPARE(GatewayHarness::finish(network.get(requestTo(models))).status, 401);
    }

    void anUnreadableTokenFileKeepsTheGatewayClosed()
    {
        QTemporaryDir config;
        QFile file(config.filePath("tokens.json"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"version\":1,\"tokens\":[");
        file.close();
        hydra::fakes::FakeGemini fake;
        QVERIFY(fake.listen());
        GatewayConfig settings;
        settings.port = 0;
        settings.upstream = QUrl(fake.baseUrl());
        settings.configDir = config.path();
        Engine engine;
        QSignalSpy failed(&engine, &Engine::startFailed);
        engine.start(settings);
        QVERIFY(failed.wait(5000));
        QVERIFY2(failed.first().first().toString().contains("tokens.json"), qPrintable(failed.first().first().toString()));
    }

    void failedTokenChecksAreSlowedDownWithinABound()
    {
        QTemporaryDir config;
        const QByteArray token = createToken(config.path(), "t");
        GatewayHarness gateway({poolKey}, [&](GatewayConfig &c) {
            c.configDir = config.path();
            c.limits.maxAuthFailureDelayMs = 1000; // 0, 0, 0, 250, 500, 1000, 1000, ...
        });
        const QString models = gateway.baseUrl + "/models";
        QCOMPARE(get(gateway, models, {bearer(token)}).status, 200);
        QList<qint64> took;
        for (int i = 0; i < 7; ++i) {
            QElapsedTimer clock;
            clock.start();
            QCOMPARE(get(gateway, models, {bearer("hydra-guess-" + QByteArray::number(i))}).status, 401);
            took << clock.elapsed();
        }
        for (int i = 0; i < 3; ++i)
            QVERIFY2(took[i] < 900, qPrintable(QString::number(took[i])));
        QVERIFY2(took[5] >= 900 && took[6] >= 900, qPrintable(QString::number(took[6])));
        QVERIFY2(took[6] < 5000, qPrintable(QString::number(took[6]))); // bounded, however many guesses
        // The right token is not held back, and it forgives the address.
        QCOMPARE(get(gateway, models, {bearer(token)}).status, 200);
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(get(gateway, models, {bearer("hydra-typo")}).status, 401);
        QVERIFY(clock.elapsed() < 900);
    }

    void connectionsPerAddressAreCapped()
    {
        QTemporaryDir config;
        GatewayHarness gateway({poolKey}, [&](GatewayConfig &c) {
            c.configDir = config.path();
            c.limits.maxConnectionsPerAddress = 3;
        });
        const quint16 port = static_cast<quint16>(QUrl(gateway.baseUrl).port());
        std::vector<std::unique_ptr<QTcpSocket>> idle;
        for (int i = 0; i < 3; ++i) {
            idle.push_back(std::make_unique<QTcpSocket>());
            idle.back()->connectToHost(QHostAddress::LocalHost, port);
            QVERIFY(idle.back()->waitForConnected(3000));
        }
        const QByteArray refused = rawExchange(port, "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QVERIFY2(refused.startsWith("HTTP/1.1 429"), refused.left(100).constData());
        QVERIFY(refused.contains("\"type\":\"rate_limit_exceeded\""));
        idle.pop_back();
        QTRY_VERIFY(rawExchange(port, "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                        .startsWith("HTTP/1.1 200"));
    }
};

QTEST_GUILESS_MAIN(AccessTokensE2e)
#include "tst_tokens_e2e.moc"
