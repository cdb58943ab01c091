#include "translate/json_depth.h"

#include <QTest>

using hydra::translate::nestsDeeperThan;

class JsonDepthTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsArraysAndObjects()
    {
        QVERIFY(!nestsDeeperThan("{\"a\":[{\"b\":[1]}]}", 4));
        QVERIFY(nestsDeeperThan("{\"a\":[{\"b\":[1]}]}", 3));
        QVERIFY(nestsDeeperThan(std::string(100000, '['), 128));
    }

    void bracketsInStringsDoNotCount()
    {
        // (Plain strings: moc 6.4 misreads raw strings with escapes in them.)
        QVERIFY(!nestsDeeperThan("{\"text\":\"[[[[[[[[[[{{{{{{\"}", 2));
        QVERIFY(!nestsDeeperThan("{\"text\":\"quote \\\" then [[[[[[\"}", 2));
        QVERIFY(!nestsDeeperThan("{\"text\":\"backslash \\\\\"}, \"x\": 1}", 1));
    }

    void siblingsDoNotAddUp()
    {
        std::string wide = "[";
        for (int i = 0; i < 1000; ++i)
            wide += "[1],";
        wide += "[1]]";
        QVERIFY(!nestsDeeperThan(wide, 2));
    }

    void untrustedJsonIsBoundedAndNeverThrows()
    {
        // Google's answers go through parseBounded: a deep one would overflow the stack of
        // nlohmann's recursive dump or copy, and 1e999 makes its throwing parse throw.
        using hydra::translate::parseBounded;
        QVERIFY(parseBounded(R"({"candidates":[{"index":7}]})")["candidates"][0]["index"] == 7);
        QVERIFY(parseBounded(std::string(100'000, '[') + std::string(100'000, ']')).is_discarded());
        QVERIFY(parseBounded(R"({"usageMetadata":{"totalTokenCount":1e999}})").is_discarded());
        QVERIFY(parseBounded("not json").is_discarded());
        QVERIFY(parseBounded("").is_discarded());
        QVERIFY(!parseBounded(std::string(3, '[') + std::string(3, ']'), 3).is_discarded());
        QVERIFY(parseBounded(std::string(4, '[') + std::string(4, ']'), 3).is_discarded());
    }
};

QTEST_APPLESS_MAIN(JsonDepthTest)
#include "tst_json_depth.moc"
