// keys.json: a JSON array of {"email","api_key","project_id"} objects where only
// api_key is required. Sample files are in tests/fixtures/keys/.

#include "json_support.h"

#include "store/keys_file.h"

#include <QtTest>

using hydra::pool::KeyInfo;
using namespace hydra::store;
using Parsed = std::variant<std::vector<KeyInfo>, std::string>;

namespace {

Parsed parseFixture(const QString &name)
{
    const auto bytes = hydra::test::fixtureBytes(QStringLiteral("keys/") + name);
    if (!bytes)
        return std::string("fixture missing");
    return parseKeysJson(std::string_view(bytes->constData(), bytes->size()));
}

QString errorOf(const Parsed &parsed)
{
    const auto *error = std::get_if<std::string>(&parsed);
    return error ? QString::fromStdString(*error) : QString();
}

} // namespace

class TestKeysFile : public QObject
{
    Q_OBJECT

private slots:
    void validFile();
    void onlyApiKeyIsRequired();
    void labelIsEmailOrPosition();
    void malformedJsonNamesLineAndColumn();
    void malformedJsonOnTheFirstLine();
    void malformedJsonDoesNotEchoAKey();
    void numberTooLargeIsAnErrorNotACrash();
    void notAnArray();
    void missingApiKey();
    void badApiKeys_data();
    void badApiKeys();
    void entryThatIsNotAnObject();
    void readKeysFileFromDisk();
    void readKeysFileErrorsStartWithThePath();
};

void TestKeysFile::validFile()
{
    const Parsed parsed = parseFixture(QStringLiteral("valid.json"));
    QVERIFY2(std::holds_alternative<std::vector<KeyInfo>>(parsed), qPrintable(errorOf(parsed)));
    const auto &keys = std::get<std::vector<KeyInfo>>(parsed);
    QCOMPARE(keys.size(), size_t(3));
    QCOMPARE(QString::fromStdString(keys[0].secret), QStringLiteral("test-key-not-a-real-gemini-key-00000001"));
    QCOMPARE(QString::fromStdString(keys[0].email), QStringLiteral("alice@example.com"));
    QCOMPARE(QString::fromStdString(keys[0].projectId), QStringLiteral("gen-lang-client-0123456789"));
    QCOMPARE(QString::fromStdString(keys[1].secret), QStringLiteral("test-key-not-a-real-gemini-key-00000002"));
    QCOMPARE(QString::fromStdString(keys[2].secret), QStringLiteral("test-key-not-a-real-gemini-key-00000003"));
    QCOMPARE(QString::fromStdString(keys[2].email), QStringLiteral("bob@example.com"));
}

void TestKeysFile::onlyApiKeyIsRequired()
{
    const Parsed parsed = parseKeysJson(R"([{"api_key":"test-key-not-a-real-gemini-key-00000009"}])");
    QVERIFY2(std::holds_alternative<std::vector<KeyInfo>>(parsed), qPrintable(errorOf(parsed)));
    const auto &keys = std::get<std::vector<KeyInfo>>(parsed);
    QCOMPARE(keys.size(), size_t(1));
    QVERIFY(keys[0].email.empty());
    QVERIFY(keys[0].projectId.empty());
    QCOMPARE(QString::fromStdString(keys[0].label), QStringLiteral("key-1"));
}

void TestKeysFile::labelIsEmailOrPosition()
{
    const Parsed parsed = parseFixture(QStringLiteral("valid.json"));
    QVERIFY2(std::holds_alternative<std::vector<KeyInfo>>(parsed), qPrintable(errorOf(parsed)));
    const auto &keys = std::get<std::vector<KeyInfo>>(parsed);
    QCOMPARE(keys.size(), size_t(3));
    QCOMPARE(QString::fromStdString(keys[0].label), QStringLiteral("alice@example.com"));
    QCOMPARE(QString::fromStdString(keys[1].label), QStringLiteral("key-2")); // its position in the file
    QCOMPARE(QString::fromStdString(keys[2].label), QStringLiteral("bob@example.com"));
}

void TestKeysFile::malformedJsonNamesLineAndColumn()
{
    // Line 3 has 'email' in single quotes; the quote is column 5.
    const QString error = errorOf(parseFixture(QStringLiteral("malformed.json")));
    QVERIFY2(error.startsWith(QStringLiteral("malformed JSON at line 3, column 5")), qPrintable(error));
}

void TestKeysFile::malformedJsonOnTheFirstLine()
{
    const QString error = errorOf(parseKeysJson("[{\"api_key\": }]"));
    QVERIFY2(error.startsWith(QStringLiteral("malformed JSON at line 1, column 14")), qPrintable(error));
    const QString empty = errorOf(parseKeysJson(""));
    QVERIFY2(empty.startsWith(QStringLiteral("malformed JSON at line 1, column 1")), qPrintable(empty));
}

void TestKeysFile::numberTooLargeIsAnErrorNotACrash()
{
    // nlohmann throws out_of_range (not parse_error) for a number a double cannot hold.
    const QString error = errorOf(parseKeysJson(R"([{"api_key": "k", "n": 1e999}])"));
    QVERIFY2(error.contains(QStringLiteral("too large")), qPrintable(error));
}

