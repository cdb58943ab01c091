// hydra setup / hydra keys / hydra gateway with the keychain, as people run them: the real
// executable as a child process, the real Secret Service (ctest starts this test inside
// tests/with-keyring.sh), the fake Gemini in this process as the upstream.

#include "cli_harness.h"
#include "fake_gemini.h"
#include "secrets.h"
#include "store/key_ring.h"
#include "store/keychain_secret_store.h"

#include <QDirIterator>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace hydra::testing;
using hydra::fakes::Behaviour;
using hydra::fakes::FakeGemini;

namespace {

// Keys shaped like Google's (AIza + 35), so masking and redaction see real-looking keys.
QString key(const char *tag)
{
    QString k = QStringLiteral("AIzaSy") + QString::fromLatin1(tag);
    while (k.size() < 35)
        k += u'0';
    return k + QString::fromLatin1(tag).right(4).rightJustified(4, u'x');
}

const QString K1 = key("ALPHA1");
const QString K2 = key("BRAVO2");
const QString K3 = key("CHARLIE3");
const QString K4 = key("DELTA4");
const QString K5 = key("ECHO5");

QString masked(const QString &secret)
{
    return QString::fromStdString(hydra::maskSecret(secret.toStdString()));
}

QString writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(content);
    return path;
}

QByteArray keysJson(const QList<QStringList> &entries) // {key, email, project}
{
    QByteArray json = "[\n";
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QStringList &e = entries[i];
        json += "  {\"api_key\": \"" + e.value(0).toUtf8() + "\"";
        if (!e.value(1).isEmpty())
            json += ", \"email\": \"" + e.value(1).toUtf8() + "\"";
        if (!e.value(2).isEmpty())
            json += ", \"project_id\": \"" + e.value(2).toUtf8() + "\"";
        json += i + 1 < entries.size() ? "},\n" : "}\n";
    }
    return json + "]\n";
}

// The row of a table whose first column is `index`.
QString row(const QString &table, int index)
{
    const QRegularExpression line(QStringLiteral("^%1 .*$").arg(index), QRegularExpression::MultilineOption);
    return line.match(table).captured();
}

// `text` contains `word` on its own (so "valid" does not match inside "invalid").
bool hasWord(const QString &text, const QString &word)
{
    return QRegularExpression(QStringLiteral("(?<![\\w-])") + QRegularExpression::escape(word) +
                              QStringLiteral("(?![\\w-])"))
        .match(text)
        .hasMatch();
}

// Every row lines up under the header: each column starts where its heading does.
bool aligned(const QString &table, const QString &heading)
{
    const QStringList lines = table.split(u'\n', Qt::SkipEmptyParts);
    const qsizetype header = lines.indexOf(QRegularExpression(QStringLiteral("^#  .*")));
    if (header < 0)
        return false;
    const qsizetype column = lines[header].indexOf(heading);
    for (qsizetype i = header + 1; i < lines.size() && QRegularExpression(QStringLiteral("^\\d+  ")).match(lines[i]).hasMatch(); ++i)
        if (lines[i].size() <= column || lines[i].at(column - 1) != u' ' || lines[i].at(column) == u' ')
            return false;
    return true;
}

std::optional<QString> keyInFiles(const QString &dir, const QStringList &secrets)
{
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return path + QStringLiteral(" (unreadable)");
        const QByteArray content = file.readAll();
        for (const QString &secret : secrets)
            if (content.contains(secret.toUtf8()) || content.contains(secret.mid(4, 24).toUtf8()))
                return path;
    }
    return std::nullopt;
}

#define VERIFY_NO_KEY_IN(dir)                                                                                         \
    do {                                                                                                              \
        const auto found = keyInFiles(dir, {K1, K2, K3, K4, K5});                                                     \
        QVERIFY2(!found, qPrintable(QStringLiteral("a key is in ") + found.value_or(QString())));                    \
    } while (false)

