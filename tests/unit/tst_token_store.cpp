// Access tokens: how they are made, stored (digests only) and compared, what names they may
// have, tokens.json and its read-modify-write under a lock.

#include "store/access_token.h"
#include "store/token_store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace hydra::store;
using Listing = std::variant<std::vector<AccessToken>, std::string>;

namespace {

std::vector<AccessToken> tokensOf(const Listing &listing)
{
    const auto *tokens = std::get_if<std::vector<AccessToken>>(&listing);
    if (!tokens)
        qFatal("unexpected error: %s", std::get<std::string>(listing).c_str());
    return *tokens;
}

QByteArray createOk(const TokenStore &store, const QString &name)
{
    auto created = store.create(name);
    if (const auto *error = std::get_if<std::string>(&created))
        qFatal("create failed: %s", error->c_str());
    return std::get<QByteArray>(created);
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(bytes);
}

} // namespace

class TestTokenStore : public QObject
{
    Q_OBJECT

private slots:
    void generatedTokensAreLongRandomAndUrlSafe()
    {
        std::set<QByteArray> seen;
        const QRegularExpression shape(QStringLiteral("^hydra-[A-Za-z0-9_-]{43}$")); // 256 bits in base64url
        for (int i = 0; i < 200; ++i) {
            const QByteArray token = generateAccessToken();
            QVERIFY2(shape.match(QString::fromLatin1(token)).hasMatch(), token.constData());
            QVERIFY(seen.insert(token).second);
        }
    }

    void digestIsSha256()
    {
        // SHA-256("abc"), the FIPS 180-2 test vector.
        QCOMPARE(tokenDigest("abc").toHex(),
                 QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(tokenDigest("hydra-x").size(), 32);
    }

    void constantTimeCompare()
    {
        const QByteArray a = tokenDigest("hydra-one");
        QVERIFY(constantTimeEqual(a, tokenDigest("hydra-one")));
        QVERIFY(!constantTimeEqual(a, tokenDigest("hydra-two")));
        QByteArray lastByte = a;
        lastByte[31] = static_cast<char>(lastByte[31] ^ 1);
        QVERIFY(!constantTimeEqual(a, lastByte));
        QByteArray firstByte = a;
        firstByte[0] = static_cast<char>(firstByte[0] ^ 0x80);
        QVERIFY(!constantTimeEqual(a, firstByte));
        QVERIFY(!constantTimeEqual(a, a.left(31)));      // a prefix is not equal
        QVERIFY(!constantTimeEqual(a, a + QByteArray(1, '\0')));
        QVERIFY(!constantTimeEqual(QByteArray(), a));
        QVERIFY(constantTimeEqual(QByteArray(), QByteArray()));
    }

    void nameRules_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("ok");
        QTest::newRow("plain") << "cursor" << true;
        QTest::newRow("mixed") << "Laptop_2.work-me@home" << true;
        QTest::newRow("inner space") << "my laptop" << true;
        QTest::newRow("64 chars") << QString(64, u'a') << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("blank") << "   " << false;
        QTest::newRow("65 chars") << QString(65, u'a') << false;
        QTest::newRow("leading space") << " cursor" << false;
        QTest::newRow("slash") << "a/b" << false;
        QTest::newRow("quote") << "a\"b" << false;
        QTest::newRow("newline") << "a\nb" << false;
        QTest::newRow("non-ascii") << QStringLiteral("caf\u00e9") << false;
    }
    void nameRules()
    {
        QFETCH(QString, name);
        QFETCH(bool, ok);
        const auto problem = tokenNameProblem(name);
        QCOMPARE(!problem.has_value(), ok);
        if (problem)
            QVERIFY(!problem->empty());
    }

