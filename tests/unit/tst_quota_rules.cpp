// Quota rules: what a 429 (by its quotaId scope) and a transient failure do to a (project, model).

#include "pool/quota_rules.h"

#include <QtTest>

using namespace hydra::pool;

namespace {
constexpr std::int64_t now = 1'700'000'000'000;
constexpr std::int64_t midnight = now + 5 * 3'600'000 + 12 * 60'000;
} // namespace

class TestQuotaRules : public QObject
{
    Q_OBJECT

private slots:
    void perMinuteCoolsForRetryDelay();
    void perMinuteWithoutOrWithAbsurdDelay();
    void perMinuteLearnsTheRpm();
    void perDayParksUntilMidnightWhateverTheRetryDelay();
    void noFreeTierParksForTheDayAndLearnsNothing();
    void unknownScopeWithADelayCoolsForIt();
    void bare429BacksOffExponentially();
    void transientBackoffGrowsToAMinute();
};

void TestQuotaRules::perMinuteCoolsForRetryDelay()
{
    const QuotaAction action = decideRateLimit({QuotaScope::PerMinute, 57'220, {}, false, "x"}, now, midnight, 0);
    QCOMPARE(action.kind, QuotaAction::Kind::CoolDown);
    QCOMPARE(action.untilMs, now + 57'220);
    QVERIFY(!action.bare);
    QVERIFY(!action.learnRpm);
    QVERIFY(!action.learnRpd);
}

void TestQuotaRules::perMinuteWithoutOrWithAbsurdDelay()
{
    QCOMPARE(decideRateLimit({QuotaScope::PerMinute, {}, {}, false, ""}, now, midnight, 0).untilMs, now + 60'000);
    QCOMPARE(decideRateLimit({QuotaScope::PerMinute, 0, {}, false, ""}, now, midnight, 0).untilMs, now + 1'000);
    QCOMPARE(decideRateLimit({QuotaScope::PerMinute, 64'400'000, {}, false, ""}, now, midnight, 0).untilMs,
             now + perMinuteCooldownMaxMs);
}

void TestQuotaRules::perMinuteLearnsTheRpm()
{
    const QuotaAction action = decideRateLimit({QuotaScope::PerMinute, 57'000, 10, false, ""}, now, midnight, 0);
    QCOMPARE(action.learnRpm, std::optional<std::int64_t>(10));
    QVERIFY(!action.learnRpd);
    QVERIFY(!decideRateLimit({QuotaScope::PerMinute, 57'000, 0, false, ""}, now, midnight, 0).learnRpm);
}

void TestQuotaRules::perDayParksUntilMidnightWhateverTheRetryDelay()
{
    // Google sends a retryDelay with per-day violations too (64400 s was seen): meaningless.
    const QuotaAction action = decideRateLimit({QuotaScope::PerDay, 64'400'000, 250, false, ""}, now, midnight, 0);
    QCOMPARE(action.kind, QuotaAction::Kind::ParkForDay);
    QCOMPARE(action.untilMs, midnight);
    QVERIFY(!action.noFreeTier);
    QCOMPARE(action.learnRpd, std::optional<std::int64_t>(250));
    QVERIFY(!action.learnRpm);
    QCOMPARE(decideRateLimit({QuotaScope::PerDay, 1'000, {}, false, ""}, now, midnight, 0).untilMs, midnight);
}

void TestQuotaRules::noFreeTierParksForTheDayAndLearnsNothing()
{
    for (const QuotaScope scope : {QuotaScope::PerDay, QuotaScope::PerMinute, QuotaScope::Unknown}) {
        const QuotaAction action = decideRateLimit({scope, 57'000, 0, true, "limit: 0"}, now, midnight, 3);
        QCOMPARE(action.kind, QuotaAction::Kind::ParkForDay);
        QCOMPARE(action.untilMs, midnight);
        QVERIFY(action.noFreeTier);
        QVERIFY(!action.learnRpm);
        QVERIFY(!action.learnRpd);
        QVERIFY(!action.bare);
    }
}

void TestQuotaRules::unknownScopeWithADelayCoolsForIt()
{
    const QuotaAction action = decideRateLimit({QuotaScope::Unknown, 30'000, {}, false, ""}, now, midnight, 2);
    QCOMPARE(action.kind, QuotaAction::Kind::CoolDown);
    QCOMPARE(action.untilMs, now + 30'000);
    QVERIFY(!action.bare);
}

void TestQuotaRules::bare429BacksOffExponentially()
{
    QList<std::int64_t> waits;
    for (int inARow = 0; inARow < 8; ++inARow) {
        const QuotaAction action = decideRateLimit({QuotaScope::Unknown, {}, {}, false, ""}, now, midnight, inARow);
        QCOMPARE(action.kind, QuotaAction::Kind::CoolDown);
        QVERIFY(action.bare);
        waits << action.untilMs - now;
    }
    QCOMPARE(waits, (QList<std::int64_t>{60'000, 120'000, 240'000, 480'000, 960'000, 1'800'000, 1'800'000, 1'800'000}));
}

void TestQuotaRules::transientBackoffGrowsToAMinute()
{
    QList<std::int64_t> waits;
    for (int inARow = 0; inARow <= 10; ++inARow)
        waits << transientBackoffMs(inARow);
    QCOMPARE(waits, (QList<std::int64_t>{0, 0, 1'000, 2'000, 4'000, 8'000, 16'000, 32'000, 60'000, 60'000, 60'000}));
}

QTEST_APPLESS_MAIN(TestQuotaRules)
#include "tst_quota_rules.moc"
