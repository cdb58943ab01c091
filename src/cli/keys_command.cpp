#include "keys_command.h"

#include "cli_common.h"
#include "core/secrets.h"
#include "core/store/key_ring.h"
#include "core/store/keychain_secret_store.h"
#include "core/store/pool_state_file.h"
#include "key_commands_common.h"

#include <QCommandLineParser>
#include <QDateTime>

#include <algorithm>
#include <cstdio>
#include <set>

namespace hydra::cli {
namespace {

const QString command = QStringLiteral("keys");

const char usage[] =
    "Usage: hydra keys <command> [options]\n"
    "Manages the Gemini API keys Hydra keeps in the OS keychain (their labels, emails and projects\n"
    "live in keys-meta.json in the config dir; the keys themselves never touch a file).\n"
    "\n"
    "Commands:\n"
    "  list                       The stored keys: label, email, project, masked key, status\n"
    "  add [KEY|-]                Store a key; without KEY (or with -) it is read from stdin, which\n"
    "                             keeps it out of your shell history\n"
    "  remove LABEL|INDEX         Delete a stored key (INDEX as in hydra keys list)\n"
    "  validate [LABEL|INDEX...]  Check stored keys (all by default) against Gemini\n"
    "\n"
    "Every command takes --config-dir DIR (or $HYDRA_CONFIG_DIR) and --help;\n"
    "validate also takes --upstream URL (or $HYDRA_UPSTREAM).\n";

// The stored keys to work on, or the exit code once it has been said why there are none.
std::variant<std::vector<store::StoredKey>, int> storedKeys(store::KeyRing &ring)
{
    auto listed = ring.list();
    if (const auto *error = std::get_if<std::string>(&listed))
        return fail(command, QString::fromStdString(*error), exitFailure);
    auto &keys = std::get<std::vector<store::StoredKey>>(listed);
    if (keys.empty()) {
        std::printf("No keys stored. Add some with: hydra setup --file keys.json, or: hydra keys add\n");
        return exitOk;
    }
    return std::move(keys);
}

void prepare(QCommandLineParser &parser, const QString &sub, const QString &description)
{
    prepareSubcommand(parser, QStringLiteral("keys"), QStringLiteral("Manage the stored keys."), sub, description);
}

QString checkStatus(const std::optional<store::KeyCheckRecord> &check)
{
    if (!check)
        return QStringLiteral("not checked");
    QString status = QString::fromStdString(check->result);
    if (!check->detail.empty())
        status += QStringLiteral(": ") + elide(QString::fromStdString(check->detail), 48);
    const QDateTime at = QDateTime::fromString(QString::fromStdString(check->at), Qt::ISODate);
    if (at.isValid())
        status += QStringLiteral(" (%1)").arg(at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    return status;
}

store::LoadedKeys loadAll(store::KeyRing &ring)
{
    store::LoadedKeys loaded;
    waitUntilDone([&ring, &loaded](std::function<void()> done) {
        ring.loadAll([&loaded, done](const store::LoadedKeys &result) {
            loaded = result;
            done();
        });
    });
    return loaded;
}

int ringFailure(const QString &what, const store::RingError &error)
{
    return fail(command, what + error.message,
                error.kind == store::RingError::Kind::BadInput ? exitUsage : exitFailure);
}

int runList(const QString &configDirValue)
{
    store::KeychainSecretStore secrets;
    store::KeyRing ring(configDirectory(configDirValue), secrets);
    const auto listed = storedKeys(ring);
    if (const int *exitCode = std::get_if<int>(&listed))
        return *exitCode;
    const auto &keys = std::get<std::vector<store::StoredKey>>(listed);
    // Ask the keychain too, so a key that went missing there shows up as such.
    const store::LoadedKeys loaded = loadAll(ring);
    std::set<std::string> missing;
    for (const store::StoredKey &key : loaded.missing)
        missing.insert(key.id);

    Table table({QStringLiteral("#"), QStringLiteral("LABEL"), QStringLiteral("EMAIL"), QStringLiteral("PROJECT"),
                 QStringLiteral("KEY"), QStringLiteral("STATUS")});
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const store::StoredKey &key = keys[i];
        table.addRow({QString::number(i + 1), QString::fromStdString(key.label), orDash(key.email),
                      orDash(key.projectId), QString::fromStdString(key.maskedKey),
                      missing.count(key.id) ? QStringLiteral("missing from the OS keychain")
                                            : checkStatus(key.lastCheck)});
    }
    std::printf("%s", qPrintable(table.render()));
    std::fflush(stdout);
    if (loaded.error) {
        warn(command, QStringLiteral("cannot reach the stored keys: %1").arg(loaded.error.message));
        return exitFailure;
    }
    return exitOk;
}

int runAdd(const QStringList &arguments)
{
    QCommandLineParser parser;
    prepare(parser, QStringLiteral("add"),
            QStringLiteral("Stores a Gemini API key in the OS keychain. Without KEY (or with -), the key is read "
                           "from stdin, which keeps it out of your shell history."));
    parser.addPositionalArgument(QStringLiteral("KEY"), QStringLiteral("The API key, or - to read it from stdin."),
                                 QStringLiteral("[KEY|-]"));
    const QCommandLineOption email(QStringLiteral("email"), QStringLiteral("The Google account that owns it."),
                                   QStringLiteral("email"));
    const QCommandLineOption project(QStringLiteral("project"),
                                     QStringLiteral("Its Google Cloud project id (keys of one project share quota)."),
                                     QStringLiteral("id"));
    const QCommandLineOption label(QStringLiteral("label"),
                                   QStringLiteral("What to call it (default: the email, else the project, else "
                                                  "key-N)."),
                                   QStringLiteral("label"));
    parser.addOptions({email, project, label});
    if (const auto exitCode = parseOrExit(parser, arguments, command))
        return *exitCode;
    const QStringList rest = subcommandOperands(parser);
    if (rest.size() > 1)
        return fail(command, QStringLiteral("add takes one key (or - for stdin), not %1 arguments").arg(rest.size()));

    store::NewKey key;
    key.secret = rest.isEmpty() || rest.first() == u"-"
                     ? readSecretFromStdin(QStringLiteral("Gemini API key (input hidden): "))
                     : rest.first().trimmed().toStdString();
    key.email = parser.value(email).toStdString();
    key.projectId = parser.value(project).toStdString();
    key.label = parser.value(label).toStdString();
    if (const auto problem = store::KeyRing::secretProblem(key.secret))
        return fail(command, QString::fromStdString(*problem));
    if (parser.isSet(label))
        if (const auto problem = store::KeyRing::labelProblem(key.label))
            return fail(command, QString::fromStdString(*problem));

    store::KeychainSecretStore secrets;
    store::KeyRing ring(configDirectory(parser.value(QStringLiteral("config-dir"))), secrets);
    store::RingError error;
    store::StoredKey stored;
    waitUntilDone([&](std::function<void()> done) {
        ring.add(key, [&, done](const store::RingError &e, const store::StoredKey &s) {
            error = e;
            stored = s;
            done();
        });
    });
    if (error)
        return ringFailure(QStringLiteral("cannot add the key: "), error);
    std::printf("Stored %s (%s) in the OS keychain. Check it with: hydra keys validate %s\n", stored.label.c_str(),
                stored.maskedKey.c_str(), stored.label.c_str());
    return exitOk;
}

int runRemove(const QStringList &arguments)
{
    QCommandLineParser parser;
    prepare(parser, QStringLiteral("remove"), QStringLiteral("Deletes a stored key from the OS keychain and the list."));
    parser.addPositionalArgument(QStringLiteral("key"), QStringLiteral("Its label, or its # in hydra keys list."),
                                 QStringLiteral("LABEL|INDEX"));
    if (const auto exitCode = parseOrExit(parser, arguments, command))
        return *exitCode;
    const QStringList rest = subcommandOperands(parser);
    if (rest.size() != 1)
        return fail(command, QStringLiteral("remove takes one LABEL or INDEX (see hydra keys list)"));

    store::KeychainSecretStore secrets;
    store::KeyRing ring(configDirectory(parser.value(QStringLiteral("config-dir"))), secrets);
    const auto listed = ring.list();
    if (const auto *error = std::get_if<std::string>(&listed))
        return fail(command, QString::fromStdString(*error), exitFailure);
    const auto &keys = std::get<std::vector<store::StoredKey>>(listed);
    const auto index = store::KeyRing::find(keys, rest.first());
    if (!index)
        return fail(command, QStringLiteral("no stored key is labelled or numbered '%1' (see hydra keys list)")
                                 .arg(rest.first()),
                    exitFailure);
    const store::StoredKey key = keys[*index];
    store::RingError error;
    waitUntilDone([&](std::function<void()> done) {
        ring.remove(key.id, [&, done](const store::RingError &e) {
            error = e;
            done();
        });
    });
    if (error)
        return ringFailure(QStringLiteral("cannot remove %1: ").arg(QString::fromStdString(key.label)), error);
    std::printf("Removed %s (%s).\n", key.label.c_str(), key.maskedKey.c_str());
    return exitOk;
}

int runValidate(const QStringList &arguments)
{
    QCommandLineParser parser;
    prepare(parser, QStringLiteral("validate"),
            QStringLiteral("Checks stored keys against Gemini (the models list and one tiny generateContent on %1) "
                           "and remembers the outcome for hydra keys list.")
                .arg(QString::fromLatin1(keys::KeyValidator::probeModel)));
    parser.addPositionalArgument(QStringLiteral("LABEL|INDEX"), QStringLiteral("Labels or #s to check (default: all)."),
                                 QStringLiteral("[LABEL|INDEX...]"));
    const QCommandLineOption upstream = upstreamOption();
    parser.addOption(upstream);
    if (const auto exitCode = parseOrExit(parser, arguments, command))
        return *exitCode;
    const auto upstreamUrlOrError = upstreamUrl(parser.value(upstream));
    if (const auto *error = std::get_if<QString>(&upstreamUrlOrError))
        return fail(command, *error);

    store::KeychainSecretStore secrets;
    store::KeyRing ring(configDirectory(parser.value(QStringLiteral("config-dir"))), secrets);
    const auto listed = storedKeys(ring);
    if (const int *exitCode = std::get_if<int>(&listed))
        return *exitCode;
    const auto &keys = std::get<std::vector<store::StoredKey>>(listed);
    std::set<std::string> wanted;
    for (const QString &selector : subcommandOperands(parser)) {
        const auto index = store::KeyRing::find(keys, selector);
        if (!index)
            return fail(command, QStringLiteral("no stored key is labelled or numbered '%1' (see hydra keys list)")
                                     .arg(selector));
        wanted.insert(keys[*index].id);
    }
    const auto selected = [&wanted](const std::string &id) { return wanted.empty() || wanted.count(id) > 0; };

    const store::LoadedKeys loaded = loadAll(ring);
    if (loaded.error)
        return fail(command, QStringLiteral("cannot read the stored keys: %1").arg(loaded.error.message),
                    exitFailure);
    std::vector<std::string> toCheck;
    std::vector<const store::StoredKey *> checked;
    for (std::size_t i = 0; i < loaded.keys.size(); ++i) {
        if (!selected(loaded.stored[i].id))
            continue;
        toCheck.push_back(loaded.keys[i].secret);
        checked.push_back(&loaded.stored[i]);
    }
    const std::vector<keys::KeyCheck> checks = validateKeys(std::get<QUrl>(upstreamUrlOrError), toCheck);

    Table table({QStringLiteral("#"), QStringLiteral("LABEL"), QStringLiteral("PROJECT"), QStringLiteral("KEY"),
                 QStringLiteral("RESULT"), QStringLiteral("LATENCY"), QStringLiteral("DETAIL")});
    int working = 0;
    int total = 0;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const store::StoredKey &key = keys[i];
        if (!selected(key.id))
            continue;
        ++total;
        QStringList cells = {QString::number(i + 1), QString::fromStdString(key.label), orDash(key.projectId),
                             QString::fromStdString(key.maskedKey)};
        const auto at = std::find_if(checked.begin(), checked.end(),
                                     [&key](const store::StoredKey *k) { return k->id == key.id; });
        if (at == checked.end()) {
            cells << QStringLiteral("missing") << QStringLiteral("-")
                  << QStringLiteral("not in the OS keychain; remove it with: hydra keys remove %1")
                         .arg(QString::fromStdString(key.label));
        } else {
            const keys::KeyCheck &check = checks[static_cast<std::size_t>(at - checked.begin())];
            working += keys::usable(check.status) ? 1 : 0;
            cells << QString::fromStdString(keys::statusName(check.status)) << latencyCell(check)
                  << detailCell(check.detail);
            if (const auto error = ring.recordCheck(key.id, keys::checkRecord(check)))
                warn(command, QStringLiteral("cannot remember the result: %1").arg(QString::fromStdString(*error)));
            // A key the gateway had marked dead stays dead until it is validated again: this is that.
            QString stateError;
            if (check.status == keys::KeyStatus::Valid &&
                !store::markKeyValidInPoolState(configDirectory(parser.value(QStringLiteral("config-dir"))) +
                                                    QStringLiteral("/pool-state.json"),
                                                key.id, &stateError))
                warn(command, QStringLiteral("cannot clear its dead mark: %1").arg(stateError));
        }
        table.addRow(cells);
    }
    std::printf("%s", qPrintable(table.render()));
    std::printf("%d of %d key%s work%s.\n", working, total, total == 1 ? "" : "s", working == 1 ? "s" : "");
    return working == total ? exitOk : exitFailure;
}

} // namespace

int runKeys(const QStringList &arguments)
{
    const QString sub = arguments.size() > 2 ? arguments.at(2) : QString();
    if (sub == u"list") {
        QCommandLineParser parser;
        prepare(parser, sub, QStringLiteral("Lists the stored keys: label, email, project, masked key, status."));
        if (const auto exitCode = parseOrExit(parser, arguments, command))
            return *exitCode;
        if (subcommandOperands(parser).size() > 0)
            return fail(command, QStringLiteral("list takes no arguments"));
        return runList(parser.value(QStringLiteral("config-dir")));
    }
    if (sub == u"add")
        return runAdd(arguments);
    if (sub == u"remove" || sub == u"rm")
        return runRemove(arguments);
    if (sub == u"validate")
        return runValidate(arguments);
    return answerHelpOrUnknown(command, sub, usage);
}

} // namespace hydra::cli
