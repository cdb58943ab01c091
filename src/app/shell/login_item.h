#pragma once
// "Start at login", the way each platform expects it:
//   Windows  HKCU\Software\Microsoft\Windows\CurrentVersion\Run, value "Hydra"
//   macOS    ~/Library/LaunchAgents/<label>.plist with RunAtLoad
//   Linux    $XDG_CONFIG_HOME/autostart/hydra.desktop (default ~/.config/autostart)
// The command is this program, plus --config-dir when the app runs on a profile of its own.

#include <QString>
#include <QStringList>

#include <optional>

namespace hydra::app {

class LoginItem
{
public:
    LoginItem(QString program, QStringList arguments);

    bool isEnabled() const;
    // Writes or removes the entry. Returns what went wrong, if anything.
    std::optional<QString> setEnabled(bool enabled) const;

    // Where the entry lives (the file on Linux and macOS, the registry key on Windows).
    static QString location();

    // The file contents, pure (also used by the tests).
    static QString desktopEntry(const QString &program, const QStringList &arguments);
    static QString launchAgentPlist(const QString &label, const QString &program, const QStringList &arguments);
    // One argument of a desktop entry's Exec= key, quoted when needed (XDG Desktop Entry spec).
    static QString quoteExecArgument(const QString &argument);

private:
    QString m_program;
    QStringList m_arguments;
};

} // namespace hydra::app
