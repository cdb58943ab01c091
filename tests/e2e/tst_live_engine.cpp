// Engine::reconfigure on a running gateway, where a change cannot be applied or moves the local
// listener: the real engine over loopback against the fake Gemini. (Keys and tokens changed
// under a stream through the tunnel: tests/store/tst_live_changes.cpp and the settings dialog
// in tests/app/tst_expose_shell.cpp.)

#include "gateway_harness.h"
#include "store/token_store.h"

#include <QTcpServer>
#include <QTemporaryDir>

using namespace hydra;
using namespace hydra::testing;

namespace {

QString baseUrlOn(quint16 port)
{
    return QStringLiteral("http://127.0.0.1:%1/v1").arg(port);
}

quint16 portOf(const QString &baseUrl)
{
    return static_cast<quint16>(QUrl(baseUrl).port());
}

} // namespace

class LiveEngine : public QObject
{
    Q_OBJECT

    // The configuration the harness started with, to change and apply again.
    static std::function<void(GatewayConfig &)> keep(GatewayConfig &copy, const QString &configDir = {})
    {
        return [&copy, configDir](GatewayConfig &config) {
            config.configDir = configDir;
            copy = config;
        };
    }

private Q_SLOTS:
    void aTakenPortLeavesTheGatewayWhereItWas()
    {
        GatewayConfig config;
        GatewayHarness gateway({"k1"}, keep(config));
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        QSignalSpy failed(&gateway.engine, &Engine::reconfigureFailed);
        QSignalSpy applied(&gateway.engine, &Engine::reconfigured);
        config.port = squatter.serverPort();
        config.keys.push_back({"k2", "key-2", {}, {}, {}});
        gateway.engine.reconfigure(config);
        QVERIFY(failed.wait(5000));
        QVERIFY(failed.first().at(0).toString().contains(QStringLiteral("already in use")));
        QCOMPARE(failed.first().at(1).toBool(), true);
        QVERIFY(applied.isEmpty());
        // Nothing changed: the old listener serves, still with one key.
        QCOMPARE(gateway.postJson("/chat/completions", GatewayHarness::chat(false)).status, 200);
        QCOMPARE(gateway.postJson("/chat/completions", GatewayHarness::chat(false)).status, 200);
        for (const auto &request : gateway.fake.requests())
            QCOMPARE(request.key, QByteArray("k1"));
    }

    void aWiderAddressNeedsAnAccessTokenFirst()
    {
        QTemporaryDir dir;
        GatewayConfig config;
        GatewayHarness gateway({"k1"}, keep(config, dir.path()));
        QSignalSpy failed(&gateway.engine, &Engine::reconfigureFailed);
        config.host = QHostAddress::AnyIPv4;
        gateway.engine.reconfigure(config);
        QVERIFY(failed.wait(5000));
        QVERIFY(failed.first().at(0).toString().contains(QStringLiteral("access token")));
        QCOMPARE(gateway.postJson("/chat/completions", GatewayHarness::chat(false)).status, 200);
    }

    // The local listener moves to another port: a stream on the old one finishes there, new
    // requests go to the new one, the old port is closed, and the tunnel door does not move.
    void aMovedListenerFinishesItsStreamAndTheDoorStays()
    {
        QTemporaryDir dir;
        const auto created = store::TokenStore(dir.path()).create(QStringLiteral("tunnel"));
        QVERIFY(std::holds_alternative<QByteArray>(created));
        const QByteArray token = std::get<QByteArray>(created);
        GatewayConfig config;
        GatewayHarness gateway({"k1"}, keep(config, dir.path()));
        const quint16 door = openTunnelDoor(gateway.engine);
        QVERIFY(door > 0);

        gateway.fake.setReplyChunks(QStringList(20, QStringLiteral("word ")));
        gateway.fake.setEventDelayMs(100); // 2 s
        QNetworkRequest streamRequest = gateway.request("/chat/completions");
        streamRequest.setRawHeader("Authorization", "Bearer " + token);
        QNetworkReply *stream = gateway.network.post(streamRequest, GatewayHarness::chat(true));
        QTRY_VERIFY_WITH_TIMEOUT(stream->bytesAvailable() > 0, 5000);

        QTcpServer probe; // a port that was free a moment ago
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 newPort = probe.serverPort();
        probe.close();
        QSignalSpy applied(&gateway.engine, &Engine::reconfigured);
        config.port = newPort;
        gateway.engine.reconfigure(config);
        QVERIFY(applied.wait(5000));
        QCOMPARE(applied.first().first().toString(), baseUrlOn(newPort));
        QVERIFY(!stream->isFinished());

        const HttpResult streamed = GatewayHarness::finish(stream);
        QCOMPARE(streamed.status, 200);
        QCOMPARE(streamed.body.count("\"word \""), 20);
        QVERIFY(streamed.body.endsWith("data: [DONE]\n\n"));

        gateway.fake.setEventDelayMs(0);
        const quint16 oldPort = portOf(gateway.baseUrl);
        gateway.baseUrl = baseUrlOn(newPort);
        QNetworkRequest moved = gateway.request("/models");
        moved.setRawHeader("Authorization", "Bearer " + token);
        QCOMPARE(GatewayHarness::finish(gateway.network.get(moved)).status, 200);
        moved.setUrl(QUrl(baseUrlOn(oldPort) + QStringLiteral("/models")));
        QCOMPARE(GatewayHarness::finish(gateway.network.get(moved)).error, QNetworkReply::ConnectionRefusedError);
        QCOMPARE(openTunnelDoor(gateway.engine), door); // the door cloudflared points at is where it was
    }
};

QTEST_GUILESS_MAIN(LiveEngine)
#include "tst_live_engine.moc"