void TestKeysFile::malformedJsonDoesNotEchoAKey()
{
    // A raw line break inside the key string: the parser's message quotes what it
    // read so far, which is the key itself. Parse errors end up on screen and in logs.
    const std::string key = "test-key-not-a-real-gemini-key-00000001";
    const QString error = errorOf(parseKeysJson("[\n  {\"api_key\": \"" + key + "\n\"}\n]"));
    // The offending line break is the 55th character of line 2.
    QVERIFY2(error.startsWith(QStringLiteral("malformed JSON at line 2, column 55")), qPrintable(error));
    QVERIFY2(!error.contains(QStringLiteral("AIza")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("must be escaped")), qPrintable(error)); // the reason stays

    // Not even the start of a key cut short by a stray control character.
    const QString cut = errorOf(parseKeysJson("[{\"api_key\": \"AIzaSyA0000\x01" "0000\"}]"));
    QVERIFY2(cut.startsWith(QStringLiteral("malformed JSON at line 1")), qPrintable(cut));
    QVERIFY2(!cut.contains(QStringLiteral("AIza")), qPrintable(cut));

    // Found by fuzzing (tests/fuzz, keys_file): a token holding "'; expected " itself was cut
    // there, and the rest of the key went into the message.
    const QString tricky = errorOf(parseKeysJson("[{\"api_key\": \"x'; expected AIzaSyA0000\x01\"}]"));
    QVERIFY2(tricky.startsWith(QStringLiteral("malformed JSON at line 1")), qPrintable(tricky));
    QVERIFY2(!tricky.contains(QStringLiteral("AIza")), qPrintable(tricky));
    // What the parser expected, after the token, stays.
    const QString inName = errorOf(parseKeysJson("[{\"AIzaSyA0000\x01\": 1}]"));
    QVERIFY2(!inName.contains(QStringLiteral("AIza")), qPrintable(inName));
    QVERIFY2(inName.endsWith(QStringLiteral("; expected string literal")), qPrintable(inName));
}

void TestKeysFile::notAnArray()
{
    const QString error = errorOf(parseFixture(QStringLiteral("not-an-array.json")));
    QVERIFY2(error.contains(QStringLiteral("JSON array")), qPrintable(error));
}

void TestKeysFile::missingApiKey()
{
    const QString error = errorOf(parseFixture(QStringLiteral("missing-api-key.json")));
    QCOMPARE(error, QStringLiteral("entry 2 has no \"api_key\" string"));
}

void TestKeysFile::badApiKeys_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error");
    QTest::newRow("number") << QByteArray(R"([{"api_key": 12345}])") << "entry 1 has no \"api_key\" string";
    QTest::newRow("null") << QByteArray(R"([{"api_key": null}])") << "entry 1 has no \"api_key\" string";
    QTest::newRow("empty") << QByteArray(R"([{"api_key": ""}])") << "entry 1 has no \"api_key\" string";
    QTest::newRow("space inside") << QByteArray(R"([{"api_key": "AIzaSyA 0001"}])")
                                  << "entry 1 has an \"api_key\" with spaces or quotes in it";
    QTest::newRow("trailing newline") << QByteArray(R"([{"api_key": "AIzaSyA0001\n"}])")
                                      << "entry 1 has an \"api_key\" with spaces or quotes in it";
}

void TestKeysFile::badApiKeys()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    QCOMPARE(errorOf(parseKeysJson(text.toStdString())), error);
}

void TestKeysFile::entryThatIsNotAnObject()
{
    QCOMPARE(errorOf(parseKeysJson(R"(["test-key-not-a-real-gemini-key-00000001"])")),
             QStringLiteral("entry 1 is not an object"));
}

void TestKeysFile::readKeysFileFromDisk()
{
    const auto parsed = readKeysFile(hydra::test::fixturePath(QStringLiteral("keys/valid.json")).toStdString());
    QVERIFY2(std::holds_alternative<std::vector<KeyInfo>>(parsed), qPrintable(errorOf(parsed)));
    QCOMPARE(std::get<std::vector<KeyInfo>>(parsed).size(), size_t(3));
}

void TestKeysFile::readKeysFileErrorsStartWithThePath()
{
    const QString missing = hydra::test::fixturePath(QStringLiteral("keys/does-not-exist.json"));
    const QString missingError = errorOf(readKeysFile(missing.toStdString()));
    QVERIFY2(missingError.startsWith(missing + QStringLiteral(": ")), qPrintable(missingError));

    const QString malformed = hydra::test::fixturePath(QStringLiteral("keys/malformed.json"));
    const QString malformedError = errorOf(readKeysFile(malformed.toStdString()));
    QVERIFY2(malformedError.startsWith(malformed + QStringLiteral(": malformed JSON at line 3, column 5")),
             qPrintable(malformedError));
}

QTEST_APPLESS_MAIN(TestKeysFile)
#include "tst_keys_file.moc"
