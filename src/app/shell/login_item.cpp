#include "login_item.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>

namespace hydra::app {
namespace {

[[maybe_unused]] constexpr char launchAgentLabel[] = "io.github.hydra.gateway";
[[maybe_unused]] constexpr char runKey[] = "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
[[maybe_unused]] constexpr char runValue[] = "Hydra";

QString xmlEscaped(const QString &text)
{
    return text.toHtmlEscaped();
}

[[maybe_unused]] QString windowsCommandLine(const QString &program, const QStringList &arguments)
{
    QStringList parts{u'"' + QDir::toNativeSeparators(program) + u'"'};
    for (const QString &argument : arguments)
        parts << (argument.contains(u' ') ? u'"' + argument + u'"' : argument);
    return parts.join(u' ');
}

[[maybe_unused]] std::optional<QString> writeFile(const QString &path, const QString &contents)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return QCoreApplication::translate("LoginItem", "cannot create the folder of %1").arg(path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents.toUtf8()) < 0 || !file.commit())
        return QCoreApplication::translate("LoginItem", "cannot write %1: %2").arg(path, file.errorString());
    return std::nullopt;
}

[[maybe_unused]] std::optional<QString> removeFile(const QString &path)
{
    if (QFile::exists(path) && !QFile::remove(path))
        return QCoreApplication::translate("LoginItem", "cannot remove %1").arg(path);
    return std::nullopt;
}

} // namespace

LoginItem::LoginItem(QString program, QStringList arguments)
    : m_program(std::move(program))
    , m_arguments(std::move(arguments))
{
}

QString LoginItem::location()
{
#if defined(Q_OS_WIN)
    return QString::fromLatin1(runKey);
#elif defined(Q_OS_MACOS)
    return QDir::homePath() + QStringLiteral("/Library/LaunchAgents/") + QString::fromLatin1(launchAgentLabel)
        + QStringLiteral(".plist");
#else
    QString configHome = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (configHome.isEmpty() || QDir::isRelativePath(configHome)) // the spec says to ignore relative paths
        configHome = QDir::homePath() + QStringLiteral("/.config");
    return configHome + QStringLiteral("/autostart/hydra.desktop");
#endif
}

bool LoginItem::isEnabled() const
{
#if defined(Q_OS_WIN)
    return QSettings(location(), QSettings::NativeFormat).contains(QString::fromLatin1(runValue));
#else
    return QFile::exists(location());
#endif
}

std::optional<QString> LoginItem::setEnabled(bool enabled) const
{
#if defined(Q_OS_WIN)
    QSettings run(location(), QSettings::NativeFormat);
    if (enabled)
        run.setValue(QString::fromLatin1(runValue), windowsCommandLine(m_program, m_arguments));
    else
        run.remove(QString::fromLatin1(runValue));
    run.sync();
    if (run.status() != QSettings::NoError)
        return QCoreApplication::translate("LoginItem", "cannot change %1").arg(location());
    return std::nullopt;
#elif defined(Q_OS_MACOS)
    if (!enabled)
        return removeFile(location());
    return writeFile(location(), launchAgentPlist(QString::fromLatin1(launchAgentLabel), m_program, m_arguments));
#else
    if (!enabled)
        return removeFile(location());
    return writeFile(location(), desktopEntry(m_program, m_arguments));
#endif
}

QString LoginItem::quoteExecArgument(const QString &argument)
{
    static const QString reserved = QStringLiteral(" \t\n\"'\\><~|&;$*?#()`");
    bool needsQuotes = argument.isEmpty();
    for (const QChar c : argument)
        needsQuotes = needsQuotes || reserved.contains(c);
    if (!needsQuotes)
        return argument;
    QString quoted;
    for (const QChar c : argument) {
        if (c == u'"' || c == u'`' || c == u'$' || c == u'\\')
            quoted += u'\\';
        quoted += c;
    }
    // In a desktop entry's string value a backslash is itself escaped once more.
    quoted.replace(QStringLiteral("\\"), QStringLiteral("\\\\"));
    return u'"' + quoted + u'"';
}

QString LoginItem::desktopEntry(const QString &program, const QStringList &arguments)
{
    QStringList exec{quoteExecArgument(program)};
    for (const QString &argument : arguments)
        exec << quoteExecArgument(argument);
    return QStringLiteral("[Desktop Entry]\n"
                          "Type=Application\n"
                          "Name=Hydra\n"
                          "Comment=Gemini key pool behind one OpenAI-compatible endpoint\n"
                          "Exec=%1\n"
                          "Icon=hydra\n"
                          "Terminal=false\n"
                          "X-GNOME-Autostart-enabled=true\n")
        .arg(exec.join(u' '));
}

QString LoginItem::launchAgentPlist(const QString &label, const QString &program, const QStringList &arguments)
{
    QString programArguments = QStringLiteral("        <string>%1</string>\n").arg(xmlEscaped(program));
    for (const QString &argument : arguments)
        programArguments += QStringLiteral("        <string>%1</string>\n").arg(xmlEscaped(argument));
    return QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                          "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                          "<plist version=\"1.0\">\n"
                          "<dict>\n"
                          "    <key>Label</key>\n"
                          "    <string>%1</string>\n"
                          "    <key>ProgramArguments</key>\n"
                          "    <array>\n"
                          "%2"
                          "    </array>\n"
                          "    <key>RunAtLoad</key>\n"
                          "    <true/>\n"
                          "</dict>\n"
                          "</plist>\n")
        .arg(xmlEscaped(label), programArguments);
}

} // namespace hydra::app
