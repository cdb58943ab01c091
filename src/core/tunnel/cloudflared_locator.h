#pragma once
// Where the cloudflared binary is. In order: the path chosen in settings, $HYDRA_CLOUDFLARED,
// a copy shipped next to the Hydra executable, the copy Hydra downloaded into its app-data
// folder, then PATH. A path the user named that is not an executable is an error, not a reason
// to quietly run some other cloudflared. The two explicit choices may also be a command line
// ("firejail cloudflared", "node fake-cloudflared.mjs"): its first word is the program, found as a
// file or on PATH, and the other words come before cloudflared's own arguments.

#include "program_command.h"

#include <QString>

#include <optional>

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

// A value the user typed, as a command: an executable file as it is (a path may contain spaces),
// otherwise split the way a shell splits words (QProcess::splitCommand) with its first word an
// executable file or a program on `pathVariable`. nullopt when it names no program.
std::optional<ProgramCommand> commandFromUserValue(const QString &value, const QString &pathVariable);

struct LocatorResult
{
    ProgramCommand command; // empty when not found
    QString source;  // "settings", "HYDRA_CLOUDFLARED", "next to Hydra", "downloaded", "PATH"
    QString error;   // when not found: what was looked at and where to get cloudflared

    bool found() const { return !command.isEmpty(); }
};

LocatorResult locateCloudflared(const LocatorInputs &inputs);

// Where Hydra keeps the cloudflared it downloaded: a folder of its app-data directory.
QString downloadDirectory(const QString &appDataDir);
// The file name cloudflared has on this OS ("cloudflared" or "cloudflared.exe").
QString cloudflaredFileName();
// "Get it from <pinned URL for this platform>" (or the releases page when none is pinned).
QString whereToGetCloudflared(const QString &platform);

} // namespace hydra::tunnel
