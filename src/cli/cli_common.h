#pragma once
// What every hydra command shares: exit codes, the --config-dir and --upstream options and
// how they resolve, waiting for asynchronous work, and aligned tables.

#include <QCommandLineOption>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

class QCommandLineParser;

namespace hydra::cli {

constexpr int exitOk = 0;
constexpr int exitFailure = 1; // the work could not be done (keychain unavailable, invalid keys, ...)
constexpr int exitUsage = 2;   // bad arguments or a malformed input file

// "hydra <command>: <message>" on stderr; returns `code`.
int fail(const QString &command, const QString &message, int code = exitUsage);
// "hydra <command>: warning: <message>" on stderr.
void warn(const QString &command, const QString &message);

// Windows: hydra.exe is built as a GUI program, so that the tray app opens no console window; a
// command started from a terminal attaches to it and writes there (output already redirected to a
// file or a pipe stays where it is). Elsewhere nothing to do.
void attachToParentConsole();

QCommandLineOption configDirOption();
QCommandLineOption upstreamOption();

// --config-dir, else $HYDRA_CONFIG_DIR, else the platform's application data directory.
QString configDirectory(const QString &fromOption);
// --upstream, else $HYDRA_UPSTREAM, else Google. Returns the URL or what is wrong with it.
std::variant<QUrl, QString> upstreamUrl(const QString &fromOption);

// Parses `arguments` with the parser; prints help (exit 0) or the parse error (exit 2).
// Returns an exit code when the command should end now.
std::optional<int> parseOrExit(QCommandLineParser &parser, const QStringList &arguments, const QString &command);

// A parser for `hydra <command> <sub> ...` with --help and --config-dir.
void prepareSubcommand(QCommandLineParser &parser, const QString &command, const QString &commandSummary,
                       const QString &sub, const QString &description);
// The positional arguments after "<command> <sub>".
QStringList subcommandOperands(const QCommandLineParser &parser);

// What `hydra <command> <sub>` does when <sub> is help (usage on stdout, exit 0), missing (usage on
// stderr, exit 2) or unknown (usage and an error on stderr, exit 2).
int answerHelpOrUnknown(const QString &command, const QString &sub, const char *usage);

// Calls `start` with a function that ends the wait, and runs the event loop until it is called.
void waitUntilDone(const std::function<void(std::function<void()> done)> &start);

// Reads one line from stdin, without echo when it is a terminal (after printing `prompt` to
// stderr). For secrets that should stay out of shell history.
std::string readSecretFromStdin(const QString &prompt);

// Cuts text to `width` characters, ending in "…" when cut.
QString elide(const QString &text, int width);

// Columns padded to their widest cell, two spaces apart; the last column is not padded.
class Table
{
public:
    explicit Table(QStringList headers);
    void addRow(QStringList cells);
    QString render() const;

private:
    std::vector<QStringList> m_rows;
};

} // namespace hydra::cli
