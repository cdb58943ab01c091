// One desktop app per config dir: a second launch reaches the first, which shows its dashboard,
// and exits with 0. In-process with two SingleInstance users (the client on a thread of its own,
// since its calls block), and with real processes of the hydra binary.

#include "app/shell/single_instance.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QLocalServer>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace hydra::app;

namespace {

// activateRunning() from another thread, so this thread's event loop can answer it.
bool activateFromThread(const QString &name)
{
    std::atomic<bool> answered{false};
    std::unique_ptr<QThread> thread(QThread::create([&answered, name] {
        answered = SingleInstance(name).activateRunning(10'000);
    }));
    thread->start();
    while (!thread->wait(10)) // the client's wait is bounded by its own timeouts
        QCoreApplication::processEvents();
    QCoreApplication::processEvents(); // deliver what the answer queued here
    return answered;
}

} // namespace

class TstSingleInstance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void namesFollowTheConfigDir()
    {
        QTemporaryDir a;
        QTemporaryDir b;
        QCOMPARE(SingleInstance::serverName(a.path()), SingleInstance::serverName(a.path() + QStringLiteral("/.")));
        QVERIFY(SingleInstance::serverName(a.path()) != SingleInstance::serverName(b.path()));
        QVERIFY(SingleInstance::serverName(a.path()).startsWith(QStringLiteral("hydra-")));
        QVERIFY(SingleInstance::serverName(a.path()).size() < 40); // fits a Unix socket path anywhere
    }

    void secondUserActivatesTheFirst()
    {
        QTemporaryDir dir;
        const QString name = SingleInstance::serverName(dir.path());
        SingleInstance first(name);
        QVERIFY2(first.listen(), qPrintable(first.errorString()));
        QSignalSpy activated(&first, &SingleInstance::activationRequested);
        QVERIFY(activateFromThread(name));
        QTRY_COMPARE(activated.size(), 1);
        QVERIFY(activateFromThread(name)); // and again: the server keeps listening
        QTRY_COMPARE(activated.size(), 2);
    }

    void nobodyRunning()
    {
        QTemporaryDir dir;
        QVERIFY(!SingleInstance(SingleInstance::serverName(dir.path())).activateRunning(2000));
    }

#if defined(Q_OS_UNIX)
    void aStaleSocketFromACrashIsReplaced()
    {
        QTemporaryDir dir;
        const QString name = SingleInstance::serverName(dir.path());
        // What a crashed instance leaves: the socket's file, with nobody behind it.
        QFile stale(QDir::tempPath() + u'/' + name);
        QVERIFY(stale.open(QIODevice::WriteOnly));
        stale.close();
        QVERIFY(!SingleInstance(name).activateRunning(2000));
        SingleInstance next(name);
        QVERIFY2(next.listen(), qPrintable(next.errorString()));
        QSignalSpy activated(&next, &SingleInstance::activationRequested);
        QVERIFY(activateFromThread(name));
        QTRY_COMPARE(activated.size(), 1);
    }
#endif

    void secondLaunchOfTheAppShowsTheFirstAndExits()
    {
        QTemporaryDir config;
        QTemporaryDir xdg; // the first instance may look at autostart: keep it away from the user's
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), xdg.path());
        env.remove(QStringLiteral("HYDRA_CONFIG_DIR"));

        QProcess first;
        auto stopFirst = qScopeGuard([&first] {
            first.terminate();
            if (!first.waitForFinished(10'000))
                first.kill();
        });
        first.setProcessEnvironment(env);
        first.setProcessChannelMode(QProcess::SeparateChannels);
        first.start(QStringLiteral(HYDRA_BIN), {QStringLiteral("--config-dir"), config.path()});
        QVERIFY(first.waitForStarted(10'000));

        // The first needs a moment to listen; until it does, a second launch would become a first.
        // So ask the way a second launch does, and launch the real second only once it answers.
        const QString name = SingleInstance::serverName(config.path());
        QDeadlineTimer deadline(30'000);
        bool listening = false;
        while (!listening && !deadline.hasExpired()) {
            listening = activateFromThread(name);
            if (!listening)
                QTest::qWait(100);
        }
        QVERIFY(listening);

        QProcess second;
        second.setProcessEnvironment(env);
        second.start(QStringLiteral(HYDRA_BIN), {QStringLiteral("--config-dir"), config.path()});
        QVERIFY(second.waitForFinished(30'000));
        QCOMPARE(second.exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.exitCode(), 0);
        QVERIFY2(second.readAllStandardError().contains("already running"), "the second launch says why it exits");
        // Asked twice: by the probe above, then by the second launch.
        QByteArray firstLog;
        QTRY_VERIFY2_WITH_TIMEOUT(
            (firstLog += first.readAllStandardError()).count("another launch asked for the dashboard") == 2,
            firstLog.constData(), 10'000);
        QCOMPARE(first.state(), QProcess::Running);
    }
};

QTEST_GUILESS_MAIN(TstSingleInstance)
#include "tst_single_instance.moc"
