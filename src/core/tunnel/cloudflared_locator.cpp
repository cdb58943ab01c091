#include "cloudflared_locator.h"

#include "cloudflared_release.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace hydra::tunnel {

namespace {

bool isExecutableFile(const QString &path)
{
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable();
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

std::optional<ProgramCommand> commandFromUserValue(const QString &value, const QString &pathVariable)
{
    const QString trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    if (isExecutableFile(trimmed))
        return ProgramCommand{QFileInfo(trimmed).absoluteFilePath(), {}};
    QStringList words = QProcess::splitCommand(trimmed);
    if (words.isEmpty())
        return std::nullopt;
    const QString first = words.takeFirst();
    if (first.isEmpty())
        return std::nullopt;
    QString program;
    if (first.contains(u'/') || first.contains(QDir::separator()))
        program = isExecutableFile(first) ? QFileInfo(first).absoluteFilePath() : QString();
    else // findExecutable also tries PATHEXT's suffixes on Windows
        program = QStandardPaths::findExecutable(first, pathVariable.split(QDir::listSeparator(), Qt::SkipEmptyParts));
    if (program.isEmpty())
        return std::nullopt;
    return ProgramCommand{QDir::cleanPath(program), words};
}

LocatorResult locateCloudflared(const LocatorInputs &inputs)
{
    // A path the user gave explicitly must work; falling through to another binary would run
    // something they did not choose.
    const std::pair<QString, QString> explicitChoices[] = {
        {inputs.settingsPath, QStringLiteral("settings")},
        {inputs.environment, QStringLiteral("HYDRA_CLOUDFLARED")},
    };
    for (const auto &[value, source] : explicitChoices) {
        if (value.trimmed().isEmpty())
            continue;
        if (auto command = commandFromUserValue(value, inputs.pathVariable))
            return {*command, source, {}};
        return {{}, {},
                QStringLiteral("cloudflared from %1 (%2) is neither an executable file nor a command whose program "
                               "is on PATH")
                    .arg(source, value)};
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
            return {{QDir::cleanPath(candidate), {}}, source, {}};
        looked.append(QDir::toNativeSeparators(dir));
    }
    for (const QString &dir : inputs.pathVariable.split(QDir::listSeparator(), Qt::SkipEmptyParts)) {
        const QString candidate = QDir(dir).filePath(name);
        if (isExecutableFile(candidate))
            return {{QDir::cleanPath(candidate), {}}, QStringLiteral("PATH"), {}};
    }
    looked.append(QStringLiteral("PATH"));
    return {{}, {},
            QStringLiteral("cloudflared was not found (looked in: %1). To expose Hydra, %2 and put it on PATH, "
                           "or set HYDRA_CLOUDFLARED to its path")
                .arg(looked.join(QStringLiteral(", ")), whereToGetCloudflared(inputs.platform))};
}

} // namespace hydra::tunnel
