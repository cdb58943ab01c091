#include "tokens_command.h"

#include "cli_common.h"
#include "core/store/access_token.h"
#include "core/store/token_store.h"

#include <QCommandLineParser>
#include <QDateTime>

#include <cstdio>

namespace hydra::cli {
namespace {

const QString command = QStringLiteral("tokens");

const char usage[] =
    "Usage: hydra tokens <command> [options]\n"
    "Manages the access tokens clients present to the gateway (as 'Authorization: Bearer TOKEN').\n"
    "Once a token exists, every request needs one; a gateway reachable from other machines or\n"
    "through a tunnel always does. Only the tokens' SHA-256 digests are stored (tokens.json in\n"
    "the config dir); a running gateway picks up changes within a second.\n"
    "\n"
    "Commands:\n"
    "  create --name NAME   Make a new token; it is printed once, on the last line\n"
    "  list                 The tokens: name, created, last used (never the tokens themselves)\n"
    "  revoke NAME          Delete a token; clients using it are refused from then on\n"
    "\n"
    "Every command takes --config-dir DIR (or $HYDRA_CONFIG_DIR) and --help.\n";

void prepare(QCommandLineParser &parser, const QString &sub, const QString &description)
{
    prepareSubcommand(parser, QStringLiteral("tokens"), QStringLiteral("Manage the access tokens."), sub, description);
}

store::TokenStore tokenStore(const QCommandLineParser &parser)
{
    return store::TokenStore(configDirectory(parser.value(QStringLiteral("config-dir"))));
}

// "2025-05-01 10:00 UTC" from the stored ISO time; "never" when empty.
QString readableTime(const std::string &iso)
{
    if (iso.empty())
        return QStringLiteral("never");
    const QDateTime time = QDateTime::fromString(QString::fromStdString(iso), Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))
                          : QString::fromStdString(iso);
}

int runCreate(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("What the token is for (e.g. cursor)."),
                                  QStringLiteral("name"));
    prepare(parser, QStringLiteral("create"),
            QStringLiteral("Makes a new access token and prints it once, alone on the last line."));
    parser.addOption(name);
    if (const auto exitCode = parseOrExit(parser, arguments, command))
        return *exitCode;
    if (!subcommandOperands(parser).isEmpty())
        return fail(command, QStringLiteral("create takes no arguments; give the name with --name NAME"));
    if (!parser.isSet(name))
        return fail(command, QStringLiteral("create needs --name NAME (what the token is for, e.g. --name cursor)"));
    if (const auto problem = store::tokenNameProblem(parser.value(name)))
        return fail(command, QString::fromStdString(*problem));

    const auto created = tokenStore(parser).create(parser.value(name));
    if (const auto *error = std::get_if<std::string>(&created))
        return fail(command, QString::fromStdString(*error), exitFailure);
    std::printf("Created access token '%s'. It is shown only this once: copy it now.\n"
                "Clients send it as 'Authorization: Bearer TOKEN' (OpenAI SDKs: api_key=TOKEN).\n"
                "%s\n",
                qPrintable(parser.value(name)), std::get<QByteArray>(created).constData());
    std::fflush(stdout);
    return exitOk;
}

int runList(const QStringList &arguments)
{
    QCommandLineParser parser;
    prepare(parser, QStringLiteral("list"), QStringLiteral("Lists the access tokens: name, created, last used."));
    if (const auto exitCode = parseOrExit(parser, arguments, command))
        return *exitCode;
    if (!subcommandOperands(parser).isEmpty())
        return fail(command, QStringLiteral("list takes no arguments"));
    const auto loaded = tokenStore(parser).load();
    if (const auto *error = std::get_if<std::string>(&loaded))
        return fail(command, QString::fromStdString(*error), exitFailure);
    const auto &tokens = std::get<std::vector<store::AccessToken>>(loaded);
    if (tokens.empty()) {
        std::printf("No access tokens: the gateway is open to this machine only. Create one with: "
                    "hydra tokens create --name NAME\n");
        return exitOk;
    }
    Table table({QStringLiteral("NAME"), QStringLiteral("CREATED"), QStringLiteral("LAST USED")});
    for (const store::AccessToken &token : tokens)
        table.addRow({QString::fromStdString(token.name), readableTime(token.created), readableTime(token.lastUsed)});
    std::printf("%s", qPrintable(table.render()));
    return exitOk;
}

int runRevoke(const QStringList &arguments)
{
    QCommandLineParser parser;
    prepare(parser, QStringLiteral("revoke"), QStringLiteral("Deletes the access token of that name."));
    parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("The token's name (see hydra tokens list)."));
    if (const auto exitCode = parseOrExit(parser, arguments, command))
        return *exitCode;
    const QStringList names = subcommandOperands(parser);
    if (names.size() != 1)
        return fail(command, QStringLiteral("revoke takes one token name (see hydra tokens list)"));
    if (const auto error = tokenStore(parser).revoke(names.first()))
        return fail(command, QString::fromStdString(*error), exitFailure);
    std::printf("Revoked access token '%s'.\n", qPrintable(names.first()));
    return exitOk;
}

} // namespace

int runTokens(const QStringList &arguments)
{
    const QString sub = arguments.size() > 2 ? arguments.at(2) : QString();
    if (sub == u"create")
        return runCreate(arguments);
    if (sub == u"list")
        return runList(arguments);
    if (sub == u"revoke")
        return runRevoke(arguments);
    return answerHelpOrUnknown(command, sub, usage);
}

} // namespace hydra::cli
