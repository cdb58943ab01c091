// Model limits: the editable per-model defaults table, and limits learnt from Google per project.

#include "pool/model_limits.h"

#include <QtTest>

using namespace hydra::pool;

class TestModelLimits : public QObject
{
    Q_OBJECT

private slots:
    void defaultsMatchTheLongestModelPrefix();
    void freeTierDefaultsCoverTheFreeModels();
    void learntValuesWinOneByOne();
    void learntValuesArePerProjectAndModel();
    void nonsenseIsNotLearnt();
    void exemptBucketsHaveNoLimits();
};

void TestModelLimits::defaultsMatchTheLongestModelPrefix()
{
    const LimitsTable table = {{"gemini-2.5-flash", {10, 20}}, {"gemini-2.5-flash-lite", {15, 1000}}};
    QCOMPARE(defaultLimitsFor(table, "gemini-2.5-flash"), (RequestLimits{10, 20}));
    QCOMPARE(defaultLimitsFor(table, "gemini-2.5-flash-preview-09-2025"), (RequestLimits{10, 20}));
    QCOMPARE(defaultLimitsFor(table, "gemini-2.5-flash-lite"), (RequestLimits{15, 1000}));
    QCOMPARE(defaultLimitsFor(table, "gemini-2.5-flash-lite-preview-06-17"), (RequestLimits{15, 1000}));
    QCOMPARE(defaultLimitsFor(table, "gemini-2.5-flashy"), RequestLimits{}); // not at a '-'
    QCOMPARE(defaultLimitsFor(table, "gemini-2.5-pro"), RequestLimits{});
    QCOMPARE(defaultLimitsFor({}, "gemini-2.5-flash"), RequestLimits{});
}

void TestModelLimits::freeTierDefaultsCoverTheFreeModels()
{
    const LimitsTable &table = freeTierDefaults();
    QCOMPARE(defaultLimitsFor(table, "gemini-2.5-flash"), (RequestLimits{10, 20})); // RPD 20 since 2025-12-07
    QVERIFY(defaultLimitsFor(table, "gemini-2.5-flash-lite").rpm);
    QVERIFY(defaultLimitsFor(table, "gemini-3-flash-preview").rpd);
    QVERIFY(defaultLimitsFor(table, "gemini-embedding-001").rpm);
    // No free tier any more: no row, so paid keys are not held to free-tier numbers.
    QCOMPARE(defaultLimitsFor(table, "gemini-2.5-pro"), RequestLimits{});
    QCOMPARE(defaultLimitsFor(table, "gemini-3-pro-preview"), RequestLimits{});
    for (const ModelLimitRow &row : table) {
        QVERIFY(!row.model.empty());
        QVERIFY(row.limits.rpm.value_or(1) >= 1);
        QVERIFY(row.limits.rpd.value_or(1) >= 1);
    }
    QCOMPARE(ModelLimits().defaults().size(), table.size());
}

void TestModelLimits::learntValuesWinOneByOne()
{
    ModelLimits limits;
    limits.setDefaults({{"gemini-2.5-flash", {10, 20}}});
    KnownLimits known = limits.limitsFor("p", "gemini-2.5-flash");
    QCOMPARE(known.rpm, std::optional<std::int64_t>(10));
    QCOMPARE(known.rpd, std::optional<std::int64_t>(20));
    QVERIFY(!known.rpmLearnt && !known.rpdLearnt);
    limits.learnRpd("p", "gemini-2.5-flash", 250);
    known = limits.limitsFor("p", "gemini-2.5-flash");
    QCOMPARE(known.rpm, std::optional<std::int64_t>(10));
    QVERIFY(!known.rpmLearnt);
    QCOMPARE(known.rpd, std::optional<std::int64_t>(250));
    QVERIFY(known.rpdLearnt);
    limits.learnRpm("p", "gemini-2.5-flash", 5);
    QCOMPARE(limits.limitsFor("p", "gemini-2.5-flash").rpm, std::optional<std::int64_t>(5));
    // A model the table does not know still gets what was learnt.
    limits.learnRpm("p", "gemini-2.5-pro", 2);
    known = limits.limitsFor("p", "gemini-2.5-pro");
    QCOMPARE(known.rpm, std::optional<std::int64_t>(2));
    QVERIFY(!known.rpd);
}

void TestModelLimits::learntValuesArePerProjectAndModel()
{
    ModelLimits limits;
    limits.setDefaults({});
    limits.learnRpm("a", "gemini-2.5-flash", 3);
    QVERIFY(!limits.limitsFor("b", "gemini-2.5-flash").rpm);
    QVERIFY(!limits.limitsFor("a", "gemini-2.5-flash-lite").rpm);
    QCOMPARE(limits.learnt().size(), size_t(1));
    ModelLimits restored;
    restored.setLearnt(limits.learnt());
    QCOMPARE(restored.limitsFor("a", "gemini-2.5-flash").rpm, std::optional<std::int64_t>(3));
}

void TestModelLimits::nonsenseIsNotLearnt()
{
    ModelLimits limits;
    limits.setDefaults({});
    limits.learnRpm("p", "m", 0);
    limits.learnRpd("p", "m", -5);
    QVERIFY(limits.learnt().empty());
}

void TestModelLimits::exemptBucketsHaveNoLimits()
{
    ModelLimits limits;
    limits.setDefaults({{"models.list", {1, 1}}});
    limits.exempt("models.list");
    limits.learnRpm("p", "models.list", 5);
    const KnownLimits known = limits.limitsFor("p", "models.list");
    QVERIFY(!known.rpm);
    QVERIFY(!known.rpd);
    QVERIFY(limits.learnt().empty());
}

QTEST_APPLESS_MAIN(TestModelLimits)
#include "tst_model_limits.moc"
