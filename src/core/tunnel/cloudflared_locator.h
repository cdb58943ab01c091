#pragma once
// Where the cloudflared binary is. In order: the path chosen in settings, $HYDRA_CLOUDFLARED,
// a copy shipped next to the Hydra executable, the copy Hydra downloaded into its app-data
// folder, then PATH. A path the user named that is not an executable is an error, not a reason
// to quietly run some other cloudflared.

#include <QString>

namespace hydra::tunnel {

struct LocatorInputs
{
    QString settingsPath;   // from the settings dialog; empty: not set
    QString environment;    // $HYDRA_CLOUDFLARED
    QString executableDir;  // QCoreApplication::applicationDirPath()
    QString downloadDir;    // where CloudflaredDownload puts its copy
    QString pathVariable;   // $PATH
    QString platform;       // as cloudflared_release.h names it; selects the download hint

    // The real values for this process (settingsPath and downloadDir from the caller).
    static LocatorInputs fromEnvironment(const QString &settingsPath, const QString &downloadDir);
};

struct LocatorResult
{
    QString path;    // empty when not found
    QString source;  // "settings", "HYDRA_CLOUDFLARED", "next to Hydra", "downloaded", "PATH"
    QString error;   // when not found: what was looked at and where to get cloudflared

    bool found() const { return !path.isEmpty(); }
};

LocatorResult locateCloudflared(const LocatorInputs &inputs);

// Where Hydra keeps the cloudflared it downloaded: a folder of its app-data directory.
QString downloadDirectory(const QString &appDataDir);
// The file name cloudflared has on this OS ("cloudflared" or "cloudflared.exe").
QString cloudflaredFileName();
// "Get it from <pinned URL for this platform>" (or the releases page when none is pinned).
QString whereToGetCloudflared(const QString &platform);

} // namespace hydra::tunnel
