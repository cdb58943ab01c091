#include "setup_command.h"

#include "cli_common.h"
#include "core/secrets.h"
#include "core/store/key_ring.h"
#include "core/store/keychain_secret_store.h"
#include "core/store/keys_file.h"
#include "key_commands_common.h"

#include <QCommandLineParser>

#include <cstdio>
#include <map>

namespace hydra::cli {
namespace {

const QString command = QStringLiteral("setup");

struct Row
{
    enum class Kind { Check, DuplicateInFile, AlreadyStored };
    Kind kind = Kind::Check;
    int entry = 0; // 1-based position in the file
    pool::KeyInfo key;
    std::string id;
    int sameAsEntry = 0;     // DuplicateInFile
    std::string label;       // AlreadyStored: its label; Check: the label it was imported under
    std::size_t check = 0;   // Check: index into the checks
    bool imported = false;
    QString importError;
};

QString entryName(int entry)
{
    return QStringLiteral("#%1").arg(entry);
}

} // namespace

int runSetup(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Checks every key of a keys file against Gemini (the models list and one tiny generateContent on %1), "
        "prints what each key can do, and stores the working ones in the OS keychain.")
                                         .arg(QString::fromLatin1(keys::KeyValidator::probeModel)));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("setup"), QStringLiteral("Import keys."));
    const QCommandLineOption file(QStringLiteral("file"),
                                  QStringLiteral("JSON array of {\"api_key\", \"email\", \"project_id\"}."),
                                  QStringLiteral("keys.json"));
    const QCommandLineOption upstream = upstreamOption();
    const QCommandLineOption configDir = configDirOption();
    parser.addOptions({file, upstream, configDir});
    if (const auto exitCode = parseOrExit(parser, arguments, command))
        return *exitCode;
    if (parser.positionalArguments().size() > 1)
        return fail(command, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().at(1)));
    if (!parser.isSet(file))
        return fail(command, QStringLiteral("which keys? hydra setup --file keys.json"));
    const auto upstreamUrlOrError = upstreamUrl(parser.value(upstream));
    if (const auto *error = std::get_if<QString>(&upstreamUrlOrError))
        return fail(command, *error);
    const QString configPath = configDirectory(parser.value(configDir));

    auto parsed = store::readKeysFile(parser.value(file).toStdString());
    if (const auto *error = std::get_if<std::string>(&parsed))
        return fail(command, QString::fromStdString(*error) + QStringLiteral("; nothing was imported"));
    const auto &fileKeys = std::get<std::vector<pool::KeyInfo>>(parsed);

    store::KeychainSecretStore secrets;
    store::KeyRing ring(configPath, secrets);
    const auto listed = ring.list();
    if (const auto *error = std::get_if<std::string>(&listed))
        return fail(command, QString::fromStdString(*error), exitFailure);
    const auto &existing = std::get<std::vector<store::StoredKey>>(listed);

    // Which entries need a check: not a repeat within the file, not stored already.
    std::vector<Row> rows;
    std::vector<std::string> toCheck;
    for (std::size_t i = 0; i < fileKeys.size(); ++i) {
        Row row;
        row.entry = static_cast<int>(i + 1);
        row.key = fileKeys[i];
        row.id = fingerprintSecret(row.key.secret);
        for (const Row &earlier : rows)
            if (earlier.id == row.id && !row.sameAsEntry)
                row.sameAsEntry = earlier.entry;
        const auto stored = std::find_if(existing.begin(), existing.end(),
                                         [&row](const store::StoredKey &k) { return k.id == row.id; });
        if (row.sameAsEntry) {
            row.kind = Row::Kind::DuplicateInFile;
        } else if (stored != existing.end()) {
            row.kind = Row::Kind::AlreadyStored;
            row.label = stored->label;
        } else {
            row.check = toCheck.size();
            toCheck.push_back(row.key.secret);
        }
        rows.push_back(std::move(row));
    }

    const std::vector<keys::KeyCheck> checks = validateKeys(std::get<QUrl>(upstreamUrlOrError), toCheck);

    // The usable keys go in, in the file's order, under labels chosen now so the table shows them.
    std::vector<store::StoredKey> labelsTaken = existing;
    std::vector<store::NewKey> newKeys;
    std::vector<Row *> newRows;
    for (Row &row : rows) {
        if (row.kind != Row::Kind::Check || !keys::usable(checks[row.check].status))
            continue;
        store::NewKey key{row.key.secret, row.key.email, row.key.projectId, {}, keys::checkRecord(checks[row.check])};
        key.label = store::KeyRing::chooseLabel(labelsTaken, key);
        store::StoredKey placeholder;
        placeholder.label = key.label;
        labelsTaken.push_back(placeholder);
        newKeys.push_back(std::move(key));
        newRows.push_back(&row);
    }
    QString keychainError;
    if (!newKeys.empty()) {
        waitUntilDone([&](std::function<void()> done) {
            ring.addAll(newKeys, [&, done](const std::vector<std::pair<store::RingError, store::StoredKey>> &results) {
                for (std::size_t i = 0; i < results.size(); ++i) {
                    Row &row = *newRows[i];
                    if (results[i].first) {
                        row.importError = results[i].first.message;
                        if (results[i].first.kind == store::RingError::Kind::KeychainUnavailable)
                            keychainError = results[i].first.message;
                    } else {
                        row.imported = true;
                        row.label = results[i].second.label;
                    }
                }
                done();
            });
        });
    }

    Table table({QStringLiteral("#"), QStringLiteral("LABEL"), QStringLiteral("PROJECT"), QStringLiteral("KEY"),
                 QStringLiteral("RESULT"), QStringLiteral("LATENCY"), QStringLiteral("DETAIL")});
    int imported = 0;
    int alreadyStored = 0;
    for (const Row &row : rows) {
        QStringList cells = {QString::number(row.entry), orDash(row.label), orDash(row.key.projectId),
                             QString::fromStdString(maskSecret(row.key.secret))};
        switch (row.kind) {
        case Row::Kind::DuplicateInFile:
            cells << QStringLiteral("duplicate") << QStringLiteral("-")
                  << QStringLiteral("same key as %1").arg(entryName(row.sameAsEntry));
            break;
        case Row::Kind::AlreadyStored:
            ++alreadyStored;
            cells << QStringLiteral("already stored") << QStringLiteral("-") << QStringLiteral("left as it is");
            break;
        case Row::Kind::Check: {
            const keys::KeyCheck &check = checks[row.check];
            imported += row.imported ? 1 : 0;
            QString detail = detailCell(check.detail);
            if (keys::usable(check.status) && !row.imported && keychainError.isEmpty())
                detail = QStringLiteral("not imported: ") + row.importError;
            cells << QString::fromStdString(keys::statusName(check.status)) << latencyCell(check) << detail;
            break;
        }
        }
        table.addRow(cells);
    }
    std::printf("%s", qPrintable(table.render()));
    std::fflush(stdout);

    for (const Row &row : rows) {
        if (row.kind == Row::Kind::DuplicateInFile)
            warn(command, QStringLiteral("entry %1 is the same key as entry %2; it is stored once")
                              .arg(entryName(row.entry), entryName(row.sameAsEntry)));
        else if (row.kind == Row::Kind::AlreadyStored)
            warn(command, QStringLiteral("entry %1 is stored already, as %2")
                              .arg(entryName(row.entry), QString::fromStdString(row.label)));
    }
    // Keys of one project share its quota: a second key adds no capacity.
    std::map<std::string, std::pair<QStringList, bool>> projects; // project -> (names, includes a file entry)
    for (const store::StoredKey &key : existing)
        if (!key.projectId.empty())
            projects[key.projectId].first << QString::fromStdString(key.label);
    for (const Row &row : rows) {
        if (row.kind != Row::Kind::Check || row.key.projectId.empty())
            continue;
        auto &project = projects[row.key.projectId];
        project.first << (row.imported ? QString::fromStdString(row.label) : entryName(row.entry));
        project.second = true;
    }
    for (const auto &[project, names] : projects)
        if (names.first.size() > 1 && names.second)
            warn(command, QStringLiteral("%1 share project %2: they share one quota, so together they serve no more "
                                         "than one of them")
                              .arg(names.first.join(QStringLiteral(", ")), QString::fromStdString(project)));

    if (!keychainError.isEmpty())
        return fail(command, QStringLiteral("cannot store keys in the OS keychain: %1; nothing was imported")
                                 .arg(keychainError),
                    exitFailure);
    std::printf("Imported %d of %zu key%s into the OS keychain.%s\n", imported, rows.size(), rows.size() == 1 ? "" : "s",
                imported > 0 ? " Start the gateway with: hydra gateway" : "");
    return imported > 0 || alreadyStored > 0 ? exitOk : exitFailure;
}

} // namespace hydra::cli
