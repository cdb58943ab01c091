#include "cloudflared_locator.h"

#include "cloudflared_release.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace hydra::tunnel {

namespace {

bool isExecutableFile(const QString &path)
{
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable();
}

QChar pathListSeparator()
{
#ifdef Q_OS_WIN
    return u';';
#else
    return u':';
#endif
}

} // namespace

QString cloudflaredFileName()
{
#ifdef Q_OS_WIN
    return QStringLiteral("cloudflared.exe");
#else
    return QStringLiteral("cloudflared");
#endif
}

QString downloadDirectory(const QString &appDataDir)
{
    return QDir(appDataDir).filePath(QStringLiteral("cloudflared"));
}

LocatorInputs LocatorInputs::fromEnvironment(const QString &settingsPath, const QString &downloadDir)
{
    LocatorInputs inputs;
    inputs.settingsPath = settingsPath;
    inputs.environment = qEnvironmentVariable("HYDRA_CLOUDFLARED");
    inputs.executableDir = QCoreApplication::instance() ? QCoreApplication::applicationDirPath() : QString();
    inputs.downloadDir = downloadDir;
    inputs.pathVariable = qEnvironmentVariable("PATH");
    inputs.platform = currentReleasePlatform();
    return inputs;
}

QString whereToGetCloudflared(const QString &platform)
{
    const PinnedRelease &release = pinnedRelease();
    if (const auto asset = release.assetFor(platform))
        return QStringLiteral("download cloudflared %1 from %2").arg(release.version, release.urlFor(*asset));
    return QStringLiteral("download cloudflared from https://github.com/cloudflare/cloudflared/releases");
}

LocatorResult locateCloudflared(const LocatorInputs &inputs)
{
    // A path the user gave explicitly must work; falling through to another binary would run
    // something they did not choose.
    const std::pair<QString, QString> explicitChoices[] = {
        {inputs.settingsPath, QStringLiteral("settings")},
        {inputs.environment, QStringLiteral("HYDRA_CLOUDFLARED")},
    };
    for (const auto &[path, source] : explicitChoices) {
        if (path.isEmpty())
            continue;
        if (isExecutableFile(path))
            return {QFileInfo(path).absoluteFilePath(), source, {}};
        return {{}, {}, QStringLiteral("cloudflared from %1 (%2) is not an executable file").arg(source, path)};
    }

    QStringList looked;
    const QString name = cloudflaredFileName();
    const std::pair<QString, QString> folders[] = {
        {inputs.executableDir, QStringLiteral("next to Hydra")},
        {inputs.downloadDir, QStringLiteral("downloaded")},
    };
    for (const auto &[dir, source] : folders) {
        if (dir.isEmpty())
            continue;
        const QString candidate = QDir(dir).filePath(name);
        if (isExecutableFile(candidate))
            return {QDir::cleanPath(candidate), source, {}};
        looked.append(QDir::toNativeSeparators(dir));
    }
    for (const QString &dir : inputs.pathVariable.split(pathListSeparator(), Qt::SkipEmptyParts)) {
        const QString candidate = QDir(dir).filePath(name);
        if (isExecutableFile(candidate))
            return {QDir::cleanPath(candidate), QStringLiteral("PATH"), {}};
    }
    looked.append(QStringLiteral("PATH"));
    return {{}, {},
            QStringLiteral("cloudflared was not found (looked in: %1). To expose Hydra, %2 and put it on PATH, "
                           "or set HYDRA_CLOUDFLARED to its path")
                .arg(looked.join(QStringLiteral(", ")), whereToGetCloudflared(inputs.platform))};
}

} // namespace hydra::tunnel
