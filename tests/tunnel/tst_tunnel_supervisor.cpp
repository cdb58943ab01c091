// The supervisor running the fake cloudflared as a real child process: URL, readiness, restarts,
// rate limiting, reconnecting, and no child left behind.

#include "fakes/fake_cloudflared_command.h"
#include "process_probe.h"
#include "static_http_server.h"
#include "tunnel/child_process_guard.h"
#include "tunnel/tunnel_supervisor.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>


using namespace hydra::tunnel;
using namespace hydra::testing;

namespace {

TunnelTiming fastTiming()
{
    TunnelTiming timing;
    timing.pollStartingMs = 100;
    timing.pollUpMs = 200;
    timing.urlTimeoutMs = 15'000;
    timing.readyTimeoutMs = 15'000;
    timing.stopGraceMs = 3'000;
    timing.restartBaseMs = 300;
    timing.restartMaxMs = 1'000;
    return timing; // rate-limited backoff stays at its real 60 s
}

} // namespace

class SupervisorTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    StaticHttpServer m_origin;
    QString stateFile() const { return m_dir.filePath("fake-state.json"); }

    // The fake cloudflared loses its edge connection, or gets it back (POST /fake/toggle-edge).
    void toggleFakeEdge()
    {
        QNetworkAccessManager network;
        const int port = readState(stateFile()).value("metricsPort").toInt();
        std::unique_ptr<QNetworkReply> reply(
            network.post(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/fake/toggle-edge").arg(port))), QByteArray()));
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 204);
    }

    void startFake(TunnelSupervisor &supervisor, const char *mode = "ok")
    {
        qputenv("FAKE_CLOUDFLARED_MODE", mode);
        qputenv("FAKE_CLOUDFLARED_STATE_FILE", stateFile().toUtf8());
        QFile::remove(stateFile());
        supervisor.setTiming(fastTiming());
        const quint16 port = QUrl(m_origin.baseUrl()).port();
        supervisor.start({nodeProgram(), fakeCloudflaredArguments()}, port, m_dir.filePath("config"));
    }

    static bool waitForState(TunnelSupervisor &supervisor, TunnelState state, int timeoutMs = 15000)
    {
        if (QTest::qWaitFor([&] { return supervisor.status().state == state; }, timeoutMs))
            return true;
        qWarning("state is %s (%s), expected %s", qPrintable(stateName(supervisor.status().state)),
                 qPrintable(supervisor.status().message), qPrintable(stateName(state)));
        return false;
    }

private Q_SLOTS:
    void init() { m_origin.serve("/hello", "hello from the origin"); }

    void cleanup()
    {
        qunsetenv("FAKE_CLOUDFLARED_MODE");
        qunsetenv("FAKE_CLOUDFLARED_STATE_FILE");
    }

    void upWithTheUrlFromTheLogAndTheMetricsServer()
    {
        TunnelSupervisor supervisor;
        QSignalSpy changes(&supervisor, &TunnelSupervisor::statusChanged);
        startFake(supervisor);
        QVERIFY(waitForState(supervisor, TunnelState::Up));
        const QJsonObject state = readState(stateFile());
        QCOMPARE(supervisor.status().url, "https://" + state.value("hostname").toString());
        QCOMPARE(supervisor.processId(), state.value("pid").toInteger());
        // The reported sequence: starting, starting with the URL (connecting), up.
        QCOMPARE(changes.first().first().value<TunnelStatus>().state, TunnelState::Starting);
        QVERIFY(changes.first().first().value<TunnelStatus>().url.isEmpty());
        QCOMPARE(changes.last().first().value<TunnelStatus>().state, TunnelState::Up);

        // Exactly the command line of docs/cloudflared.md §1, each value its own argument.
        QStringList arguments;
        for (const auto &value : state.value("arguments").toArray())
            arguments.append(value.toString());
        const QStringList expected{"tunnel", "--url", QStringLiteral("http://127.0.0.1:%1").arg(QUrl(m_origin.baseUrl()).port()),
                                   "--no-autoupdate", "--config", m_dir.filePath("config/cloudflared-empty.yml"),
                                   "--protocol", "http2", "--metrics", arguments.value(9), "--grace-period", "5s",
                                   "--loglevel", "info"};
        QCOMPARE(arguments, expected);
        QVERIFY(arguments.value(9).startsWith("127.0.0.1:"));
        QCOMPARE(QFileInfo(m_dir.filePath("config/cloudflared-empty.yml")).size(), 0);

        // A request through the "edge" reaches the origin with Cloudflare's headers.
        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/hello").arg(state.value("publicPort").toInt())));
        request.setRawHeader("Host", state.value("hostname").toString().toUtf8());
        QNetworkReply *reply = network.get(request);
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->readAll(), QByteArray("hello from the origin"));
        const QByteArray seen = m_origin.lastRequest.toLower();
        QVERIFY2(seen.contains("cf-ray: "), seen.constData());
        QVERIFY(seen.contains("host: " + state.value("hostname").toString().toUtf8()));
        QVERIFY(seen.contains("x-forwarded-proto: https"));
        QVERIFY(seen.contains("cf-connecting-ip: 127.0.0.1"));
        delete reply;

        supervisor.stop();
        QVERIFY(waitForState(supervisor, TunnelState::Stopped));
    }

    void stopLeavesNoChild()
    {
        TunnelSupervisor supervisor;
        startFake(supervisor);
        QVERIFY(waitForState(supervisor, TunnelState::Up));
        const qint64 pid = supervisor.processId();
        QVERIFY(pid > 0 && !processGone(pid));
        supervisor.stop();
        QVERIFY(waitForState(supervisor, TunnelState::Stopped));
        QVERIFY(processGone(pid));
        QCOMPARE(supervisor.processId(), 0);
    }

    // A gateway restart stops the tunnel and starts it again at once, while the old cloudflared is
    // still shutting down: the new one starts after it, and the old one's exit is no failure.
    void startWhileStoppingStartsAfterTheOldOneExits()
    {
        TunnelSupervisor supervisor;
        startFake(supervisor);
        QVERIFY(waitForState(supervisor, TunnelState::Up));
        const qint64 before = supervisor.processId();
        QSignalSpy changes(&supervisor, &TunnelSupervisor::statusChanged);
        supervisor.stop();
        supervisor.start({nodeProgram(), fakeCloudflaredArguments()}, QUrl(m_origin.baseUrl()).port(), m_dir.filePath("config"));
        // No event loop has run: the old process has not been seen to exit, so this start overlapped
        // the stop and was deferred, not launched.
        QCOMPARE(supervisor.processId(), before);
        QTRY_VERIFY_WITH_TIMEOUT(supervisor.processId() > 0 && supervisor.processId() != before, 15000);
        QVERIFY(processGone(before));
        QVERIFY(waitForState(supervisor, TunnelState::Up));
        // Stopping (the old one draining, its URL still named), then the new one: never Stopped
        // or Failed in between.
        QVERIFY(!changes.isEmpty());
        QCOMPARE(changes.first().first().value<TunnelStatus>().state, TunnelState::Stopping);
        QVERIFY(!changes.first().first().value<TunnelStatus>().url.isEmpty());
        for (qsizetype i = 1; i < changes.size(); ++i) {
            const auto state = changes[i].first().value<TunnelStatus>().state;
            QVERIFY2(state == TunnelState::Starting || state == TunnelState::Up, qPrintable(stateName(state)));
        }
        supervisor.stop();
        QVERIFY(waitForState(supervisor, TunnelState::Stopped));
    }

    void aKilledChildIsRestarted()
    {
        TunnelSupervisor supervisor;
        QSignalSpy changes(&supervisor, &TunnelSupervisor::statusChanged);
        startFake(supervisor);
        QVERIFY(waitForState(supervisor, TunnelState::Up));
        const qint64 first = supervisor.processId();
        killProcess(first);
        QVERIFY(waitForState(supervisor, TunnelState::Failed));
        const TunnelStatus failed = supervisor.status();
        QCOMPARE(failed.reason, FailureReason::Crashed);
        QVERIFY(failed.retryInMs > 0);
        QVERIFY2(failed.message.contains("URL will change"), qPrintable(failed.message));
        QVERIFY(waitForState(supervisor, TunnelState::Up));
        QVERIFY(supervisor.processId() != first);
        QCOMPARE(readState(stateFile()).value("pid").toInteger(), supervisor.processId());
        supervisor.stop();
        QVERIFY(waitForState(supervisor, TunnelState::Stopped));
    }

    void crashesBackOff()
    {
        TunnelSupervisor supervisor;
        QSignalSpy changes(&supervisor, &TunnelSupervisor::statusChanged);
        startFake(supervisor, "crash-after-up");
        QList<int> delays;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                delays.clear();
                for (const auto &change : changes) {
                    const auto status = change.first().value<TunnelStatus>();
                    if (status.state == TunnelState::Failed)
                        delays.append(status.retryInMs);
                }
                return delays.size() >= 3;
            }(),
            30000);
        QCOMPARE(delays.mid(0, 3), (QList<int>{300, 600, 1000})); // doubling, capped
        supervisor.stop();
        QVERIFY(waitForState(supervisor, TunnelState::Stopped));
    }

    void rateLimitedIsReportedAndNotHammered()
    {
        TunnelSupervisor supervisor;
        startFake(supervisor, "rate-limited");
        QVERIFY(waitForState(supervisor, TunnelState::Failed));
        const TunnelStatus status = supervisor.status();
        QCOMPARE(status.reason, FailureReason::RateLimited);
        QVERIFY2(status.message.contains("rate-limiting"), qPrintable(status.message));
        QCOMPARE(status.retryInMs, 60'000);
        QSignalSpy changes(&supervisor, &TunnelSupervisor::statusChanged);
        QTest::qWait(1500);
        QVERIFY(changes.isEmpty()); // no new attempt for a minute
        supervisor.stop();
        QCOMPARE(supervisor.status().state, TunnelState::Stopped);
    }

    void noNetworkIsReported()
    {
        TunnelSupervisor supervisor;
        startFake(supervisor, "no-network");
        QVERIFY(waitForState(supervisor, TunnelState::Failed));
        QCOMPARE(supervisor.status().reason, FailureReason::NoNetwork);
        QCOMPARE(supervisor.status().retryInMs, 300);
        supervisor.stop();
    }

    void edgeLossIsReconnecting()
    {
        TunnelSupervisor supervisor;
        startFake(supervisor);
        QVERIFY(waitForState(supervisor, TunnelState::Up));
        const QString url = supervisor.status().url;
        toggleFakeEdge();
        QVERIFY(waitForState(supervisor, TunnelState::Reconnecting));
        QCOMPARE(supervisor.status().url, url);
        toggleFakeEdge();
        QVERIFY(waitForState(supervisor, TunnelState::Up));
        QCOMPARE(supervisor.status().url, url);
        supervisor.stop();
        QVERIFY(waitForState(supervisor, TunnelState::Stopped));
    }

    void aTunnelThatNeverConnectsSaysSo()
    {
        TunnelSupervisor supervisor;
        startFake(supervisor, "never-register");
        TunnelTiming timing = fastTiming();
        timing.readyTimeoutMs = 1500;
        supervisor.setTiming(timing);
        QVERIFY(waitForState(supervisor, TunnelState::Failed));
        QCOMPARE(supervisor.status().reason, FailureReason::EdgeUnreachable);
        QVERIFY(!supervisor.status().url.isEmpty());
        QVERIFY(!processGone(supervisor.processId())); // cloudflared keeps trying; so do we
        supervisor.stop();
        QVERIFY(waitForState(supervisor, TunnelState::Stopped));
    }

    void aMissingProgramFailsWithoutRetrying()
    {
        TunnelSupervisor supervisor;
        supervisor.start({m_dir.filePath("no-such-cloudflared"), {}}, 9, m_dir.filePath("config"));
        QVERIFY(waitForState(supervisor, TunnelState::Failed));
        QCOMPARE(supervisor.status().reason, FailureReason::NotFound);
        QCOMPARE(supervisor.status().retryInMs, -1);
    }

    void destroyingTheSupervisorEndsTheChild()
    {
        qint64 pid = 0;
        {
            TunnelSupervisor supervisor;
            startFake(supervisor);
            QVERIFY(waitForState(supervisor, TunnelState::Up));
            pid = supervisor.processId();
        }
        QVERIFY(processGone(pid));
    }

    // The macOS watchdog, exercised on Linux: a child whose parent dies gets SIGTERM.
    void watchdogStopsAnOrphan()
    {
#ifdef Q_OS_WIN
        QSKIP("the watchdog is how macOS ends an orphan (a /bin/sh script); Windows uses a job object");
#endif
        QProcess parent;
        parent.start("/bin/sh", {"-c", "sleep 300 & echo $!; wait"});
        QVERIFY(parent.waitForReadyRead(5000));
        const qint64 child = parent.readLine().trimmed().toLongLong();
        QVERIFY(child > 0);
        QVERIFY(startOrphanWatchdog(parent.processId(), child));
        QTest::qWait(1500);
        QVERIFY(!processGone(child)); // its parent lives: left alone
        parent.kill();
        parent.waitForFinished(5000);
        QTRY_VERIFY_WITH_TIMEOUT(processGone(child), 10000);
    }
};

QTEST_GUILESS_MAIN(SupervisorTest)
#include "tst_tunnel_supervisor.moc"
