// Where cloudflared is found, with real files in temporary folders.

#include "tunnel/cloudflared_locator.h"
#include "tunnel/cloudflared_release.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hydra::tunnel;

namespace {

QString makeExecutable(const QString &dir, bool executable = true, const QString &name = cloudflaredFileName())
{
    QDir().mkpath(dir);
    const QString path = QDir(dir).filePath(name);
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
                             dir("bin1") + QDir::listSeparator() + dir("bin2"), QStringLiteral("linux-amd64")};

        auto located = locateCloudflared(inputs);
        QCOMPARE(located.command.program, settings);
        QCOMPARE(located.source, QStringLiteral("settings"));
        inputs.settingsPath.clear();
        located = locateCloudflared(inputs);
        QCOMPARE(located.command.program, env);
        QCOMPARE(located.source, QStringLiteral("HYDRA_CLOUDFLARED"));
        inputs.environment.clear();
        QCOMPARE(locateCloudflared(inputs).command.program, nextToExe);
        inputs.executableDir = dir("empty");
        QCOMPARE(locateCloudflared(inputs).command.program, downloaded);
        inputs.downloadDir = dir("empty");
        located = locateCloudflared(inputs);
        QCOMPARE(located.command.program, onPath);
        QCOMPARE(located.source, QStringLiteral("PATH"));
    }

    void firstMatchOnPathWins()
    {
        const QString first = makeExecutable(dir("p1"));
        makeExecutable(dir("p2"));
        const LocatorInputs inputs{{}, {}, {}, {}, dir("missing") + QDir::listSeparator() + dir("p1") + QDir::listSeparator() + dir("p2"), {}};
        QCOMPARE(locateCloudflared(inputs).command.program, first);
    }

    void nonExecutableFilesAreSkippedOnPath()
    {
        makeExecutable(dir("noexec"), false);
        const QString good = makeExecutable(dir("exec"));
        const LocatorInputs inputs{{}, {}, {}, {}, dir("noexec") + QDir::listSeparator() + dir("exec"), {}};
        QCOMPARE(locateCloudflared(inputs).command.program, good);
    }

    void anExplicitPathThatDoesNotWorkIsAnError()
    {
        makeExecutable(dir("fallback"));
        const LocatorInputs inputs{{}, dir("nowhere/cloudflared"), {}, {}, dir("fallback"), {}};
        const auto located = locateCloudflared(inputs);
        QVERIFY(!located.found());
        QVERIFY2(located.error.contains("HYDRA_CLOUDFLARED"), qPrintable(located.error));
    }

    void anExplicitChoiceMayBeACommand()
    {
        const QString wrapper = makeExecutable(dir("wrap"), true, cloudflaredFileName().replace("cloudflared", "sandbox"));
        LocatorInputs inputs{{}, QStringLiteral("sandbox --quiet \"my cloudflared\""), {}, {}, dir("wrap"), {}};
        auto located = locateCloudflared(inputs);
        QCOMPARE(located.command.program, wrapper);
        QCOMPARE(located.command.arguments, (QStringList{"--quiet", "my cloudflared"}));
        QCOMPARE(located.source, QStringLiteral("HYDRA_CLOUDFLARED"));

        // A path in the first word, quoted because of its space, from the settings.
        const QString spaced = makeExecutable(dir("with space"), true, cloudflaredFileName());
        inputs.settingsPath = u'"' + spaced + QStringLiteral("\" tunnel");
        located = locateCloudflared(inputs);
        QCOMPARE(located.command.program, spaced);
        QCOMPARE(located.command.arguments, QStringList{"tunnel"});
        QCOMPARE(located.source, QStringLiteral("settings"));

        // The bare path with its space, unquoted, is the program itself with no arguments.
        inputs.settingsPath = spaced;
        QCOMPARE(locateCloudflared(inputs).command, (ProgramCommand{spaced, {}}));
    }

    void aCommandWhoseProgramIsMissingIsAnError_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("not on PATH") << "no-such-sandbox cloudflared";
        QTest::newRow("missing path") << "/no/such/dir/sandbox cloudflared";
        QTest::newRow("not executable") << "noexec-dir";
        QTest::newRow("unbalanced quote") << "\"";
        QTest::newRow("only spaces") << "   ";
    }
    void aCommandWhoseProgramIsMissingIsAnError()
    {
        QFETCH(QString, value);
        const QString notExecutable = makeExecutable(dir("plain"), false);
        if (value == QLatin1String("noexec-dir"))
            value = notExecutable + QStringLiteral(" tunnel");
        makeExecutable(dir("fallback"));
        const LocatorInputs inputs{{}, value, {}, {}, dir("fallback"), {}};
        const auto located = locateCloudflared(inputs);
        if (value.trimmed().isEmpty()) { // blank is "not set": the search goes on
            QCOMPARE(located.source, QStringLiteral("PATH"));
            return;
        }
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
