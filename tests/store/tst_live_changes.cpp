// Keys and tokens changed while `hydra gateway --expose` serves a stream through the tunnel, as
// a user does it: `hydra keys add` / `hydra keys remove` / `hydra tokens revoke` / `hydra tokens
// create` in another terminal. The real executable, the real keychain (ctest starts this test
// inside tests/with-keyring.sh), the fake cloudflared forwarding its "public" port to the tunnel
// door, and the fake Gemini in this process pacing its events.

#include "cli_harness.h"
#include "answer_text.h"
#include "fake_cloudflared_command.h"
#include "fake_gemini.h"
#include "tunnel/process_probe.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace hydra::testing;
using hydra::fakes::FakeGemini;

using hydra::fakes::withoutIds;

namespace {

// Keys shaped like Google's (AIza + 35 characters).
QString key(const char *tag)
{
    return (QStringLiteral("AIzaSyLive") + QString::fromLatin1(tag)).leftJustified(39, u'0');
}

const QString K1 = key("One");
const QString K2 = key("Two");
const QString K3 = key("Three");

} // namespace

class LiveChanges : public QObject
{
    Q_OBJECT

    FakeGemini m_fake;
    QTemporaryDir m_dir;
    QString config() const { return m_dir.filePath(QStringLiteral("config")); }

    QString createToken(const QString &name)
    {
        const Run created = runHydra({"tokens", "create", "--name", name, "--config-dir", config()});
        return QRegularExpression(QStringLiteral("hydra-[A-Za-z0-9_-]{20,}")).match(created.out).captured();
    }

    // A streamed chat request through the tunnel's public side.
    QNetworkReply *streamThroughTunnel(QNetworkAccessManager &network, int publicPort, const QString &token)
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/chat/completions").arg(publicPort)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        return network.post(request, "{\"model\":\"gemini-2.5-flash\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    QByteArray finishedBody(QNetworkReply *reply, int *status)
    {
        *status = QTest::qWaitFor([reply] { return reply->isFinished(); }, 30000) ? 0 : -1;
        if (*status == 0)
            *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        reply->deleteLater();
        return body;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fake.listen());
        QVERIFY(m_dir.isValid());
    }

    void keysAndTokensChangeUnderARunningStreamAndTheTunnelStays()
    {
        QVERIFY(runHydra({"keys", "add", K1, "--label", "one", "--config-dir", config()}).exitCode == 0);
        QVERIFY(runHydra({"keys", "add", K2, "--label", "two", "--config-dir", config()}).exitCode == 0);
        const QString firstToken = createToken(QStringLiteral("first"));
        QVERIFY(!firstToken.isEmpty());

        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("HYDRA_CLOUDFLARED"), fakeCloudflaredCommandLine());
        env.insert(QStringLiteral("FAKE_CLOUDFLARED_STATE_FILE"), m_dir.filePath(QStringLiteral("tunnel.json")));
        QProcess gateway;
        QString out;
        const QString baseUrl = startGateway(gateway, {"--expose", "--upstream", m_fake.baseUrl(), "--config-dir", config()},
                                             env, &out);
        QVERIFY2(!baseUrl.isEmpty(), qPrintable(out + gateway.readAllStandardError()));
        const QRegularExpression publicUrl(QStringLiteral("Public URL: (https://\\S+)\n"));
        QVERIFY(QTest::qWaitFor([&] {
            out += QString::fromUtf8(gateway.readAllStandardOutput());
            return publicUrl.match(out).hasMatch();
        }, 20000));
        const QJsonObject tunnel = readState(m_dir.filePath(QStringLiteral("tunnel.json")));
        const int publicPort = tunnel.value(QStringLiteral("publicPort")).toInt();
        const qint64 cloudflared = tunnel.value(QStringLiteral("pid")).toInteger();
        QVERIFY(publicPort > 0 && cloudflared > 0);

        QNetworkAccessManager network;
        m_fake.setReplyChunks(QStringList(80, QStringLiteral("word ")));
        // What the stream looks like when nothing changes under it.
        int status = 0;
        const QByteArray reference = finishedBody(streamThroughTunnel(network, publicPort, firstToken), &status);
        QCOMPARE(status, 200);
        QVERIFY(reference.endsWith("data: [DONE]\n\n"));

        // The same stream, paced (80 events, 150 ms apart: 12 s, ample even under ASan), with every
        // change made under it.
        m_fake.setEventDelayMs(150);
        QNetworkReply *live = streamThroughTunnel(network, publicPort, firstToken);
        QVERIFY(QTest::qWaitFor([live] { return live->bytesAvailable() > 0; }, 10000));
        const QByteArray streamingKey = m_fake.requests().last().key;
        const QString streamingLabel = streamingKey == K1.toUtf8() ? QStringLiteral("one") : QStringLiteral("two");
        const QString otherKey = streamingKey == K1.toUtf8() ? K2 : K1;