#define VERIFY_NO_KEY_PRINTED(run)                                                                                    \
    do {                                                                                                              \
        for (const QString &secret : {K1, K2, K3, K4, K5})                                                            \
            QVERIFY2(!(run).all().contains(secret), qPrintable((run).all()));                                         \
    } while (false)

int chat(const QString &baseUrl)
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(baseUrl + QStringLiteral("/chat/completions")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    QNetworkReply *reply = network.post(
        request, "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    const bool finished = QTest::qWaitFor([reply] { return reply->isFinished(); }, 20000);
    const int status = !finished ? -1 : reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    delete reply;
    return status;
}

} // namespace

class KeyCommands : public QObject
{
    Q_OBJECT

    FakeGemini m_fake;
    QString upstream() const { return m_fake.baseUrl(); }

    // A keychain nobody can reach: a session bus address where there is no bus.
    QProcessEnvironment noBus(const QTemporaryDir &dir) const
    {
        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=") + dir.filePath("no-bus"));
        return env;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("needs a Secret Service: run as dbus-run-session -- sh tests/with-keyring.sh ./tst_key_commands");
        QVERIFY(m_fake.listen());
    }

    void init()
    {
        m_fake.clearRequests();
    }

    void setupImportsTheWorkingKeysAndWarns()
    {
        QTemporaryDir config;
        QTemporaryDir input;
        m_fake.script(K2.toUtf8(), {Behaviour::KeyInvalid});
        m_fake.script(K3.toUtf8(), {Behaviour::RateLimitNoFreeTier});
        m_fake.script(K4.toUtf8(), {Behaviour::RateLimitPerDay});
        m_fake.script(K5.toUtf8(), {Behaviour::Overloaded});
        const QString file = writeFile(input.filePath("keys.json"),
                                       keysJson({{K1, "a@example.com", "proj-a"},
                                                 {K2, "b@example.com", "proj-b"},
                                                 {K3, "c@example.com", "proj-c"},
                                                 {K4, "a@example.com", "proj-a"},
                                                 {K1, "a@example.com", "proj-a"},
                                                 {K5, "", ""}}));
        const Run setup = runHydra({"setup", "--file", file, "--upstream", upstream(), "--config-dir", config.path()});
        QVERIFY2(setup.exitCode == 0, qPrintable(setup.all()));
        VERIFY_NO_KEY_PRINTED(setup);

        for (const char *heading : {"LABEL", "PROJECT", "KEY", "RESULT", "LATENCY"}) {
            QVERIFY2(setup.out.contains(QLatin1String(heading)), heading);
            QVERIFY2(aligned(setup.out, QLatin1String(heading)), qPrintable(setup.out));
        }
        const auto expectRow = [&setup](int index, const QStringList &parts) {
            const QString line = row(setup.out, index);
            for (const QString &part : parts)
                if (!hasWord(line, part))
                    return QStringLiteral("row %1 lacks '%2':\n%3").arg(index).arg(part, setup.out);
            return QString();
        };
        QCOMPARE(expectRow(1, {"a@example.com", "proj-a", masked(K1), "valid", "ms"}), QString());
        QCOMPARE(expectRow(2, {"proj-b", masked(K2), "invalid", "API key not valid"}), QString());
        QCOMPARE(expectRow(3, {"proj-c", masked(K3), "no free tier"}), QString());
        QCOMPARE(expectRow(4, {"a@example.com-2", "proj-a", masked(K4), "rate-limited"}), QString());
        QCOMPARE(expectRow(5, {masked(K1), "duplicate", "#1"}), QString());
        QCOMPARE(expectRow(6, {masked(K5), "network error"}), QString());
        QVERIFY2(setup.err.contains("entry #5 is the same key as entry #1"), qPrintable(setup.err));
        QVERIFY2(setup.err.contains("share project proj-a") && setup.err.contains("one quota"), qPrintable(setup.err));
        QVERIFY2(setup.out.contains("Imported 2 of 6 keys"), qPrintable(setup.out));

        // Each distinct key was checked once: the models list, then one tiny generation.
        int generations = 0;
        for (const auto &request : m_fake.requests())
            if (request.path == "/v1beta/models/gemini-2.5-flash-lite:generateContent")
                ++generations;
        QCOMPARE(generations, 5);

        const Run list = runHydra({"keys", "list", "--config-dir", config.path()});
        QVERIFY2(list.exitCode == 0, qPrintable(list.all()));
        VERIFY_NO_KEY_PRINTED(list);
        QVERIFY(aligned(list.out, "STATUS"));
        QVERIFY2(row(list.out, 1).contains("a@example.com") && row(list.out, 1).contains(masked(K1)) &&
                     hasWord(row(list.out, 1), "valid"),
                 qPrintable(list.out));
        QVERIFY2(row(list.out, 2).contains("a@example.com-2") && row(list.out, 2).contains("rate-limited"),
                 qPrintable(list.out));
        QVERIFY(row(list.out, 3).isEmpty());

        // Again with a key that is stored already: nothing new, and that is fine.
        const QString again = writeFile(input.filePath("again.json"), keysJson({{K1, "", ""}}));
        const Run second = runHydra({"setup", "--file", again, "--upstream", upstream(), "--config-dir", config.path()});
        QVERIFY2(second.exitCode == 0, qPrintable(second.all()));
        QVERIFY2(row(second.out, 1).contains("already stored"), qPrintable(second.out));
        VERIFY_NO_KEY_IN(config.path());
    }

