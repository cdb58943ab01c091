// The upstream over TLS end to end: the real gateway talks https to the fake Gemini, which
// serves the test certificates in tests/fixtures/tls (a test CA the process trusts, and a
// self-signed certificate nobody trusts). Production reaches Google only this way.

#include "gateway_harness.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>

using hydra::fakes::Behaviour;
using hydra::fakes::FakeGemini;
using hydra::testing::GatewayHarness;
using hydra::testing::HttpResult;

namespace {

QByteArray fixture(const char *name)
{
    QFile file(QStringLiteral(HYDRA_FIXTURES_DIR "/tls/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read TLS fixture %s", name);
    return file.readAll();
}

// The content of a non-streamed chat completion.
QString messageContent(const HttpResult &result)
{
    return result.json()["choices"].toArray().first().toObject()["message"].toObject()["content"].toString();
}

// The streamed content, after checking every event but the last is a chunk and the last is [DONE].
QString streamedContent(const HttpResult &result)
{
    const QList<QByteArray> events = GatewayHarness::sseData(result.body);
    if (events.isEmpty() || events.last() != "[DONE]")
        return QStringLiteral("<stream did not end with [DONE]>");
    QString content;
    for (qsizetype i = 0; i < events.size() - 1; ++i) {
        const QJsonObject chunk = QJsonDocument::fromJson(events[i]).object();
        if (chunk["object"].toString() != u"chat.completion.chunk")
            return QStringLiteral("<not a chunk: %1>").arg(QString::fromUtf8(events[i]));
        for (const QJsonValue &choice : chunk["choices"].toArray())
            content += choice.toObject()["delta"].toObject()["content"].toString();
    }
    return content;
}

// Tries per request when every one fails for a network reason: the first plus the retries.
const int kAttempts = hydra::relay::RelaySettings{}.maxTransientRetries + 1;

QString errorMessage(const HttpResult &result)
{
    return result.json()["error"].toObject()["message"].toString();
}

} // namespace

class TlsEndToEnd : public QObject
{
    Q_OBJECT

    QSslCertificate m_serverCert;
    QSslKey m_serverKey;
    QSslCertificate m_untrustedCert;
    QSslKey m_untrustedKey;

