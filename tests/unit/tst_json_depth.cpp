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
};

QTEST_APPLESS_MAIN(JsonDepthTest)
#include "tst_json_depth.moc"