        QByteArray errors;
        const auto gatewaySaid = [&](const QByteArray &line) {
            return QTest::qWaitFor([&] { return (errors += gateway.readAllStandardError()).contains(line); }, 5000);
        };
        QVERIFY(runHydra({"keys", "add", K3, "--label", "three", "--config-dir", config()}).exitCode == 0);
        QVERIFY2(gatewaySaid("now 3 keys"), errors.constData());
        // The key the stream is on is removed: the stream finishes on it all the same.
        QVERIFY(runHydra({"keys", "remove", streamingLabel, "--config-dir", config()}).exitCode == 0);
        QVERIFY2(gatewaySaid("now 2 keys"), errors.constData());
        QVERIFY(runHydra({"tokens", "revoke", "first", "--config-dir", config()}).exitCode == 0);
        const QString secondToken = createToken(QStringLiteral("second"));
        QVERIFY(!secondToken.isEmpty());
        QTest::qWait(1200); // the token file is looked at twice a second
        QVERIFY2(!live->isFinished(), "the stream ended before the changes were made: pace it slower");

        const QByteArray streamed = finishedBody(live, &status);
        QCOMPARE(status, 200);
        QCOMPARE(withoutIds(streamed), withoutIds(reference));

        // The tunnel is the same one: the same cloudflared, the same URL, announced once.
        QVERIFY(!processGone(cloudflared));
        QCOMPARE(readState(m_dir.filePath(QStringLiteral("tunnel.json"))).value(QStringLiteral("pid")).toInteger(), cloudflared);
        out += QString::fromUtf8(gateway.readAllStandardOutput());
        QCOMPARE(out.count(QStringLiteral("Public URL:")), 1);

        // The revoked token is refused, the new one serves, and the new key takes the next request
        // (never used, so first in line); the removed key gets none.
        m_fake.setEventDelayMs(0);
        QCOMPARE((finishedBody(streamThroughTunnel(network, publicPort, firstToken), &status), status), 401);
        const qsizetype before = m_fake.requests().size();
        QCOMPARE((finishedBody(streamThroughTunnel(network, publicPort, secondToken), &status), status), 200);
        QCOMPARE(m_fake.requests().at(before).key, K3.toUtf8());
        for (int i = 0; i < 4; ++i)
            QCOMPARE((finishedBody(streamThroughTunnel(network, publicPort, secondToken), &status), status), 200);
        const auto requests = m_fake.requests();
        for (qsizetype i = before; i < requests.size(); ++i) {
            QVERIFY(requests[i].key != streamingKey);
            QVERIFY(requests[i].key == K3.toUtf8() || requests[i].key == otherKey.toUtf8());
        }

        const QString logs = stopGateway(gateway) + QString::fromUtf8(errors) + out;
        for (const QString &secret : {K1, K2, K3})
            QVERIFY2(!logs.contains(secret), qPrintable(logs));
        QTRY_VERIFY_WITH_TIMEOUT(processGone(cloudflared), 10000);
    }

    // A key the running gateway found dead and `hydra keys validate` found working again serves
    // again within a second, without a restart.
    void aKeyValidatedAgainServesAgain()
    {
        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("config"));
        const QString revived = key("Four");
        QVERIFY(runHydra({"keys", "add", revived, "--label", "four", "--config-dir", config}).exitCode == 0);
        QProcess gateway;
        const QString baseUrl = startGateway(gateway, {"--upstream", m_fake.baseUrl(), "--config-dir", config});
        QVERIFY(!baseUrl.isEmpty());
        m_fake.setEventDelayMs(0);
        QNetworkAccessManager network;
        const auto chat = [&] {
            QNetworkRequest request(QUrl(baseUrl + QStringLiteral("/chat/completions")));
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
            int status = 0;
            finishedBody(network.post(request, "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                         &status);
            return status;
        };
        m_fake.script(revived.toUtf8(), {hydra::fakes::Behaviour::KeyInvalid});
        QVERIFY(chat() != 200); // the only key is dead now
        QVERIFY(chat() != 200); // and stays dead: not even tried
        const qsizetype tried = m_fake.requests().size();

        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("HYDRA_UPSTREAM"), m_fake.baseUrl());
        const Run validate = runHydra({"keys", "validate", "--config-dir", config}, {}, env);
        QVERIFY2(validate.exitCode == 0, qPrintable(validate.all())); // the script is used up: Google accepts it
        QByteArray errors;
        QVERIFY(QTest::qWaitFor([&] { return (errors += gateway.readAllStandardError()).contains("now 1 keys"); }, 5000));
        QCOMPARE(chat(), 200);
        QVERIFY(m_fake.requests().size() > tried);
        stopGateway(gateway);
    }
};

QTEST_GUILESS_MAIN(LiveChanges)
#include "tst_live_changes.moc"
