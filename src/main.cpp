// hydra: a subcommand runs headless (cli/, QCoreApplication: no display needed); without one,
// the desktop app starts (app/shell, QApplication).

#include "app/shell/desktop_main.h"
#include "cli/cli_common.h"
#include "cli/gateway_command.h"
#include "cli/keys_command.h"
#include "cli/setup_command.h"
#include "cli/tokens_command.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

namespace {

int runCommand(int argc, char *argv[], int (*command)(const QStringList &))
{
    QCoreApplication app(argc, argv);
    return command(QCoreApplication::arguments());
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setApplicationName(QStringLiteral("Hydra"));
    QCoreApplication::setOrganizationName(QStringLiteral("Hydra"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HYDRA_VERSION));

    if (argc > 1) // a command, or --help / --version: answered in the terminal it came from
        hydra::cli::attachToParentConsole();
    const QString command = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (command == u"gateway")
        return runCommand(argc, argv, hydra::cli::runGateway);
    if (command == u"setup")
        return runCommand(argc, argv, hydra::cli::runSetup);
    if (command == u"keys")
        return runCommand(argc, argv, hydra::cli::runKeys);
    if (command == u"tokens")
        return runCommand(argc, argv, hydra::cli::runTokens);

    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Hydra pools Gemini API keys behind one OpenAI-compatible endpoint.\n"
        "Without a command, the desktop app starts (in the system tray).\n\n"
        "Commands:\n"
        "  gateway   Run the gateway headless (hydra gateway --help)\n"
        "  setup     Check the keys of a keys file and store the working ones in the OS keychain\n"
        "            (hydra setup --file keys.json)\n"
        "  keys      List, add, remove and validate the stored keys (hydra keys --help)\n"
        "  tokens    Create, list and revoke the access tokens clients present (hydra tokens --help)"));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption configDir = hydra::cli::configDirOption();
    parser.addOption(configDir);
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("The command to run."));
    // parse() needs no application object: help, version and mistakes are answered headless.
    const bool parsed = parser.parse(arguments);
    if (!parsed || parser.isSet(helpOption) || parser.isSet(versionOption) || !parser.positionalArguments().isEmpty()) {
        QCoreApplication app(argc, argv);
        if (!parsed)
            return hydra::cli::fail(QStringLiteral("app"), parser.errorText());
        if (parser.isSet(versionOption)) {
            std::printf("Hydra %s\n", HYDRA_VERSION); // as QCommandLineParser::showVersion() words it
            return 0;
        }
        if (!parser.positionalArguments().isEmpty()) {
            std::fprintf(stderr, "hydra: unknown command '%s' (see hydra --help)\n",
                         qPrintable(parser.positionalArguments().constFirst()));
            return hydra::cli::exitUsage;
        }
        std::printf("%s", qPrintable(parser.helpText()));
        return 0;
    }
    const QString configDirOption = parser.value(configDir);
    return hydra::app::runDesktopApp(argc, argv, hydra::cli::configDirectory(configDirOption), configDirOption);
}
