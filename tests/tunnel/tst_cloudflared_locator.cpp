// Where cloudflared is found, with real files in temporary folders.

#include "tunnel/cloudflared_locator.h"
#include "tunnel/cloudflared_release.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hydra::tunnel;

namespace {

QString makeExecutable(const QString &dir, bool executable = true)
{
    QDir().mkpath(dir);
    const QString path = QDir(dir).filePath(cloudflaredFileName());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write("#!/bin/sh\n");
    file.close();
    QFile::Permissions permissions = QFile::ReadOwner | QFile::WriteOwner;
    if (executable)
        permissions |= QFile::ExeOwner;
    file.setPermissions(permissions);
    return QDir::cleanPath(path);
}

} // namespace

class LocatorTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_root;
    QString dir(const QString &name) const { return m_root.filePath(name); }

private Q_SLOTS:
    void precedence()
    {
        const QString settings = makeExecutable(dir("settings"));
        const QString env = makeExecutable(dir("env"));
        const QString nextToExe = makeExecutable(dir("app"));
        const QString downloaded = makeExecutable(dir("download"));
        const QString onPath = makeExecutable(dir("bin2"));
        LocatorInputs inputs{settings, env, dir("app"), dir("download"),
                             dir("bin1") + u':' + dir("bin2"), QStringLiteral("linux-amd64")};

        auto located = locateCloudflared(inputs);
        QCOMPARE(located.path, settings);
        QCOMPARE(located.source, QStringLiteral("settings"));
        inputs.settingsPath.clear();
        located = locateCloudflared(inputs);
        QCOMPARE(located.path, env);
        QCOMPARE(located.source, QStringLiteral("HYDRA_CLOUDFLARED"));
        inputs.environment.clear();
        QCOMPARE(locateCloudflared(inputs).path, nextToExe);
        inputs.executableDir = dir("empty");
        QCOMPARE(locateCloudflared(inputs).path, downloaded);
        inputs.downloadDir = dir("empty");
        located = locateCloudflared(inputs);
        QCOMPARE(located.path, onPath);
        QCOMPARE(located.source, QStringLiteral("PATH"));
    }

    void firstMatchOnPathWins()
    {
        const QString first = makeExecutable(dir("p1"));
        makeExecutable(dir("p2"));
        const LocatorInputs inputs{{}, {}, {}, {}, dir("missing") + u':' + dir("p1") + u':' + dir("p2"), {}};
        QCOMPARE(locateCloudflared(inputs).path, first);
    }

    void nonExecutableFilesAreSkippedOnPath()
    {
        makeExecutable(dir("noexec"), false);
        const QString good = makeExecutable(dir("exec"));
        const LocatorInputs inputs{{}, {}, {}, {}, dir("noexec") + u':' + dir("exec"), {}};
        QCOMPARE(locateCloudflared(inputs).path, good);
    }

    void anExplicitPathThatDoesNotWorkIsAnError()
    {
        makeExecutable(dir("fallback"));
        const LocatorInputs inputs{{}, dir("nowhere/cloudflared"), {}, {}, dir("fallback"), {}};
        const auto located = locateCloudflared(inputs);
        QVERIFY(!located.found());
        QVERIFY2(located.error.contains("HYDRA_CLOUDFLARED"), qPrintable(located.error));
    }

    void notFoundSaysWhereToGetIt()
    {
        const LocatorInputs inputs{{}, {}, dir("empty"), dir("empty2"), dir("empty3"), QStringLiteral("linux-amd64")};
        const auto located = locateCloudflared(inputs);
        QVERIFY(!located.found());
        const QString pinnedUrl = pinnedRelease().urlFor(*pinnedRelease().assetFor(QStringLiteral("linux-amd64")));
        QVERIFY2(located.error.contains(pinnedUrl), qPrintable(located.error));
        QVERIFY(located.error.contains("HYDRA_CLOUDFLARED"));
        QCOMPARE(pinnedUrl, QStringLiteral("https://github.com/cloudflare/cloudflared/releases/download/2026.9.1/"
                                           "cloudflared-linux-amd64"));
    }

    void platformNames_data()
    {
        QTest::addColumn<QString>("kernel");
        QTest::addColumn<QString>("arch");
        QTest::addColumn<QString>("platform");
        QTest::newRow("linux x64") << "linux" << "x86_64" << "linux-amd64";
        QTest::newRow("linux arm64") << "linux" << "arm64" << "linux-arm64";
        QTest::newRow("linux armv7") << "linux" << "arm" << "linux-arm";
        QTest::newRow("windows x64") << "winnt" << "x86_64" << "windows-amd64";
        QTest::newRow("windows arm64") << "winnt" << "arm64" << "windows-386";
        QTest::newRow("mac arm") << "darwin" << "arm64" << "darwin-arm64";
        QTest::newRow("mac intel") << "darwin" << "x86_64" << "darwin-amd64";
    }
    void platformNames()
    {
        QFETCH(QString, kernel);
        QFETCH(QString, arch);
        QFETCH(QString, platform);
        QCOMPARE(releasePlatform(kernel, arch), platform);
        QVERIFY(pinnedRelease().assetFor(platform).has_value());
    }

    void everyPinnedHashLooksLikeOne()
    {
        for (const ReleaseAsset &asset : pinnedRelease().assets) {
            QCOMPARE(asset.sha256.size(), 64);
            QVERIFY(asset.tgzArchive == (asset.binarySha256.size() == 64));
        }
    }
};

QTEST_GUILESS_MAIN(LocatorTest)
#include "tst_cloudflared_locator.moc"
