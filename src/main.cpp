// hydra: a subcommand runs headless (cli/); without one, the desktop app starts.

#include "cli/gateway_command.h"
#include "cli/keys_command.h"
#include "cli/setup_command.h"
#include "cli/tokens_command.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Hydra"));
    QCoreApplication::setOrganizationName(QStringLiteral("Hydra"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HYDRA_VERSION));

    const QStringList arguments = QCoreApplication::arguments();
    const QString command = arguments.size() > 1 ? arguments.at(1) : QString();
    if (command == u"gateway")
        return hydra::cli::runGateway(arguments);
    if (command == u"setup")
        return hydra::cli::runSetup(arguments);
    if (command == u"keys")
        return hydra::cli::runKeys(arguments);
    if (command == u"tokens")
        return hydra::cli::runTokens(arguments);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Hydra pools Gemini API keys behind one OpenAI-compatible endpoint.\n\n"
        "Commands:\n"
        "  gateway   Run the gateway headless (hydra gateway --help)\n"
        "  setup     Check the keys of a keys file and store the working ones in the OS keychain\n"
        "            (hydra setup --file keys.json)\n"
        "  keys      List, add, remove and validate the stored keys (hydra keys --help)\n"
        "  tokens    Create, list and revoke the access tokens clients present (hydra tokens --help)"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("The command to run."));
    parser.process(app); // --help and --version exit here
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "hydra: unknown command '%s' (see hydra --help)\n",
                     qPrintable(parser.positionalArguments().constFirst()));
        return 2;
    }
    std::printf("%s", qPrintable(parser.helpText()));
    return 0;
}
