// The hydra executable as users and scripts run it: a real child process.

#include "fake_gemini.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>


namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run runHydra(const QStringList &arguments)
{
    QProcess process;
    process.start(HYDRA_BIN, arguments);
    process.waitForFinished(10000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(content);
    return path;
}

// Starts `hydra gateway` on a free port and waits for its "listening" line.
QString startGateway(QProcess &process, const QStringList &extra)
{
    process.start(HYDRA_BIN, QStringList{"gateway", "--port", "0"} + extra);
    QString printed;
    const QRegularExpression url(R"(http://127\.0\.0\.1:\d+/v1)");
    for (int i = 0; i < 50 && !url.match(printed).hasMatch(); ++i) {
        process.waitForReadyRead(100);
        printed += QString::fromUtf8(process.readAllStandardOutput());
    }
    return url.match(printed).captured();
}

// The resident memory of a process in KiB (Linux), or -1.
qint64 residentKib(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Whether only the owner may read, write or enter it.
bool ownerOnly(const QString &path)
{
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                                            QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    return QFileInfo::exists(path) && (QFileInfo(path).permissions() & others) == 0;
}


// A streamed chat completion; returns once its first bytes have arrived (nullptr if they never do).
QNetworkReply *startStream(QNetworkAccessManager &network, const QString &baseUrl)
{
    QNetworkRequest request(QUrl(baseUrl + "/chat/completions"));
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    QNetworkReply *reply = network.post(request, R"({"model":"gemini-2.5-flash","stream":true,"messages":[{"role":"user","content":"hi"}]})");
    if (!QTest::qWaitFor([reply] { return reply->bytesAvailable() > 0; }, 10'000)) {
        delete reply;
        return nullptr;
    }
    return reply;
}

} // namespace

class CommandLine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionAndHelp()
    {
        const Run version = runHydra({"--version"});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.contains(QRegularExpression(R"(^Hydra \d+\.\d+\.\d+\n$)")));
        const Run help = runHydra({"--help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("gateway"));
        const Run gatewayHelp = runHydra({"gateway", "--help"});
        QCOMPARE(gatewayHelp.exitCode, 0);
        for (const char *option : {"--host", "--port", "--keys-file", "--upstream", "--config-dir", "--first-byte-timeout",
                                   "--idle-timeout"})
            QVERIFY2(gatewayHelp.out.contains(option), option);
        QCOMPARE(runHydra({"frobnicate"}).exitCode, 2);
    }

    void portInUseIsAOneLineError()
    {
        QTcpServer occupier;
        QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir config;
        const Run run = runHydra({"gateway", "--port", QString::number(occupier.serverPort()), "--config-dir", config.path()});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QString::number(occupier.serverPort())), qPrintable(run.err));
        QVERIFY2(run.err.contains("in use"), qPrintable(run.err));
    }

    void badArgumentsAreRefused()
    {
        QTemporaryDir config;
        QCOMPARE(runHydra({"gateway", "--port", "99999", "--config-dir", config.path()}).exitCode, 2);
        QCOMPARE(runHydra({"gateway", "--upstream", "ftp://x", "--config-dir", config.path()}).exitCode, 2);
        QCOMPARE(runHydra({"gateway", "--first-byte-timeout", "0", "--config-dir", config.path()}).exitCode, 2);
        QCOMPARE(runHydra({"gateway", "--idle-timeout", "soon", "--config-dir", config.path()}).exitCode, 2);
        const Run exposed = runHydra({"gateway", "--host", "0.0.0.0", "--config-dir", config.path()});
        QCOMPARE(exposed.exitCode, 2);
        QVERIFY(exposed.err.contains("tokens"));
    }

    void keysFileErrorsNameTheFileAndPosition()
    {
        QTemporaryDir dir;
        const QString malformed = writeFile(dir, "keys.json", "[\n  {\"api_key\": \"AIzaSyA\"},\n  {\"api_key\" \"x\"}\n]\n");
        const Run run = runHydra({"gateway", "--keys-file", malformed, "--config-dir", dir.path()});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("keys.json") && run.err.contains("line 3"), qPrintable(run.err));

        const Run missing = runHydra({"gateway", "--keys-file", dir.filePath("nope.json"), "--config-dir", dir.path()});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("nope.json"));

        const QString noKey = writeFile(dir, "nokey.json", R"([{"email":"a@b.c"}])");
        const Run noKeyRun = runHydra({"gateway", "--keys-file", noKey, "--config-dir", dir.path()});
        QCOMPARE(noKeyRun.exitCode, 2);
        QVERIFY(noKeyRun.err.contains("api_key"));
    }

    // SIGTERM (QProcess::terminate) stops taking requests at once and lets a stream in flight
    // finish: the client gets every chunk, and the process exits 0 right after it.
    void sigtermLetsAStreamInFlightFinish()
    {
        hydra::fakes::FakeGemini fake;
        QVERIFY(fake.listen());
        fake.setEventDelayMs(200);
        fake.setReplyChunks({"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}); // about 2 s
        QTemporaryDir dir;
        const QString secret = "test-secret-not-a-real-gemini-key-0abcd";
        const QString keys = writeFile(dir, "keys.json", "[{\"api_key\":\"" + secret.toUtf8() + "\",\"email\":\"me@example.com\"}]");
        QProcess gateway;
        const QString baseUrl = startGateway(gateway, {"--keys-file", keys, "--upstream", fake.baseUrl(),
                                                       "--config-dir", dir.path()});
        QVERIFY2(!baseUrl.isEmpty(), gateway.readAllStandardError().constData());

        QNetworkAccessManager network;
        QNetworkReply *reply = startStream(network, baseUrl);
        QVERIFY(reply);

        gateway.terminate();
        // The listener is closed at once: a new client is refused rather than left waiting.
        QByteArray errors;
        QTRY_VERIFY((errors += gateway.readAllStandardError()).contains("stopping"));
        QNetworkAccessManager other;
        QNetworkReply *late = other.get(QNetworkRequest(QUrl(baseUrl + "/models")));
        QTRY_VERIFY(late->isFinished());
        QCOMPARE(late->error(), QNetworkReply::ConnectionRefusedError);
        delete late;

        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10'000); // the fake keeps pacing: the event loop runs
        QTRY_VERIFY_WITH_TIMEOUT(gateway.state() == QProcess::NotRunning, 10'000);
        QCOMPARE(gateway.exitStatus(), QProcess::NormalExit);
        QCOMPARE(gateway.exitCode(), 0);
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        const QByteArray streamed = reply->readAll();
        QVERIFY2(streamed.contains("\"j\"") && streamed.endsWith("data: [DONE]\n\n"), streamed.right(300));
        QVERIFY(!streamed.contains("shutting down"));
        delete reply;

        const QString logs = QString::fromUtf8(errors + gateway.readAllStandardError()) + gateway.readAllStandardOutput();
        QVERIFY2(!logs.contains(secret), qPrintable(logs)); // keys never appear in output
    }

    // A stream longer than the grace period is ended with an error event when it runs out.
    void aStreamLongerThanTheGraceIsEndedWhenItRunsOut()
    {
        hydra::fakes::FakeGemini fake;
        QVERIFY(fake.listen());
        fake.setEventDelayMs(500);
        fake.setReplyChunks(QStringList(40, QStringLiteral("x"))); // 20 s, four times the grace
        QTemporaryDir dir;
        const QString keys = writeFile(dir, "keys.json", R"([{"api_key":"test-secret-not-a-real-gemini-key-0grce"}])");
        QProcess gateway;
        const QString baseUrl = startGateway(gateway, {"--keys-file", keys, "--upstream", fake.baseUrl(),
                                                       "--config-dir", dir.path()});
        QVERIFY2(!baseUrl.isEmpty(), gateway.readAllStandardError().constData());
        QNetworkAccessManager network;
        QNetworkReply *reply = startStream(network, baseUrl);
        QVERIFY(reply);

        QElapsedTimer stopping;
        stopping.start();
        gateway.terminate();
        QTRY_VERIFY_WITH_TIMEOUT(gateway.state() == QProcess::NotRunning, 15'000);
        QCOMPARE(gateway.exitCode(), 0);
        // Ended by the grace period (5 s), not by the stream's own end (20 s). No timing is
        // asserted beyond that ordering: the stream was cut, so the grace ran out first.
        QTRY_VERIFY(reply->isFinished());
        const QByteArray streamed = reply->readAll();
        QVERIFY2(streamed.contains("shutting down") && !streamed.contains("[DONE]"), streamed.right(300));
        QVERIFY(stopping.elapsed() < 20'000);
        delete reply;
    }

    void memoryOfALargeRequestGoesBackToTheSystem()
    {
#ifndef Q_OS_LINUX
        QSKIP("Linux only: reads the gateway's memory in /proc");
#endif
#if defined(__SANITIZE_ADDRESS__)
        QSKIP("AddressSanitizer's allocator keeps freed memory in quarantine on purpose");
#endif
        hydra::fakes::FakeGemini fake;
        QVERIFY(fake.listen());
        fake.setRecording(false); // the fake keeps no copy of the 29 MB
        QTemporaryDir dir;
        const QString keys = writeFile(dir, "keys.json", R"([{"api_key":"test-secret-not-a-real-gemini-key-0mem1"}])");
        QProcess gateway;
        const QString baseUrl = startGateway(gateway, {"--keys-file", keys, "--upstream", fake.baseUrl(), "--config-dir",
                                                       dir.path()});
        QVERIFY2(!baseUrl.isEmpty(), gateway.readAllStandardError().constData());
        QNetworkAccessManager network;
        const auto post = [&](const QByteArray &body) {
            QNetworkRequest request(QUrl(baseUrl + "/chat/completions"));
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
            QNetworkReply *reply = network.post(request, body);
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            QTimer::singleShot(30000, &loop, &QEventLoop::quit);
            if (!reply->isFinished())
                loop.exec();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            delete reply;
            return status;
        };
        const QByteArray small = R"({"model":"gemini-2.5-flash","messages":[{"role":"user","content":"hi"}]})";
        QCOMPARE(post(small), 200);
        QTest::qWait(300);
        const qint64 before = residentKib(gateway.processId());
        QVERIFY(before > 0);
        // 29 MB of text: the body, its parsed JSON, the Gemini request and the bytes sent upstream
        // are each that large.
        // (Plain string literals: moc misreads a raw string that ends in a quote.)
        const QByteArray large = "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"" +
                                 QByteArray(29 * 1024 * 1024, 'a') + "\"}]}";
        QCOMPARE(post(large), 200);
        QCOMPARE(post(small), 200); // and a normal request after it
        // Given back once the connection that carried it is gone: the gateway closes it after the
        // answer, and the socket and its buffers go when the event loop gets to them, which on
        // Qt's own dispatcher can take a moment longer than on the epoll one.
        qint64 after = 0;
        const bool givenBack = QTest::qWaitFor([&] {
            after = residentKib(gateway.processId());
            return after - before < 12 * 1024;
        }, 5000);
        qInfo("gateway resident: %lld KiB before, %lld KiB after a 29 MB request", before, after);
        // With glibc's moving mmap threshold it stayed 30 MB above where it started (29 -> 59 MB
        // here; 151 MB after an outside probe's request); with the threshold fixed, within 1 MB.
        QVERIFY2(givenBack, qPrintable(QStringLiteral("%1 KiB -> %2 KiB").arg(before).arg(after)));
        gateway.terminate(); // SIGTERM
        QVERIFY(gateway.waitForFinished(5000));
    }

    void upstreamTimeoutsComeFromTheCommandLineAndTheConfigDirIsPrivate()
    {
        hydra::fakes::FakeGemini fake;
        QVERIFY(fake.listen());
        fake.setDefaultBehaviour(hydra::fakes::Behaviour::Stall);
        QTemporaryDir dir;
        const QString keys = writeFile(dir, "keys.json", R"([{"api_key":"test-secret-not-a-real-gemini-key-0wxyz"}])");
        const QString config = dir.filePath("profile"); // made by the gateway
        QProcess gateway;
        const QString baseUrl = startGateway(gateway, {"--keys-file", keys, "--upstream", fake.baseUrl(), "--config-dir",
                                                       config, "--first-byte-timeout", "0.2", "--idle-timeout", "0.2"});
        QVERIFY2(!baseUrl.isEmpty(), gateway.readAllStandardError().constData());
        QVERIFY(ownerOnly(config));

        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(baseUrl + "/chat/completions"));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        QNetworkReply *reply = network.post(request, R"({"model":"gemini-2.5-flash","messages":[{"role":"user","content":"hi"}]})");
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000); // 4 attempts of 0.2 s, not 5 min each
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 504);
        QVERIFY(reply->readAll().contains("upstream_timeout"));
        delete reply;

        gateway.terminate(); // SIGTERM
        QVERIFY(gateway.waitForFinished(5000));
        QCOMPARE(gateway.exitCode(), 0);
        // What the gateway wrote there is the user's alone too.
        const QStringList written = QDir(config).entryList(QDir::Files | QDir::Hidden);
        QVERIFY2(written.contains("pool-state.json"), qPrintable(written.join(", ")));
        for (const QString &name : written)
            QVERIFY2(ownerOnly(QDir(config).filePath(name)), qPrintable(name));
    }
};

QTEST_GUILESS_MAIN(CommandLine)
#include "tst_cli.moc"
