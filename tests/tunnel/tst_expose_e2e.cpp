// Exposing a real gateway (Engine, tunnel door, FakeGemini upstream) through the fake
// cloudflared as a real child process: requests go to the fake's "public" port with the
// trycloudflare Host header, exactly as Cloudflare's edge would forward them.

#include "e2e/gateway_harness.h"
#include "fakes/fake_cloudflared_command.h"
#include "process_probe.h"
#include "store/token_store.h"
#include "tunnel/expose_controller.h"

#include <QTemporaryDir>

using namespace hydra;
using namespace hydra::testing;
using namespace hydra::tunnel;

class ExposeTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<GatewayHarness> m_gateway;
    std::unique_ptr<ExposeController> m_exposer;
    QString stateFile() const { return m_dir.filePath("fake-state.json"); }

    QNetworkRequest tunneled(const QString &path, const QByteArray &token = {}) const
    {
        const QJsonObject state = readState(stateFile());
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(state.value("publicPort").toInt()).arg(path)));
        request.setRawHeader("Host", state.value("hostname").toString().toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token);
        return request;
    }

    bool waitUp()
    {
        if (QTest::qWaitFor([this] { return m_exposer->status().state == TunnelState::Up; }, 20000))
            return true;
        qWarning("tunnel is %s: %s", qPrintable(stateName(m_exposer->status().state)), qPrintable(m_exposer->status().message));
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("FAKE_CLOUDFLARED_STATE_FILE", stateFile().toUtf8());
        const QString configDir = m_dir.filePath("config");
        m_gateway = std::make_unique<GatewayHarness>(QList<QByteArray>{"AIzaFakeKeyForTheTunnelTest0000000000001"},
                                                     [configDir](GatewayConfig &config) { config.configDir = configDir; });
        m_exposer = std::make_unique<ExposeController>(m_gateway->engine, configDir);
        m_exposer->setCloudflared({nodeProgram(), fakeCloudflaredArguments()});
    }

    void cleanupTestCase()
    {
        m_exposer.reset();
        m_gateway.reset();
        qunsetenv("FAKE_CLOUDFLARED_STATE_FILE");
    }

    void exposingWithoutATokenCreatesOneFirst()
    {
        QSignalSpy created(m_exposer.get(), &ExposeController::tokenCreated);
        m_exposer->setExposed(true);
        QVERIFY(waitUp());
        QCOMPARE(created.size(), 1);
        QCOMPARE(created.first().at(0).toString(), ExposeController::newTokenName(QDate::currentDate()));
        m_token = created.first().at(1).toByteArray();
        QVERIFY(m_token.startsWith("hydra-"));
        const auto stored = store::TokenStore(m_dir.filePath("config")).load();
        QCOMPARE(std::get<std::vector<store::AccessToken>>(stored).size(), size_t(1));
        QCOMPARE(m_exposer->status().url, "https://" + readState(stateFile()).value("hostname").toString());
    }

    void withoutATokenTheTunnelAnswers401()
    {
        const HttpResult result = GatewayHarness::finish(m_gateway->network.post(tunneled("/v1/chat/completions"),
                                                                                 GatewayHarness::chat(false)));
        QCOMPARE(result.status, 401);
        QVERIFY(result.json().value("error").toObject().contains("message"));
        const HttpResult wrong = GatewayHarness::finish(m_gateway->network.post(
            tunneled("/v1/chat/completions", "hydra-not-the-right-token"), GatewayHarness::chat(false)));
        QCOMPARE(wrong.status, 401);
    }

    void withTheTokenAChatWorks()
    {
        const HttpResult result = GatewayHarness::finish(m_gateway->network.post(tunneled("/v1/chat/completions", m_token),
                                                                                 GatewayHarness::chat(false)));
        QCOMPARE(result.status, 200);
        QCOMPARE(result.json().value("object").toString(), QStringLiteral("chat.completion"));
    }

    void aStreamArrivesChunkByChunk()
    {
        m_gateway->fake.setReplyChunks({"one ", "two ", "three"});
        m_gateway->fake.setEventDelayMs(400);
        QNetworkReply *reply = m_gateway->network.post(tunneled("/v1/chat/completions", m_token), GatewayHarness::chat(true));
        QByteArray received;
        bool contentBeforeTheEnd = false;
        connect(reply, &QNetworkReply::readyRead, reply, [&] {
            received += reply->readAll();
            // Text arrived while the answer is still open: it was not buffered until the end.
            if (received.contains("one") && !received.contains("[DONE]"))
                contentBeforeTheEnd = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 20000);
        received += reply->readAll();
        m_gateway->fake.setEventDelayMs(0);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(reply->header(QNetworkRequest::ContentTypeHeader).toString().startsWith("text/event-stream"));
        QVERIFY2(received.contains("[DONE]"), received.constData());
        QVERIFY(contentBeforeTheEnd);
        QString text;
        for (const QByteArray &data : GatewayHarness::sseData(received)) {
            const auto delta = QJsonDocument::fromJson(data).object().value("choices").toArray().at(0).toObject().value("delta");
            text += delta.toObject().value("content").toString();
        }
        QCOMPARE(text, QStringLiteral("one two three"));
        delete reply;
    }

    void adminRoutesDoNotExistThroughTheTunnel()
    {
        const HttpResult health = GatewayHarness::finish(m_gateway->network.get(tunneled("/health", m_token)));
        QCOMPARE(health.status, 404);
    }

    void turningItOffStopsCloudflared()
    {
        const qint64 pid = m_exposer->supervisor().processId();
        QVERIFY(pid > 0);
        m_exposer->setExposed(false);
        QTRY_COMPARE_WITH_TIMEOUT(m_exposer->status().state, TunnelState::Stopped, 15000);
        QVERIFY(processGone(pid));
    }

    void exposingAgainKeepsTheToken()
    {
        QSignalSpy created(m_exposer.get(), &ExposeController::tokenCreated);
        m_exposer->setExposed(true);
        QVERIFY(waitUp());
        QVERIFY(created.isEmpty());
        const HttpResult result = GatewayHarness::finish(m_gateway->network.post(tunneled("/v1/chat/completions", m_token),
                                                                                 GatewayHarness::chat(false)));
        QCOMPARE(result.status, 200);
    }

    void stoppingTheGatewayStopsCloudflared()
    {
        const qint64 pid = m_exposer->supervisor().processId();
        m_gateway->engine.stop();
        QTRY_COMPARE_WITH_TIMEOUT(m_exposer->status().state, TunnelState::Stopped, 15000);
        QVERIFY(!m_exposer->isExposed());
        QTRY_VERIFY_WITH_TIMEOUT(processGone(pid), 5000);
    }

private:
    QByteArray m_token;
};

QTEST_GUILESS_MAIN(ExposeTest)
#include "tst_expose_e2e.moc"
