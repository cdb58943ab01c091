// What the settings dialog's key box accepts: one key per line, email,key,project lines, a
// keys.json array; and what it says about the rest (by line, never with a whole key).

#include "keys/key_paste.h"
#include "secrets.h"

#include <QtTest>

using hydra::keys::parsePastedKeys;
using hydra::keys::PastedKeys;

namespace {

// Shaped like Google keys (39 characters), made up.
const std::string keyA = "AIzaSyA0000000000000000000000000000000a";
const std::string keyB = "AIzaSyB0000000000000000000000000000000b";
const std::string keyC = "AIzaSyC0000000000000000000000000000000c";

QStringList secretsOf(const PastedKeys &pasted)
{
    QStringList secrets;
    for (const auto &key : pasted.keys)
        secrets << QString::fromStdString(key.secret);
    return secrets;
}

QString allReasons(const PastedKeys &pasted)
{
    QStringList reasons;
    for (const auto &problem : pasted.problems)
        reasons << QString::number(problem.line) + QLatin1Char(':') + QString::fromStdString(problem.reason);
    for (const auto &duplicate : pasted.duplicates)
        reasons << QString::number(duplicate.line) + QLatin1Char(':') + QString::fromStdString(duplicate.reason);
    return reasons.join(QLatin1Char('\n'));
}

} // namespace

class TestKeyPaste : public QObject
{
    Q_OBJECT

private slots:
    void oneKeyPerLineIgnoresBlanksSpacesAndQuotes()
    {
        const auto pasted = parsePastedKeys("\n  " + keyA + "  \r\n\n\"" + keyB + "\"\n '" + keyC + "'\t\n\n");
        QCOMPARE(secretsOf(pasted), QStringList({QString::fromStdString(keyA), QString::fromStdString(keyB),
                                                 QString::fromStdString(keyC)}));
        QCOMPARE(pasted.lines, std::vector<int>({2, 4, 5}));
        QVERIFY(!pasted.malformed());
        QVERIFY(pasted.duplicates.empty());
        QVERIFY(pasted.keys[0].email.empty());
        QVERIFY(pasted.keys[0].label.empty()); // KeyRing::chooseLabel picks one when it is stored
    }

    void emailKeyProjectLines()
    {
        const auto pasted = parsePastedKeys("email,api_key,project_id\n"
                                            "a@example.com, " + keyA + " ,proj-a\n"
                                            "\"b@example.com\",\"" + keyB + "\",\"proj-b\"\n");
        QVERIFY2(!pasted.malformed(), qPrintable(allReasons(pasted)));
        QCOMPARE(pasted.keys.size(), std::size_t(2));
        QCOMPARE(pasted.keys[0].email, std::string("a@example.com"));
        QCOMPARE(pasted.keys[0].secret, keyA);
        QCOMPARE(pasted.keys[0].projectId, std::string("proj-a"));
        QCOMPARE(pasted.keys[1].email, std::string("b@example.com"));
        QCOMPARE(pasted.keys[1].projectId, std::string("proj-b"));
        QCOMPARE(pasted.lines, std::vector<int>({2, 3}));
    }

    void tabSeparatedLinesAndEmptyOptionalFields()
    {
        const auto pasted = parsePastedKeys("a@example.com\t" + keyA + "\tproj-a\n," + keyB + ",\n");
        QVERIFY2(!pasted.malformed(), qPrintable(allReasons(pasted)));
        QCOMPARE(pasted.keys.size(), std::size_t(2));
        QCOMPARE(pasted.keys[0].projectId, std::string("proj-a"));
        QVERIFY(pasted.keys[1].email.empty());
        QVERIFY(pasted.keys[1].projectId.empty());
    }