    void aMalformedFileImportsNothing()
    {
        QTemporaryDir config;
        QTemporaryDir input;
        const QString file = writeFile(input.filePath("keys.json"),
                                       "[\n  {\"api_key\": \"" + K1.toUtf8() + "\"},\n  {\"api_key\" \"" + K2.toUtf8() +
                                           "\"}\n]\n");
        const Run setup = runHydra({"setup", "--file", file, "--upstream", upstream(), "--config-dir", config.path()});
        QCOMPARE(setup.exitCode, 2);
        QVERIFY2(setup.err.contains("line 3, column") && setup.err.contains("nothing was imported"),
                 qPrintable(setup.err));
        VERIFY_NO_KEY_PRINTED(setup);
        QVERIFY(m_fake.requests().isEmpty());
        QVERIFY(QDir(config.path()).isEmpty());

        const QString noKey = writeFile(input.filePath("nokey.json"), "[{\"api_key\": \"" + K1.toUtf8() +
                                                                          "\"}, {\"email\": \"x@example.com\"}]");
        const Run missing = runHydra({"setup", "--file", noKey, "--upstream", upstream(), "--config-dir", config.path()});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains("entry 2"), qPrintable(missing.err));
        QVERIFY(QDir(config.path()).isEmpty());

        QCOMPARE(runHydra({"setup", "--config-dir", config.path()}).exitCode, 2); // no --file
    }

    void addFromTheArgumentAndFromStdin()
    {
        QTemporaryDir config;
        const Run first = runHydra({"keys", "add", K1, "--email", "me@example.com", "--project", "proj-1", "--config-dir",
                                 config.path()});
        QVERIFY2(first.exitCode == 0, qPrintable(first.all()));
        QVERIFY2(first.out.contains("me@example.com") && first.out.contains(masked(K1)), qPrintable(first.out));
        VERIFY_NO_KEY_PRINTED(first);

        const Run piped = runHydra({"keys", "add", "--config-dir", config.path()}, K2.toUtf8() + "\n");
        QVERIFY2(piped.exitCode == 0, qPrintable(piped.all()));
        VERIFY_NO_KEY_PRINTED(piped);
        const Run dash = runHydra({"keys", "add", "-", "--label", "third", "--config-dir", config.path()}, K3.toUtf8());
        QVERIFY2(dash.exitCode == 0, qPrintable(dash.all()));

        const Run duplicate = runHydra({"keys", "add", "--config-dir", config.path()}, K1.toUtf8() + "\n");
        QCOMPARE(duplicate.exitCode, 1);
        QVERIFY2(duplicate.err.contains("stored already") && duplicate.err.contains("me@example.com"),
                 qPrintable(duplicate.err));
        QCOMPARE(runHydra({"keys", "add", "--config-dir", config.path()}, "\n").exitCode, 2);
        QCOMPARE(runHydra({"keys", "add", K4, "--label", "42", "--config-dir", config.path()}).exitCode, 2);

        const Run list = runHydra({"keys", "list", "--config-dir", config.path()});
        QVERIFY2(list.exitCode == 0, qPrintable(list.all()));
        VERIFY_NO_KEY_PRINTED(list);
        for (const char *heading : {"LABEL", "EMAIL", "PROJECT", "KEY", "STATUS"})
            QVERIFY2(aligned(list.out, QLatin1String(heading)), qPrintable(list.out));
        QVERIFY2(row(list.out, 1).contains("me@example.com") && row(list.out, 1).contains("proj-1") &&
                     row(list.out, 1).contains(masked(K1)) && row(list.out, 1).contains("not checked"),
                 qPrintable(list.out));
        QVERIFY2(row(list.out, 2).contains("key-2") && row(list.out, 2).contains(masked(K2)), qPrintable(list.out));
        QVERIFY2(row(list.out, 3).contains("third") && row(list.out, 3).contains(masked(K3)), qPrintable(list.out));
        VERIFY_NO_KEY_IN(config.path());
    }

    void removeByLabelAndByIndex()
    {
        QTemporaryDir config;
        for (const auto &[secret, label] : {std::pair{K1, "one"}, std::pair{K2, "two"}, std::pair{K3, "three"}})
            QCOMPARE(runHydra({"keys", "add", "--label", label, "--config-dir", config.path()}, secret.toUtf8()).exitCode, 0);

        const Run byLabel = runHydra({"keys", "remove", "two", "--config-dir", config.path()});
        QVERIFY2(byLabel.exitCode == 0 && byLabel.out.contains("Removed two"), qPrintable(byLabel.all()));
        const Run byIndex = runHydra({"keys", "remove", "1", "--config-dir", config.path()});
        QVERIFY2(byIndex.exitCode == 0 && byIndex.out.contains("Removed one"), qPrintable(byIndex.all()));
        QCOMPARE(runHydra({"keys", "remove", "nobody", "--config-dir", config.path()}).exitCode, 1);
        QCOMPARE(runHydra({"keys", "remove", "7", "--config-dir", config.path()}).exitCode, 1);
        QCOMPARE(runHydra({"keys", "remove", "--config-dir", config.path()}).exitCode, 2);

        const Run list = runHydra({"keys", "list", "--config-dir", config.path()});
        QVERIFY2(row(list.out, 1).contains("three") && row(list.out, 2).isEmpty(), qPrintable(list.out));

        // Gone from the keychain itself, not only from the list.
        hydra::store::KeychainSecretStore keychain;
        for (const auto &[secret, expected] : {std::pair{K1, hydra::store::SecretResult::Status::NotFound},
                                               std::pair{K2, hydra::store::SecretResult::Status::NotFound},
                                               std::pair{K3, hydra::store::SecretResult::Status::Ok}}) {
            std::optional<hydra::store::SecretResult> read;
            keychain.read(hydra::store::KeyRing::entryName(hydra::fingerprintSecret(secret.toStdString())), this,
                          [&read](const hydra::store::SecretResult &r) { read = r; });
            QVERIFY(QTest::qWaitFor([&read] { return read.has_value(); }, 20000));
            QCOMPARE(read->status, expected);
        }
        QCOMPARE(runHydra({"keys", "remove", "three", "--config-dir", config.path()}).exitCode, 0);
        VERIFY_NO_KEY_IN(config.path());
    }

    void validateChecksAndRemembers()
    {
        QTemporaryDir config;
        QCOMPARE(runHydra({"keys", "add", "--label", "good", "--config-dir", config.path()}, K1.toUtf8()).exitCode, 0);
        QCOMPARE(runHydra({"keys", "add", "--label", "bad", "--config-dir", config.path()}, K2.toUtf8()).exitCode, 0);
        m_fake.script(K2.toUtf8(), {Behaviour::KeyInvalid});

        QProcessEnvironment env = cleanEnvironment();
        env.insert(QStringLiteral("HYDRA_UPSTREAM"), upstream()); // the variable works like --upstream
        const Run all = runHydra({"keys", "validate", "--config-dir", config.path()}, {}, env);
        QCOMPARE(all.exitCode, 1);
        VERIFY_NO_KEY_PRINTED(all);
        QVERIFY2(row(all.out, 1).contains("good") && hasWord(row(all.out, 1), "valid"), qPrintable(all.out));
        QVERIFY2(row(all.out, 2).contains("bad") && row(all.out, 2).contains("invalid") &&
                     row(all.out, 2).contains("API key not valid"),
                 qPrintable(all.out));
        QVERIFY(aligned(all.out, "RESULT"));
        QVERIFY2(all.out.contains("1 of 2 keys work"), qPrintable(all.out));

        const Run list = runHydra({"keys", "list", "--config-dir", config.path()});
        QVERIFY2(row(list.out, 1).contains("valid ("), qPrintable(list.out));
        QVERIFY2(row(list.out, 2).contains("invalid: API key not valid"), qPrintable(list.out));

        const Run one = runHydra({"keys", "validate", "good", "--upstream", upstream(), "--config-dir", config.path()});
        QCOMPARE(one.exitCode, 0);
        QVERIFY2(hasWord(row(one.out, 1), "valid") && row(one.out, 2).isEmpty(), qPrintable(one.out));
        QCOMPARE(runHydra({"keys", "validate", "nobody", "--upstream", upstream(), "--config-dir", config.path()}).exitCode, 2);
        QCOMPARE(runHydra({"keys", "validate", "--upstream", "ftp://x", "--config-dir", config.path()}).exitCode, 2);
        VERIFY_NO_KEY_IN(config.path());
    }

    void gatewayServesWithTheKeychainKeys()
    {
        QTemporaryDir config;
        QCOMPARE(runHydra({"keys", "add", "--email", "me@example.com", "--config-dir", config.path()}, K1.toUtf8()).exitCode, 0);
        QProcess gateway;
        const QString baseUrl = startGateway(gateway, {"--upstream", upstream(), "--config-dir", config.path()});
        if (baseUrl.isEmpty())
            QFAIL(gateway.readAllStandardError().constData()); // (read only on failure: it consumes)
        QCOMPARE(chat(baseUrl), 200);
        QCOMPARE(m_fake.requests().constLast().key, K1.toUtf8());
        const QString logs = stopGateway(gateway);
        QVERIFY2(logs.contains("key=me@example.com"), qPrintable(logs));
        QVERIFY2(!logs.contains(K1), qPrintable(logs));
        VERIFY_NO_KEY_IN(config.path());
    }

    void withoutASecretServiceHydraSaysSoAndKeepsWorking()
    {
        QTemporaryDir config;
        QTemporaryDir scratch;
        QCOMPARE(runHydra({"keys", "add", "--label", "stored", "--config-dir", config.path()}, K1.toUtf8()).exitCode, 0);
        const QByteArray metadataBefore = [&config] {
            QFile f(config.filePath("keys-meta.json"));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        const QProcessEnvironment env = noBus(scratch);

        const Run add = runHydra({"keys", "add", "--config-dir", config.path()}, K2.toUtf8(), env);
        QCOMPARE(add.exitCode, 1);
        QVERIFY2(add.err.contains("Secret Service") && add.err.contains("--keys-file"), qPrintable(add.err));
        QFile metadata(config.filePath("keys-meta.json"));
        QVERIFY(metadata.open(QIODevice::ReadOnly));
        QCOMPARE(metadata.readAll(), metadataBefore); // nothing half-done
        metadata.close();

        const QString file = writeFile(scratch.filePath("keys.json"), keysJson({{K2, "b@example.com", "proj-b"}}));
        const Run setup = runHydra({"setup", "--file", file, "--upstream", upstream(), "--config-dir", config.path()}, {}, env);
        QCOMPARE(setup.exitCode, 1);
        QVERIFY2(hasWord(row(setup.out, 1), "valid"), qPrintable(setup.out));
        QVERIFY2(setup.err.contains("Secret Service") && setup.err.contains("nothing was imported"), qPrintable(setup.err));

        const Run list = runHydra({"keys", "list", "--config-dir", config.path()}, {}, env);
        QCOMPARE(list.exitCode, 1);
        QVERIFY2(row(list.out, 1).contains("stored"), qPrintable(list.out)); // what the file knows still shows
        QVERIFY2(list.err.contains("Secret Service"), qPrintable(list.err));

        // The gateway starts anyway, says why it has no keys, and answers 503 until it has some.
        QProcess gateway;
        QString printed;
        QString baseUrl = startGateway(gateway, {"--upstream", upstream(), "--config-dir", config.path()}, env, &printed);
        if (baseUrl.isEmpty())
            QFAIL(gateway.readAllStandardError().constData()); // (read only on failure: it consumes)
        QVERIFY2(printed.contains("(0 keys)"), qPrintable(printed));
        QCOMPARE(chat(baseUrl), 503);
        QString logs = stopGateway(gateway);
        QVERIFY2(logs.contains("cannot read the stored keys") && logs.contains("Secret Service") &&
                     logs.contains("--keys-file"),
                 qPrintable(logs));

        // --keys-file needs no keychain at all.
        QProcess fromFile;
        baseUrl = startGateway(fromFile, {"--keys-file", file, "--upstream", upstream(), "--config-dir", config.path()},
                               env, &printed);
        if (baseUrl.isEmpty())
            QFAIL(fromFile.readAllStandardError().constData()); // (read only on failure: it consumes)
        QVERIFY2(printed.contains("(1 keys)"), qPrintable(printed));
        QCOMPARE(chat(baseUrl), 200);
        logs = stopGateway(fromFile);
        QVERIFY2(!logs.contains("Secret Service"), qPrintable(logs));

        // A session bus with no secrets provider on it: the message says what to install.
        const QString busConfig = writeFile(
            scratch.filePath("session.conf"),
            "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
            " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
            "<busconfig>\n  <type>session</type>\n  <listen>unix:tmpdir=" + scratch.path().toUtf8() + "</listen>\n"
            "  <auth>EXTERNAL</auth>\n  <policy context=\"default\">\n    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
            "    <allow eavesdrop=\"true\"/>\n    <allow own=\"*\"/>\n  </policy>\n</busconfig>\n");
        const Run bare = runProgram(QStringLiteral(DBUS_RUN_SESSION),
                                    {"--config-file=" + busConfig, "--", QStringLiteral(HYDRA_BIN), "keys", "add",
                                     "--config-dir", config.path()},
                                    K2.toUtf8());
        QCOMPARE(bare.exitCode, 1);
        QVERIFY2(bare.err.contains("no Secret Service running: install gnome-keyring (or KeePassXC"),
                 qPrintable(bare.err));
        QVERIFY2(bare.err.contains("--keys-file"), qPrintable(bare.err));

        QCOMPARE(runHydra({"keys", "remove", "stored", "--config-dir", config.path()}).exitCode, 0);
        VERIFY_NO_KEY_IN(config.path());
    }
};

QTEST_GUILESS_MAIN(KeyCommands)
#include "tst_key_commands.moc"
