// Downloading cloudflared: a real HTTP download from a loopback server, a real SHA-256 check
// against an injected pinned table, and what happens to files that fail it.

#include "static_http_server.h"
#include "tunnel/cloudflared_download.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace hydra::tunnel;
using hydra::testing::StaticHttpServer;

namespace {

const QString platform = QStringLiteral("linux-amd64");

QByteArray fakeBinary(const QByteArray &magic, int size)
{
    QByteArray data = magic;
    data.resize(size);
    auto *words = reinterpret_cast<quint32 *>(data.data() + 16);
    QRandomGenerator::global()->fillRange(words, (size - 16) / 4);
    return data;
}

QString sha256(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

PinnedRelease releaseFor(const StaticHttpServer &server, ReleaseAsset asset)
{
    return {QStringLiteral("2099.1.0"), server.baseUrl() + QStringLiteral("/download"), {std::move(asset)}};
}

struct Result
{
    bool finished = false;
    QString path;
    QString error;
    int progressSignals = 0;
};

Result run(CloudflaredDownload &download)
{
    QSignalSpy finished(&download, &CloudflaredDownload::finished);
    QSignalSpy failed(&download, &CloudflaredDownload::failed);
    QSignalSpy progress(&download, &CloudflaredDownload::progress);
    download.start(platform);
    // failed() may come at once (nothing pinned); otherwise wait for the download.
    if (finished.isEmpty() && failed.isEmpty())
        (void)QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 20000);
    Result result;
    if (finished.isEmpty() && failed.isEmpty())
        result.error = QStringLiteral("timed out");
    result.finished = !finished.isEmpty();
    result.path = result.finished ? finished.first().first().toString() : QString();
    result.error = failed.isEmpty() ? QString() : failed.first().first().toString();
    result.progressSignals = int(progress.size());
    return result;
}

} // namespace

class DownloadTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aMatchingFileIsInstalledExecutable()
    {
        StaticHttpServer server;
        const QByteArray binary = fakeBinary(QByteArray("\x7f" "ELF", 4), 3 * 1024 * 1024);
        server.serve("/download/2099.1.0/cloudflared-linux-amd64", binary);
        QTemporaryDir dir;
        CloudflaredDownload download(dir.path(), releaseFor(server, {platform, "cloudflared-linux-amd64", sha256(binary), {}, false}));
        const Result result = run(download);
        QVERIFY2(result.finished, qPrintable(result.error));
        QCOMPARE(result.path, download.binaryPath());
        QFile file(result.path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), binary);
        QVERIFY(QFileInfo(result.path).isExecutable());
        QVERIFY(result.progressSignals > 0);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"cloudflared"}); // no leftovers
    }

    void aMismatchIsDeletedAndReported()
    {
        StaticHttpServer server;
        const QByteArray binary = fakeBinary(QByteArray("\x7f" "ELF", 4), 2 * 1024 * 1024);
        server.serve("/download/2099.1.0/cloudflared-linux-amd64", binary);
        QTemporaryDir dir;
        const QString pinned = sha256("something else");
        CloudflaredDownload download(dir.path(), releaseFor(server, {platform, "cloudflared-linux-amd64", pinned, {}, false}));
        const Result result = run(download);
        QVERIFY(!result.finished);
        QVERIFY2(result.error.contains("does not match the SHA-256"), qPrintable(result.error));
        QVERIFY(result.error.contains(pinned));
        QVERIFY(result.error.contains(sha256(binary)));
        QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
    }

    void theRightHashOfSomethingThatIsNotAnExecutableIsRefused_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("complaint");
        QTest::newRow("html page") << fakeBinary("<!DOCTYPE html>", 2 * 1024 * 1024) << "not an executable";
        QTest::newRow("tiny ELF") << fakeBinary(QByteArray("\x7f" "ELF", 4), 4096) << "bytes";
    }
    void theRightHashOfSomethingThatIsNotAnExecutableIsRefused()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, complaint);
        StaticHttpServer server;
        server.serve("/download/2099.1.0/cloudflared-linux-amd64", body);
        QTemporaryDir dir;
        CloudflaredDownload download(dir.path(), releaseFor(server, {platform, "cloudflared-linux-amd64", sha256(body), {}, false}));
        const Result result = run(download);
        QVERIFY(!result.finished);
        QVERIFY2(result.error.contains(complaint), qPrintable(result.error));
        QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
    }

    void machOAndPeAreExecutables()
    {
        QVERIFY(!checkExecutable(QByteArray("MZ\x90\x00", 4), 2 << 20));
        QVERIFY(!checkExecutable(QByteArray("\xcf\xfa\xed\xfe", 4), 2 << 20));
        QVERIFY(!checkExecutable(QByteArray("\xca\xfe\xba\xbe", 4), 2 << 20));
        QVERIFY(checkExecutable(QByteArray("#!/bin/sh"), 2 << 20));
    }

    void httpErrorsAreReported()
    {
        StaticHttpServer server; // serves nothing: 404
        QTemporaryDir dir;
        CloudflaredDownload download(dir.path(), releaseFor(server, {platform, "cloudflared-linux-amd64", sha256("x"), {}, false}));
        const Result result = run(download);
        QVERIFY(!result.finished);
        QVERIFY2(result.error.contains("HTTP 404"), qPrintable(result.error));
    }

    void nothingPinnedMeansNoDownload()
    {
        StaticHttpServer server;
        QTemporaryDir dir;
        PinnedRelease unpinned = releaseFor(server, {platform, "cloudflared-linux-amd64", sha256("x"), {}, false});
        unpinned.version.clear();
        CloudflaredDownload download(dir.path(), unpinned);
        const Result result = run(download);
        QVERIFY(!result.finished);
        QVERIFY2(result.error.contains("no cloudflared release pinned"), qPrintable(result.error));
        QCOMPARE(server.requests, 0);
    }

    void unknownPlatformIsRefused()
    {
        StaticHttpServer server;
        QTemporaryDir dir;
        CloudflaredDownload download(dir.path(), releaseFor(server, {QStringLiteral("plan9-mips"), "x", sha256("x"), {}, false}));
        const Result result = run(download);
        QVERIFY(result.error.contains("no pinned cloudflared build for linux-amd64"));
        QCOMPARE(server.requests, 0);
    }

    // macOS builds are .tgz files; the archive and the binary inside each have a pinned hash.
    void archivesAreUnpackedAndTheBinaryChecked()
    {
        QTemporaryDir staging;
        const QByteArray binary = fakeBinary(QByteArray("\xcf\xfa\xed\xfe", 4), 2 * 1024 * 1024);
        {
            QFile file(staging.filePath("cloudflared"));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(binary);
        }
        QProcess tar;
        tar.start("tar", {"-czf", staging.filePath("asset.tgz"), "-C", staging.path(), "cloudflared"});
        QVERIFY(tar.waitForFinished(10000) && tar.exitCode() == 0);
        QFile archiveFile(staging.filePath("asset.tgz"));
        QVERIFY(archiveFile.open(QIODevice::ReadOnly));
        const QByteArray archive = archiveFile.readAll();

        StaticHttpServer server;
        server.serve("/download/2099.1.0/cloudflared-darwin-arm64.tgz", archive);
        {
            QTemporaryDir dir;
            CloudflaredDownload download(dir.path(), releaseFor(server, {platform, "cloudflared-darwin-arm64.tgz",
                                                                         sha256(archive), sha256(binary), true}));
            const Result result = run(download);
            QVERIFY2(result.finished, qPrintable(result.error));
            QFile installed(result.path);
            QVERIFY(installed.open(QIODevice::ReadOnly));
            QCOMPARE(installed.readAll(), binary);
            QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot), QStringList{"cloudflared"});
        }
        {
            QTemporaryDir dir;
            CloudflaredDownload download(dir.path(), releaseFor(server, {platform, "cloudflared-darwin-arm64.tgz",
                                                                         sha256(archive), sha256("other"), true}));
            const Result result = run(download);
            QVERIFY(!result.finished);
            QVERIFY2(result.error.contains("inside"), qPrintable(result.error));
            QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(DownloadTest)
#include "tst_cloudflared_download.moc"
