#include "cli_common.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QStandardPaths>

#include <cstdio>
#include <iostream>

#if defined(Q_OS_UNIX)
#include <termios.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#define NOMINMAX // windows.h would otherwise define min and max as macros, breaking std::max
#define WIN32_LEAN_AND_MEAN
#include <io.h>
#include <windows.h>
#endif

namespace hydra::cli {

int fail(const QString &command, const QString &message, int code)
{
    std::fprintf(stderr, "hydra %s: %s\n", qPrintable(command), qPrintable(message));
    return code;
}

void warn(const QString &command, const QString &message)
{
    std::fprintf(stderr, "hydra %s: warning: %s\n", qPrintable(command), qPrintable(message));
}

void attachToParentConsole()
{
#if defined(Q_OS_WIN)
    const auto unset = [](DWORD which) {
        const HANDLE handle = GetStdHandle(which);
        return handle == nullptr || handle == INVALID_HANDLE_VALUE || GetFileType(handle) == FILE_TYPE_UNKNOWN;
    };
    const bool in = unset(STD_INPUT_HANDLE), out = unset(STD_OUTPUT_HANDLE), err = unset(STD_ERROR_HANDLE);
    if (!(in || out || err) || !AttachConsole(ATTACH_PARENT_PROCESS))
        return;
    FILE *reopened = nullptr;
    if (in)
        freopen_s(&reopened, "CONIN$", "r", stdin);
    if (out)
        freopen_s(&reopened, "CONOUT$", "w", stdout);
    if (err)
        freopen_s(&reopened, "CONOUT$", "w", stderr);
#endif
}

QCommandLineOption configDirOption()
{
    return QCommandLineOption(QStringLiteral("config-dir"),
                              QStringLiteral("Where Hydra keeps its settings (or $HYDRA_CONFIG_DIR)."),
                              QStringLiteral("dir"));
}

QCommandLineOption upstreamOption()
{
    return QCommandLineOption(QStringLiteral("upstream"),
                              QStringLiteral("Gemini API base URL (default https://generativelanguage.googleapis.com, "
                                             "or $HYDRA_UPSTREAM)."),
                              QStringLiteral("url"));
}

QString configDirectory(const QString &fromOption)
{
    if (!fromOption.isEmpty())
        return fromOption;
    const QString fromEnvironment = qEnvironmentVariable("HYDRA_CONFIG_DIR");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

std::variant<QUrl, QString> upstreamUrl(const QString &fromOption)
{
    QString text = fromOption;
    if (text.isEmpty())
        text = qEnvironmentVariable("HYDRA_UPSTREAM");
    if (text.isEmpty())
        return QUrl(QStringLiteral("https://generativelanguage.googleapis.com"));
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http") || url.host().isEmpty())
        return QStringLiteral("--upstream must be an http(s) URL, not '%1'").arg(text);
    return url;
}

std::optional<int> parseOrExit(QCommandLineParser &parser, const QStringList &arguments, const QString &command)
{
    if (!parser.parse(arguments))
        return fail(command, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText()));
        return exitOk;
    }
    return std::nullopt;
}

void prepareSubcommand(QCommandLineParser &parser, const QString &command, const QString &commandSummary,
                       const QString &sub, const QString &description)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addPositionalArgument(command, commandSummary);
    parser.addPositionalArgument(sub, description);
    parser.addOption(configDirOption());
}

QStringList subcommandOperands(const QCommandLineParser &parser)
{
    return parser.positionalArguments().mid(2);
}

int answerHelpOrUnknown(const QString &command, const QString &sub, const char *usage)
{
    if (sub == u"--help" || sub == u"-h" || sub == u"help") {
        std::printf("%s", usage);
        return exitOk;
    }
    std::fprintf(stderr, "%s", usage);
    return sub.isEmpty() ? exitUsage : fail(command, QStringLiteral("unknown command '%1'").arg(sub));
}

void waitUntilDone(const std::function<void(std::function<void()> done)> &start)
{
    QEventLoop loop;
    bool finished = false;
    start([&finished, &loop] {
        finished = true;
        loop.quit();
    });
    if (!finished)
        loop.exec();
}

std::string readSecretFromStdin(const QString &prompt)
{
    bool restoreEcho = false;
#if defined(Q_OS_UNIX)
    termios saved{};
    if (::isatty(STDIN_FILENO) && ::tcgetattr(STDIN_FILENO, &saved) == 0) {
        std::fprintf(stderr, "%s", qPrintable(prompt));
        std::fflush(stderr);
        termios silent = saved;
        silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        restoreEcho = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent) == 0;
    }
#elif defined(Q_OS_WIN)
    const HANDLE input = GetStdHandle(STD_INPUT_HANDLE);
    DWORD savedMode = 0;
    if (_isatty(_fileno(stdin)) && GetConsoleMode(input, &savedMode)) {
        std::fprintf(stderr, "%s", qPrintable(prompt));
        std::fflush(stderr);
        restoreEcho = SetConsoleMode(input, savedMode & ~static_cast<DWORD>(ENABLE_ECHO_INPUT)) != 0;
    }
#else
    Q_UNUSED(prompt);
#endif
    std::string line;
    std::getline(std::cin, line);
    if (restoreEcho) {
#if defined(Q_OS_UNIX)
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
#elif defined(Q_OS_WIN)
        SetConsoleMode(input, savedMode);
#endif
        std::fprintf(stderr, "\n");
    }
    const auto first = line.find_first_not_of(" \t\r\n");
    const auto last = line.find_last_not_of(" \t\r\n");
    return first == std::string::npos ? std::string() : line.substr(first, last - first + 1);
}

QString elide(const QString &text, int width)
{
    if (text.size() <= width)
        return text;
    return text.left(std::max(0, width - 1)) + QStringLiteral("…");
}

Table::Table(QStringList headers)
{
    m_rows.push_back(std::move(headers));
}

void Table::addRow(QStringList cells)
{
    m_rows.push_back(std::move(cells));
}

QString Table::render() const
{
    std::vector<qsizetype> widths;
    for (const QStringList &row : m_rows) {
        if (widths.size() < static_cast<std::size_t>(row.size()))
            widths.resize(static_cast<std::size_t>(row.size()), 0);
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[static_cast<std::size_t>(i)] = std::max(widths[static_cast<std::size_t>(i)], row[i].size());
    }
    QString out;
    for (const QStringList &row : m_rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (i > 0)
                line += QStringLiteral("  ");
            line += i + 1 < row.size() ? row[i].leftJustified(widths[static_cast<std::size_t>(i)]) : row[i];
        }
        while (line.endsWith(u' '))
            line.chop(1);
        out += line + u'\n';
    }
    return out;
}

} // namespace hydra::cli