    void keysJsonArray()
    {
        const auto pasted = parsePastedKeys("[\n  {\"email\": \"a@example.com\", \"api_key\": \"" + keyA +
                                            "\", \"project_id\": \"p1\"},\n\n  {\"api_key\": \"" + keyB + "\"}\n]");
        QVERIFY2(!pasted.malformed(), qPrintable(allReasons(pasted)));
        QCOMPARE(secretsOf(pasted), QStringList({QString::fromStdString(keyA), QString::fromStdString(keyB)}));
        QCOMPARE(pasted.keys[0].email, std::string("a@example.com"));
        QCOMPARE(pasted.keys[0].projectId, std::string("p1"));
        QCOMPARE(pasted.lines, std::vector<int>({2, 4}));
    }

    void malformedJsonIsOneProblemWithoutTheKey()
    {
        const auto pasted = parsePastedKeys("[{\"api_key\": \"" + keyA + "\"");
        QVERIFY(pasted.malformed());
        QVERIFY(pasted.keys.empty());
        QCOMPARE(pasted.problems.size(), std::size_t(1));
        QCOMPARE(pasted.problems[0].line, 0);
        QVERIFY2(QString::fromStdString(pasted.problems[0].reason).contains(QStringLiteral("line 1")),
                 pasted.problems[0].reason.c_str());
        QVERIFY(pasted.problems[0].reason.find(keyA) == std::string::npos);
    }

    void badLinesNamedByLineWithoutTheKey()
    {
        const std::string withSpace = "AIzaSyD00000000 0000000000000000000000d";
        const auto pasted = parsePastedKeys(keyA + "\n" + withSpace + "\nnot-an-email," + keyB + ",p\n" + keyC +
                                            ",p\n");
        QCOMPARE(secretsOf(pasted), QStringList({QString::fromStdString(keyA)}));
        QCOMPARE(pasted.problems.size(), std::size_t(3));
        QCOMPARE(pasted.problems[0].line, 2);
        QVERIFY(QString::fromStdString(pasted.problems[0].reason).contains(QStringLiteral("spaces")));
        QCOMPARE(pasted.problems[1].line, 3);
        QVERIFY(QString::fromStdString(pasted.problems[1].reason).contains(QStringLiteral("email")));
        QCOMPARE(pasted.problems[2].line, 4);
        QVERIFY(QString::fromStdString(pasted.problems[2].reason).contains(QStringLiteral("2 fields")));
        for (const std::string &secret : {keyA, keyB, keyC, withSpace})
            QVERIFY(allReasons(pasted).toStdString().find(secret) == std::string::npos);
    }

    void duplicatesFlaggedMaskedAndKeptOnce()
    {
        hydra::store::StoredKey stored;
        stored.id = hydra::fingerprintSecret(keyC);
        stored.label = "work";
        const auto pasted = parsePastedKeys(keyA + "\n" + keyB + "\nx@example.com," + keyA + ",p\n" + keyC + "\n",
                                            {stored});
        QCOMPARE(secretsOf(pasted), QStringList({QString::fromStdString(keyA), QString::fromStdString(keyB)}));
        QVERIFY(!pasted.malformed());
        QCOMPARE(pasted.duplicates.size(), std::size_t(2));
        QCOMPARE(pasted.duplicates[0].line, 3);
        QCOMPARE(QString::fromStdString(pasted.duplicates[0].reason),
                 QStringLiteral("the same key (%1) as line 1").arg(QString::fromStdString(hydra::maskSecret(keyA))));
        QCOMPARE(pasted.duplicates[1].line, 4);
        QVERIFY(QString::fromStdString(pasted.duplicates[1].reason).contains(QStringLiteral("stored already, as work")));
        QVERIFY(allReasons(pasted).toStdString().find(keyA) == std::string::npos);
        QVERIFY(allReasons(pasted).toStdString().find(keyC) == std::string::npos);
    }

    void emptyPasteHasNothing()
    {
        const auto pasted = parsePastedKeys(" \n\t\n");
        QVERIFY(pasted.keys.empty());
        QVERIFY(!pasted.malformed());
    }
};

QTEST_GUILESS_MAIN(TestKeyPaste)
#include "tst_key_paste.moc"