    // A gateway whose upstream is the fake Gemini on https, with the test CA's certificate.
    GatewayHarness trustedGateway(QList<QByteArray> keys)
    {
        return GatewayHarness(std::move(keys), nullptr,
                              [this](FakeGemini &fake) { return fake.listenTls(m_serverCert, m_serverKey); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        m_serverCert = QSslCertificate(fixture("server.pem"));
        m_serverKey = QSslKey(fixture("server.key"), QSsl::Ec);
        m_untrustedCert = QSslCertificate(fixture("untrusted.pem"));
        m_untrustedKey = QSslKey(fixture("untrusted.key"), QSsl::Ec);
        QVERIFY(!m_serverCert.isNull() && !m_serverKey.isNull());
        QVERIFY(!m_untrustedCert.isNull() && !m_untrustedKey.isNull());
        const QList<QSslCertificate> ca = QSslCertificate::fromData(fixture("ca.pem"));
        QCOMPARE(ca.size(), 1);
        // The engine's worker thread builds each upstream connection from the default configuration.
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.addCaCertificates(ca);
        QSslConfiguration::setDefaultConfiguration(config);
    }

    void nonStreamChatOverHttps()
    {
        auto gateway = trustedGateway({"key-a"});
        QVERIFY(gateway.fake.baseUrl().startsWith(u"https://127.0.0.1:"));
        // Non-ASCII text checks the bytes come through the TLS layer untouched.
        gateway.fake.setReplyChunks({QStringLiteral("Grüße"), QStringLiteral(" über"), QStringLiteral(" TLS ✓")});
        const HttpResult result = gateway.postJson("/chat/completions", GatewayHarness::chat(false));
        QVERIFY2(result.status == 200, result.body);
        QCOMPARE(messageContent(result), QStringLiteral("Grüße über TLS ✓"));
        const auto requests = gateway.fake.requests();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests[0].key, QByteArray("key-a"));
        QCOMPARE(requests[0].path, QByteArray("/v1beta/models/gemini-2.5-flash:generateContent"));
        QCOMPARE(gateway.fake.connectionCount(), 1);
    }

    void streamedChatOverHttps()
    {
        auto gateway = trustedGateway({"key-a"});
        gateway.fake.setEventDelayMs(20); // each event its own TLS record, as Google paces them
        const HttpResult result = gateway.postJson("/chat/completions", GatewayHarness::chat(true));
        QVERIFY2(result.status == 200, result.body);
        QVERIFY(result.header("content-type").startsWith("text/event-stream"));
        QCOMPARE(streamedContent(result), QStringLiteral("Hello from fake Gemini."));
        QCOMPARE(gateway.fake.requests().size(), 1);
        QCOMPARE(gateway.fake.requests().first().query, QByteArray("alt=sse"));
    }

    void largeAnswersCrossManyTlsRecords()
    {
        auto gateway = trustedGateway({"key-a"});
        QStringList pieces;
        QString expected;
        for (int i = 0; i < 40; ++i) { // ~160 KB: many 16 KB TLS records, many partial reads
            pieces.append(QString(4000, QChar(u'a' + i % 26)) + QString::number(i));
            expected += pieces.last();
        }
        gateway.fake.setReplyChunks(pieces);
        const HttpResult unary = gateway.postJson("/chat/completions", GatewayHarness::chat(false));
        QCOMPARE(unary.status, 200);
        QVERIFY(messageContent(unary) == expected);
        const HttpResult stream = gateway.postJson("/chat/completions", GatewayHarness::chat(true));
        QCOMPARE(stream.status, 200);
        QVERIFY(streamedContent(stream) == expected);
    }

    void keepAliveReusesOneTlsConnection()
    {
        auto gateway = trustedGateway({"key-a"});
        constexpr int count = 6;
        for (int i = 0; i < count; ++i) {
            const bool stream = i % 2;
            const HttpResult result = gateway.postJson("/chat/completions", GatewayHarness::chat(stream));
            QVERIFY2(result.status == 200, result.body);
            QCOMPARE(stream ? streamedContent(result) : messageContent(result),
                     QStringLiteral("Hello from fake Gemini."));
        }
        QCOMPARE(gateway.fake.requests().size(), count);
        // One handshake, then the pooled connection carries every later request.
        QCOMPARE(gateway.fake.connectionCount(), 1);
    }

    void untrustedCertificateGives503AndTheGatewayKeepsServing()
    {
        GatewayHarness gateway({"key-a"}, nullptr, [this](FakeGemini &fake) {
            return fake.listenTls(m_untrustedCert, m_untrustedKey);
        });
        QElapsedTimer timer;
        timer.start();
        for (bool stream : {false, true}) {
            const HttpResult result = gateway.postJson("/chat/completions", GatewayHarness::chat(stream));
            QCOMPARE(result.status, 503);
            const QString message = errorMessage(result);
            QVERIFY2(message.contains(u"TLS") && message.contains(u"certificate", Qt::CaseInsensitive), result.body);
            QCOMPARE(result.json()["error"].toObject()["code"].toString(), "upstream_unavailable");
        }
        QVERIFY(timer.elapsed() < 5000);
        // Nothing reached the fake's HTTP layer: every handshake was refused by the gateway.
        QCOMPARE(gateway.fake.requests().size(), 0);
        QCOMPARE(gateway.fake.connectionCount(), 2 * kAttempts); // each try a new handshake

        // The gateway itself keeps serving.
        const HttpResult health = GatewayHarness::finish(
            gateway.network.get(QNetworkRequest(QUrl(gateway.baseUrl.chopped(3) + QStringLiteral("/health")))));
        QCOMPARE(health.status, 200);
    }

    void httpsToAPlainHttpServerFailsFastWithA503()
    {
        // A misconfigured upstream: https in the URL, a plain http server on the port that
        // answers the ClientHello the way nginx or node do, with a 400 in clear text.
        QTcpServer plain;
        QVERIFY(plain.listen(QHostAddress::LocalHost, 0));
        int connections = 0;
        connect(&plain, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket *socket = plain.nextPendingConnection()) {
                ++connections;
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    socket->readAll();
                    socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        const quint16 port = plain.serverPort();
        GatewayHarness gateway({"key-a"}, [port](hydra::GatewayConfig &config) {
            config.upstream = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(port));
        });
        QElapsedTimer timer;
        timer.start();
        const HttpResult result = gateway.postJson("/chat/completions", GatewayHarness::chat(false));
        QCOMPARE(result.status, 503);
        QVERIFY2(errorMessage(result).contains(u"SSL") || errorMessage(result).contains(u"TLS"), result.body);
        QVERIFY(timer.elapsed() < 5000);
        QCOMPARE(connections, kAttempts);
    }

    void stalledTlsHandshakeTimesOut()
    {
        QTcpServer silent; // accepts the TCP connection, never says a word of TLS
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        const quint16 port = silent.serverPort();
        GatewayHarness gateway({"key-a"}, [port](hydra::GatewayConfig &config) {
            config.upstream = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(port));
            config.upstreamFirstByteTimeoutMs = 300; // connecting gets no longer than this either
        });
        QElapsedTimer timer;
        timer.start();
        const HttpResult result = gateway.postJson("/chat/completions", GatewayHarness::chat(true));
        QCOMPARE(result.status, 503);
        QVERIFY2(errorMessage(result).contains(u"127.0.0.1"), result.body);
        QVERIFY(timer.elapsed() < 5000); // every try gives up after 300 ms
    }