    void theConfigFolderBecomesPrivate()
    {
#ifndef Q_OS_UNIX
        QSKIP("Unix permission bits");
#endif
        // Made by an older version with the usual 0755: the next change of the tokens tightens it.
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("hydra"));
        QVERIFY(QDir().mkdir(folder));
        const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::ExeGroup |
                                                QFileDevice::ReadOther | QFileDevice::ExeOther;
        QVERIFY(QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                  QFileDevice::ExeOwner | others));
        TokenStore store(folder);
        createOk(store, QStringLiteral("cursor"));
        QCOMPARE(QFileInfo(folder).permissions() & (others | QFileDevice::WriteGroup | QFileDevice::WriteOther),
                 QFileDevice::Permissions());
        QCOMPARE(QFile::permissions(store.filePath()) & (others | QFileDevice::WriteGroup | QFileDevice::WriteOther),
                 QFileDevice::Permissions());
    }

    void fileHoldsDigestsNeverTokens()
    {
        QTemporaryDir dir;
        TokenStore store(dir.path());
        const QByteArray first = createOk(store, QStringLiteral("cursor"));
        const QByteArray second = createOk(store, QStringLiteral("laptop"));
        QFile file(store.filePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray stored = file.readAll();
        for (const QByteArray &token : {first, second}) {
            QVERIFY(!stored.contains(token));
            QVERIFY(!stored.contains(token.mid(6))); // not even the random part
            QVERIFY(stored.contains(tokenDigest(token).toHex()));
        }
        QCOMPARE(file.permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup), QFileDevice::Permissions());

        const auto tokens = tokensOf(store.load());
        QCOMPARE(tokens.size(), std::size_t(2));
        QCOMPARE(tokens[0].name, std::string("cursor"));
        QCOMPARE(tokens[0].sha256, tokenDigest(first).toHex().toStdString());
        QVERIFY(!tokens[0].created.empty());
        QVERIFY(tokens[0].lastUsed.empty());
    }

    void namesAreUniqueAndValidated()
    {
        QTemporaryDir dir;
        TokenStore store(dir.path());
        createOk(store, QStringLiteral("cursor"));
        const auto again = store.create(QStringLiteral("cursor"));
        QVERIFY(std::holds_alternative<std::string>(again));
        QVERIFY(std::get<std::string>(again).find("already exists") != std::string::npos);
        QVERIFY(std::holds_alternative<std::string>(store.create(QStringLiteral("bad/name"))));
        QCOMPARE(tokensOf(store.load()).size(), std::size_t(1));
    }

    void revokeRemovesOnlyThatToken()
    {
        QTemporaryDir dir;
        TokenStore store(dir.path());
        createOk(store, QStringLiteral("a"));
        createOk(store, QStringLiteral("b"));
        QCOMPARE(store.revoke(QStringLiteral("a")), std::nullopt);
        const auto tokens = tokensOf(store.load());
        QCOMPARE(tokens.size(), std::size_t(1));
        QCOMPARE(tokens[0].name, std::string("b"));
        const auto missing = store.revoke(QStringLiteral("a"));
        QVERIFY(missing.has_value());
        QVERIFY(missing->find("no access token is named 'a'") != std::string::npos);
    }

    void noFileMeansNoTokens()
    {
        QTemporaryDir dir;
        TokenStore store(dir.filePath(QStringLiteral("not-yet")));
        QVERIFY(tokensOf(store.load()).empty());
        createOk(store, QStringLiteral("first")); // creates the config dir
        QCOMPARE(tokensOf(store.load()).size(), std::size_t(1));
    }

    void recordUsesKeepsConcurrentChanges()
    {
        QTemporaryDir dir;
        TokenStore store(dir.path());
        const QByteArray a = createOk(store, QStringLiteral("a"));
        const QByteArray b = createOk(store, QStringLiteral("b"));
        // What a gateway collected before another process revoked b and created c:
        const std::map<std::string, std::string> uses = {
            {tokenDigest(a).toHex().toStdString(), "2030-01-01T00:00:00.000Z"},
            {tokenDigest(b).toHex().toStdString(), "2030-01-01T00:00:00.000Z"}};
        QCOMPARE(store.revoke(QStringLiteral("b")), std::nullopt);
        createOk(store, QStringLiteral("c"));
        QCOMPARE(store.recordUses(uses), std::nullopt);

        const auto tokens = tokensOf(store.load());
        QCOMPARE(tokens.size(), std::size_t(2));
        QCOMPARE(tokens[0].name, std::string("a"));
        QCOMPARE(tokens[0].lastUsed, std::string("2030-01-01T00:00:00.000Z"));
        QCOMPARE(tokens[1].name, std::string("c")); // created meanwhile: kept, not used
        QVERIFY(tokens[1].lastUsed.empty());

        // An older time never replaces a newer one.
        QCOMPARE(store.recordUses({{tokenDigest(a).toHex().toStdString(), "2029-01-01T00:00:00.000Z"}}), std::nullopt);
        QCOMPARE(tokensOf(store.load())[0].lastUsed, std::string("2030-01-01T00:00:00.000Z"));
    }

    void corruptFileIsAClearErrorAndIsNotOverwritten_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("{\"version\":1,\n \"tokens\": [oops]}") << "line 2";
        QTest::newRow("not an object") << QByteArray("[]") << "\"tokens\" array";
        QTest::newRow("no version") << QByteArray("{\"tokens\":[]}") << "version";
        QTest::newRow("newer") << QByteArray("{\"version\":9,\"tokens\":[]}") << "newer Hydra";
        QTest::newRow("bad digest") << QByteArray(R"({"version":1,"tokens":[{"name":"a","sha256":"xyz"}]})")
                                    << "token 1";
        QTest::newRow("duplicate") << QByteArray(
            "{\"version\":1,\"tokens\":[{\"name\":\"a\",\"sha256\":\"" + QByteArray(64, 'a') +
            "\"},{\"name\":\"a\",\"sha256\":\"" + QByteArray(64, 'b') + "\"}]}")
                                   << "repeats the name";
        QTest::newRow("empty file") << QByteArray() << "malformed JSON";
    }
    void corruptFileIsAClearErrorAndIsNotOverwritten()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        TokenStore store(dir.path());
        writeFile(store.filePath(), content);
        const Listing listing = store.load();
        QVERIFY(std::holds_alternative<std::string>(listing));
        const QString error = QString::fromStdString(std::get<std::string>(listing));
        QVERIFY2(error.contains(expected) && error.contains(QStringLiteral("tokens.json")), qPrintable(error));
        // Changes refuse to touch it rather than lose what it held.
        QVERIFY(std::holds_alternative<std::string>(store.create(QStringLiteral("new"))));
        QVERIFY(store.revoke(QStringLiteral("a")).has_value());
        QFile file(store.filePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), content);
    }

    void numberTooLargeIsAnErrorNotACrash()
    {
        // nlohmann throws out_of_range (not parse_error) for a number a double cannot hold.
        const auto parsed = parseTokens(R"({"version": 1e999, "tokens": []})");
        const auto *error = std::get_if<std::string>(&parsed);
        QVERIFY(error);
        QVERIFY2(error->find("too large") != std::string::npos, error->c_str());
    }

    void serializeRoundTrips()
    {
        const std::vector<AccessToken> tokens = {
            {"a", std::string(64, 'a'), "2025-01-01T00:00:00.000Z", ""},
            {"b c", std::string(64, 'f'), "2025-01-02T00:00:00.000Z", "2025-01-03T00:00:00.000Z"}};
        const std::string text = serializeTokens(tokens);
        const auto parsed = tokensOf(parseTokens(text));
        QCOMPARE(parsed.size(), tokens.size());
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            QCOMPARE(parsed[i].name, tokens[i].name);
            QCOMPARE(parsed[i].sha256, tokens[i].sha256);
            QCOMPARE(parsed[i].created, tokens[i].created);
            QCOMPARE(parsed[i].lastUsed, tokens[i].lastUsed);
        }
    }
};

QTEST_GUILESS_MAIN(TestTokenStore)
#include "tst_token_store.moc"
