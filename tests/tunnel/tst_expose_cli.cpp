// `hydra gateway --expose` as users run it: a real hydra child process running the fake
// cloudflared as its own child.

#include "fakes/fake_cloudflared_command.h"
#include "process_probe.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>


using namespace hydra::testing;

class ExposeCliTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString stateFile() const { return m_dir.filePath("fake-state.json"); }

    void startHydra(QProcess &hydra, const QString &cloudflared, const QString &mode = QStringLiteral("ok"))
    {
        QFile::remove(stateFile());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("HYDRA_CLOUDFLARED", cloudflared);
        env.insert("FAKE_CLOUDFLARED_STATE_FILE", stateFile());
        env.insert("FAKE_CLOUDFLARED_MODE", mode);
        hydra.setProcessEnvironment(env);
        hydra.start(HYDRA_BIN, {"gateway", "--port", "0", "--expose", "--config-dir", m_dir.filePath("config"),
                                "--keys-file", HYDRA_FIXTURES_DIR "/keys/valid.json", "--upstream", "http://127.0.0.1:9"});
        QVERIFY(hydra.waitForStarted(5000));
    }

    // Reads stdout until `pattern` matches; returns everything read.
    static QString readUntil(QProcess &process, const QRegularExpression &pattern, QString &out, int timeoutMs = 20000)
    {
        QElapsedTimer clock;
        clock.start();
        while (!pattern.match(out).hasMatch() && clock.elapsed() < timeoutMs && process.state() == QProcess::Running) {
            process.waitForReadyRead(200);
            out += QString::fromUtf8(process.readAllStandardOutput());
        }
        return pattern.match(out).captured(0);
    }

private Q_SLOTS:
    void printsTheTokenThenTheUrl_andStoppingStopsCloudflared()
    {
        QProcess hydra;
        startHydra(hydra, fakeCloudflaredCommandLine());
        QString out;
        const QString url = readUntil(hydra, QRegularExpression(R"(Public URL: https://[a-z0-9-]+\.trycloudflare\.com/v1)"), out);
        QVERIFY2(!url.isEmpty(), qPrintable(out + hydra.readAllStandardError()));
        const qsizetype tokenAt = out.indexOf(QRegularExpression(R"(\nhydra-[A-Za-z0-9_-]{20,}\n)"));
        QVERIFY2(tokenAt > 0 && tokenAt < out.indexOf("Public URL"), qPrintable(out));
        QVERIFY(out.contains("shown only this once"));
        const QJsonObject state = readState(stateFile());
        QVERIFY(url.contains(state.value("hostname").toString()));
        const qint64 cloudflared = state.value("pid").toInteger();

        hydra.terminate(); // SIGTERM, as a service manager stops it
        QVERIFY(hydra.waitForFinished(15000));
        QCOMPARE(hydra.exitCode(), 0);
        QVERIFY(processGone(cloudflared));
        QVERIFY(hydra.readAllStandardError().contains("tunnel stopped"));

        // A second run finds the token: nothing new is printed.
        QProcess again;
        startHydra(again, fakeCloudflaredCommandLine());
        QString second;
        QVERIFY(!readUntil(again, QRegularExpression("Public URL: .*\n"), second).isEmpty());
        QVERIFY2(!second.contains("hydra-"), qPrintable(second));
        again.terminate();
        QVERIFY(again.waitForFinished(15000));
    }

    void killingHydraLeavesNoCloudflared()
    {
        QProcess hydra;
        startHydra(hydra, fakeCloudflaredCommandLine());
        QString out;
        QVERIFY(!readUntil(hydra, QRegularExpression("Public URL: .*\n"), out).isEmpty());
        const qint64 cloudflared = readState(stateFile()).value("pid").toInteger();
        QVERIFY(cloudflared > 0 && !processGone(cloudflared));
        hydra.kill(); // SIGKILL: no chance to clean up
        QVERIFY(hydra.waitForFinished(5000));
        QTRY_VERIFY_WITH_TIMEOUT(processGone(cloudflared), 10000);
    }

    void aRateLimitedStartSaysWhy()
    {
        QProcess hydra;
        startHydra(hydra, fakeCloudflaredCommandLine(), QStringLiteral("rate-limited"));
        QString err;
        QElapsedTimer clock;
        clock.start();
        while (!err.contains("rate-limiting") && clock.elapsed() < 20000) {
            hydra.waitForReadyRead(200);
            err += QString::fromUtf8(hydra.readAllStandardError());
        }
        QVERIFY2(err.contains("tunnel failed: trycloudflare.com is rate-limiting"), qPrintable(err));
        QVERIFY(err.contains("trying again in 60 s"));
        hydra.terminate();
        QVERIFY(hydra.waitForFinished(15000));
        QCOMPARE(hydra.exitCode(), 0);
    }

    void withoutCloudflaredItSaysWhereToGetIt()
    {
        QProcess hydra;
        startHydra(hydra, m_dir.filePath("no-such-cloudflared"));
        QVERIFY(hydra.waitForFinished(10000));
        QCOMPARE(hydra.exitCode(), 1);
        const QString err = QString::fromUtf8(hydra.readAllStandardError());
        QVERIFY2(err.contains("HYDRA_CLOUDFLARED"), qPrintable(err));

        QProcess noneAnywhere;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("HYDRA_CLOUDFLARED");
        env.insert("PATH", m_dir.path());
        noneAnywhere.setProcessEnvironment(env);
        noneAnywhere.start(HYDRA_BIN, {"gateway", "--port", "0", "--expose", "--config-dir", m_dir.filePath("config")});
        QVERIFY(noneAnywhere.waitForFinished(10000));
        QCOMPARE(noneAnywhere.exitCode(), 1);
        const QString message = QString::fromUtf8(noneAnywhere.readAllStandardError());
        QVERIFY2(message.contains("https://github.com/cloudflare/cloudflared/releases/download/2026.9.1/"), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(ExposeCliTest)
#include "tst_expose_cli.moc"