    void rateLimitedKeyFailsOverOverHttps()
    {
        auto gateway = trustedGateway({"key-a", "key-b"});
        gateway.fake.script("key-a", {Behaviour::RateLimitPerMinute});
        const HttpResult unary = gateway.postJson("/chat/completions", GatewayHarness::chat(false));
        QVERIFY2(unary.status == 200, unary.body);
        QCOMPARE(messageContent(unary), QStringLiteral("Hello from fake Gemini."));
        const HttpResult stream = gateway.postJson("/chat/completions", GatewayHarness::chat(true));
        QVERIFY2(stream.status == 200, stream.body);
        QCOMPARE(streamedContent(stream), QStringLiteral("Hello from fake Gemini."));
        const auto requests = gateway.fake.requests();
        QCOMPARE(requests.size(), 3);
        QCOMPARE(requests[0].key, QByteArray("key-a"));
        QCOMPARE(requests[1].key, QByteArray("key-b"));
        QCOMPARE(requests[2].key, QByteArray("key-b"));
        // The 429 answer was read to its end, so the retry went out on the same TLS connection.
        QCOMPARE(gateway.fake.connectionCount(), 1);
    }

    void overloadedUpstreamIsRetriedOverHttps()
    {
        auto gateway = trustedGateway({"key-a"});
        gateway.fake.script("key-a", {Behaviour::Overloaded, Behaviour::Internal});
        const HttpResult result = gateway.postJson("/chat/completions", GatewayHarness::chat(true));
        QVERIFY2(result.status == 200, result.body);
        QCOMPARE(streamedContent(result), QStringLiteral("Hello from fake Gemini."));
        QCOMPARE(gateway.fake.requests().size(), 3);
    }

    void pooledTlsConnectionClosedByTheServerIsRetriedFresh()
    {
        auto gateway = trustedGateway({"key-a"});
        QSignalSpy records(&gateway.engine, &hydra::Engine::requestCompleted);
        QCOMPARE(gateway.postJson("/chat/completions", GatewayHarness::chat(false)).status, 200);
        QTRY_COMPARE(records.size(), 1);
        records.clear();
        // The pooled connection carries the next request, and the server closes it (close_notify,
        // then FIN) without a byte of answer, as a front end does whose idle timeout just ran out.
        gateway.fake.script("key-a", {Behaviour::DropMidStream});
        const HttpResult result = gateway.postJson("/chat/completions", GatewayHarness::chat(false));
        QVERIFY2(result.status == 200, result.body);
        QCOMPARE(messageContent(result), QStringLiteral("Hello from fake Gemini."));
        QCOMPARE(gateway.fake.requests().size(), 3); // the request went again, on a new handshake
        QCOMPARE(gateway.fake.connectionCount(), 2);
        // The upstream client retried it by itself: the relay saw no failure to count.
        QTRY_COMPARE(records.size(), 1);
        QCOMPARE(records.first().first().value<hydra::RequestRecord>().failovers, 0);
    }

    void droppedTlsStreamIsReportedAndNotReused()
    {
        auto gateway = trustedGateway({"key-a"});
        gateway.fake.script("key-a", {Behaviour::DropMidStream});
        const HttpResult dropped = gateway.postJson("/chat/completions", GatewayHarness::chat(true));
        QCOMPARE(dropped.status, 200);
        const QList<QByteArray> events = GatewayHarness::sseData(dropped.body);
        QVERIFY(!events.isEmpty());
        QVERIFY(!events.contains("[DONE]"));
        const QJsonObject last = QJsonDocument::fromJson(events.last()).object();
        QVERIFY2(last["error"].toObject()["message"].toString().contains(u"ended before the answer was complete"),
                 events.last());
        // The closed connection is not pooled: the next request does a new handshake and succeeds.
        const HttpResult next = gateway.postJson("/chat/completions", GatewayHarness::chat(false));
        QVERIFY2(next.status == 200, next.body);
        QCOMPARE(messageContent(next), QStringLiteral("Hello from fake Gemini."));
        QCOMPARE(gateway.fake.connectionCount(), 2);
    }
};

QTEST_GUILESS_MAIN(TlsEndToEnd)
#include "tst_tls_e2e.moc"
