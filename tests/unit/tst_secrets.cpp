// Keeping API keys out of what people and logs can read: maskSecret shows enough to
// tell keys apart, redactSecrets finds Google API keys ("AIza" + 35 characters) in text.

#include "secrets.h"

#include <QtTest>

using hydra::maskSecret;
using hydra::redactSecrets;

namespace {
const std::string kKey = "AIzaSyD3xAmPlE0fAkEkEy_12345-abcdEFGHij";   // 39 characters
const std::string kOther = "AIzaSyBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB-9xyz"; // 41 characters
} // namespace

class TestSecrets : public QObject
{
    Q_OBJECT

private slots:
    void maskShowsOnlyTheEnds();
    void maskHidesShortSecretsEntirely();
    void redactKeysInText_data();
    void redactKeysInText();
    void redactLeavesNoKeyBehind();
};

void TestSecrets::maskShowsOnlyTheEnds()
{
    QCOMPARE(kKey.size(), size_t(39));
    QCOMPARE(QString::fromStdString(maskSecret(kKey)), QStringLiteral("AIza…GHij"));
}

void TestSecrets::maskHidesShortSecretsEntirely()
{
    QCOMPARE(QString::fromStdString(maskSecret("")), QStringLiteral("…"));
    QCOMPARE(QString::fromStdString(maskSecret("12345678")), QStringLiteral("…"));
}

void TestSecrets::redactKeysInText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("redacted");
    const QString key = QString::fromStdString(kKey);
    QTest::newRow("no key") << "The model is overloaded." << "The model is overloaded.";
    QTest::newRow("only the key") << key << "AIza…GHij";
    QTest::newRow("query parameter")
        << "POST /v1beta/models/gemini-2.5-flash:generateContent?key=" + key + "&alt=sse failed"
        << "POST /v1beta/models/gemini-2.5-flash:generateContent?key=AIza…GHij&alt=sse failed";
    QTest::newRow("quoted in JSON") << "{\"api_key\":\"" + key + "\"}" << "{\"api_key\":\"AIza…GHij\"}";
    QTest::newRow("end of a sentence") << "Key " + key + "." << "Key AIza…GHij.";
    QTest::newRow("two keys") << key + " and " + QString::fromStdString(kOther) << "AIza…GHij and AIza…9xyz";
    QTest::newRow("same key twice") << key + "," + key << "AIza…GHij,AIza…GHij";
    QTest::newRow("too short to be a key") << "AIzaSyShort and AIza" << "AIzaSyShort and AIza";
    QTest::newRow("38 characters") << "AIzaSyD3xAmPlE0fAkEkEy_12345-abcdEFGHi" << "AIzaSyD3xAmPlE0fAkEkEy_12345-abcdEFGHi";
}

void TestSecrets::redactKeysInText()
{
    QFETCH(QString, text);
    QFETCH(QString, redacted);
    QCOMPARE(QString::fromStdString(redactSecrets(text.toStdString())), redacted);
}

void TestSecrets::redactLeavesNoKeyBehind()
{
    const std::string text = "[" + kKey + "][" + kOther + "]" + kKey;
    const std::string out = redactSecrets(text);
    QVERIFY(out.find(kKey) == std::string::npos);
    QVERIFY(out.find(kOther) == std::string::npos);
    QVERIFY(out.find(kKey.substr(4, 20)) == std::string::npos);
}

QTEST_APPLESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
