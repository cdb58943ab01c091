// KeyPool: which Gemini key serves a request, and what an outcome does to that key's
// (project, model) quota. Time is a ManualClock moved by hand: no test sleeps.

#include "pool/key_pool.h"
#include "secrets.h"

#include <QDateTime>
#include <QTimeZone>
#include <QtTest>

#include <algorithm>

using namespace hydra::pool;

namespace {

const std::string kFlash = "gemini-2.5-flash";
const std::string kPro = "gemini-2.5-pro";

std::int64_t utc(int year, int month, int day, int hour, int minute = 0, int second = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second), QTimeZone::utc()).toMSecsSinceEpoch();
}

std::vector<KeyInfo> keys(int count, const std::vector<std::string> &projects = {})
{
    std::vector<KeyInfo> out;
    for (int i = 0; i < count; ++i) {
        // Realistic 39-character keys that differ in their last characters.
        const std::string secret = "AIzaSyA0000000000000000000000000000000" + std::to_string(i);
        out.push_back({secret, "key-" + std::to_string(i + 1), i < int(projects.size()) ? projects[i] : "", {}, {}});
    }
    return out;
}

// A pool of `count` keys with no default limits (tests that budget set their own).
struct Fixture
{
    explicit Fixture(int count, std::int64_t startMs = 1'700'000'000'000, const std::vector<std::string> &projects = {})
        : clock(startMs), pool(clock)
    {
        pool.setDefaultLimits({});
        pool.setKeys(keys(count, projects));
    }
    ManualClock clock;
    KeyPool pool;
};

// The picked key index, or -1 when the pool is exhausted.
int picked(const std::variant<int, PoolExhausted> &result)
{
    return std::holds_alternative<int>(result) ? std::get<int>(result) : -1;
}

PoolExhausted exhausted(const std::variant<int, PoolExhausted> &result)
{
    if (!std::holds_alternative<PoolExhausted>(result))
        qFatal("expected the pool to be exhausted, got key %d", std::get<int>(result));
    return std::get<PoolExhausted>(result);
}

RateLimitReport perMinute(std::optional<std::int64_t> delayMs = 57'000, std::optional<std::int64_t> value = {})
{
    return {QuotaScope::PerMinute, delayMs, value, false, "You exceeded your current quota (per minute)"};
}

RateLimitReport perDay(std::optional<std::int64_t> value = {})
{
    return {QuotaScope::PerDay, 64'400'000, value, false, "You exceeded your current quota (per day)"};
}

RateLimitReport noFreeTier()
{
    return {QuotaScope::PerDay, 57'000, {}, true, "Quota exceeded ... limit: 0, model: gemini-2.5-pro"};
}

RateLimitReport bare()
{
    return {QuotaScope::Unknown, {}, {}, false, "Resource has been exhausted (e.g. check quota)."};
}

const ModelSnapshot &row(const std::vector<KeySnapshot> &snapshot, int key, const std::string &model)
{
    const ModelSnapshot *found = snapshot.at(key).model(model);
    if (!found)
        qFatal("no row for key %d model %s", key, model.c_str());
    return *found;
}

} // namespace

class TestKeyPool : public QObject
{
    Q_OBJECT

private slots:
    // Choice
    void noKeys();
    void leastRecentlyUsedRotation();
    void untriedKeysComeFirst();
    void triedKeyIsReusedWhenNothingElseIsLeft();
    void preferredKeyWinsWhileItCanServe();
    void mostHeadroomFirstThenLeastRecentlyUsed();

    // Per-minute 429s
    void perMinuteCoolsOnlyThatKeyAndModel();
    void perMinuteCooldownExpiresAfterRetryDelay();
    void perMinuteWithoutDelayCoolsForAMinute();
    void bare429BacksOffExponentiallyFromAMinute();
    void allCoolingDownSaysWhenTheFirstKeyFrees();

    // Per-day 429s and "limit: 0"
    void perDayParksOnlyThatModelUntilPacificMidnight();
    void perDayParkingEndsAtMidnightAfterSpringForward();
    void perDayParkingLasts25HoursOnTheFallBackDay();
    void noFreeTierParksForTheDayAndSaysSo();
    void dayExhaustionOnlyWhenNoKeyComesBackSooner();

    // Projects
    void siblingKeysShareTheirProjectsQuota();
    void keyWithoutProjectIsItsOwnProject();

    // Limits and budgets
    void learntLimitsWinOverDefaults();
    void learntLimitsArePerProject();
    void proactiveSkippingAtThePerMinuteLimit();
    void proactiveSkippingAtThePerDayLimitUntilMidnight();
    void exemptBucketIsNeverBudgeted();
    void refundedRequestsDoNotCountAgainstTheBudget();
    void forgottenModelsAreEvictedBeyondTheCap();

    // Transient failures and dead keys
    void transientFailuresBackOffButNeverKill();
    void successEndsTheBackoff();
    void deadKeyIsNeverPickedAgain();
    void allDead();
    void deadAndCoolingIsCoolingDown();
    void deadKeyStaysDeadAcrossSetKeysUntilValidated();
    void keysChangeWhileRequestsAreInFlight();
    void aKeyValidatedAfterItDiedIsAliveAgain();
    void theSameKeyTwiceIsOneKey();

    // Snapshot and persistence
    void snapshotMasksKeysAndCountsOutcomes();
    void snapshotRowsShowUsageLimitsStateAndSeries();
    void exportedStateRestoresParkingCountersAndLimits();
    void changeListenerHearsEveryChange();
    void nextChangeIsWhenTheSnapshotChangesByItself();
};

void TestKeyPool::nextChangeIsWhenTheSnapshotChangesByItself()
{
    Fixture f(2, utc(2026, 1, 16, 4)); // 20:00 PST
    QVERIFY(!f.pool.nextChangeMs());
    f.pool.pick(kFlash, {});
    // The request leaves the sliding minute 61 s later (it was on a whole second).
    QCOMPARE(f.pool.nextChangeMs(), std::optional<std::int64_t>(f.clock.nowMs() + 61'000));
    f.pool.recordRateLimited(0, kFlash, perMinute(20'000));
    QCOMPARE(f.pool.nextChangeMs(), std::optional<std::int64_t>(f.clock.nowMs() + 20'000));
    f.pool.recordTransient(1, kPro, "overloaded");
    f.pool.recordTransient(1, kPro, "overloaded");
    QCOMPARE(f.pool.nextChangeMs(), std::optional<std::int64_t>(f.clock.nowMs() + 1'000));
    // Later only the new Pacific day is left to change "requests today".
    f.clock.advance(3'600'000);
    QCOMPARE(f.pool.nextChangeMs(), std::optional<std::int64_t>(utc(2026, 1, 16, 8)));
    f.clock.advance(3 * 3'600'000);
    QVERIFY(!f.pool.nextChangeMs());
}

void TestKeyPool::noKeys()
{
    ManualClock clock;
    KeyPool pool(clock);
    QCOMPARE(exhausted(pool.pick(kFlash, {})).reason, PoolExhausted::Reason::NoKeys);
}

void TestKeyPool::leastRecentlyUsedRotation()
{
    Fixture f(3);
    QList<int> order;
    for (int i = 0; i < 7; ++i)
        order << picked(f.pool.pick(kFlash, {}));
    QCOMPARE(order, (QList<int>{0, 1, 2, 0, 1, 2, 0}));
}

void TestKeyPool::untriedKeysComeFirst()
{
    Fixture f(3);
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 0);
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 1);
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 2);
    // Key 0 is now the least recently used, but this request already tried it.
    QCOMPARE(picked(f.pool.pick(kFlash, {0})), 1);
    QCOMPARE(picked(f.pool.pick(kFlash, {0, 1})), 2);
}

void TestKeyPool::triedKeyIsReusedWhenNothingElseIsLeft()
{
    Fixture f(2);
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 0);
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 1);
    // Both tried (say, two transient 503s): the least recently used comes back.
    QCOMPARE(picked(f.pool.pick(kFlash, {0, 1})), 0);
}

void TestKeyPool::preferredKeyWinsWhileItCanServe()
{
    Fixture f(3);
    f.pool.setDefaultLimits({{kFlash, {2, {}}}});
    QCOMPARE(picked(f.pool.pick(kFlash, {}, 2)), 2);
    QCOMPARE(picked(f.pool.pick(kFlash, {}, 2)), 2);
    // At its per-minute limit the pinned key is skipped, not waited for.
    QCOMPARE(picked(f.pool.pick(kFlash, {}, 2)), 0);
    // Nor is it used twice by one request.
    QCOMPARE(picked(f.pool.pick(kPro, {1}, 1)), 2);
}

void TestKeyPool::mostHeadroomFirstThenLeastRecentlyUsed()
{
    // Two projects: Google told us project A allows 3 requests a minute; B has the default 10.
    Fixture f(2, 1'700'000'000'000, {"project-a", "project-b"});
    f.pool.setDefaultLimits({{kFlash, {10, {}}}});
    f.pool.recordRateLimited(0, kFlash, perMinute(1'000, 3));
    f.clock.advance(1'000);
    QCOMPARE(f.pool.limitsFor(0, kFlash).rpm, std::optional<std::int64_t>(3));
    // B has more headroom until both have 3 left; then the least recently used (A) goes first.
    QList<int> order;
    for (int i = 0; i < 9; ++i)
        order << picked(f.pool.pick(kFlash, {}));
    QCOMPARE(order, (QList<int>{1, 1, 1, 1, 1, 1, 1, 0, 1}));
}

void TestKeyPool::perMinuteCoolsOnlyThatKeyAndModel()
{
    Fixture f(3);
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 0);
    f.pool.recordRateLimited(0, kFlash, perMinute());
    QList<int> order;
    for (int i = 0; i < 4; ++i)
        order << picked(f.pool.pick(kFlash, {}));
    QCOMPARE(order, (QList<int>{1, 2, 1, 2}));
    // Gemini quota is per project and model: a flash 429 says nothing about pro.
    QCOMPARE(picked(f.pool.pick(kPro, {1, 2})), 0);
}

void TestKeyPool::perMinuteCooldownExpiresAfterRetryDelay()
{
    Fixture f(1);
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 0);
    f.pool.recordRateLimited(0, kFlash, perMinute(57'000));
    f.clock.advance(56'999);
    const PoolExhausted e = exhausted(f.pool.pick(kFlash, {}));
    QCOMPARE(e.reason, PoolExhausted::Reason::AllCoolingDown);
    QCOMPARE(e.retryAfterMs, std::int64_t(1));
    f.clock.advance(1);
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 0);
}

void TestKeyPool::perMinuteWithoutDelayCoolsForAMinute()
{
    Fixture f(1);
    f.pool.recordRateLimited(0, kFlash, perMinute(std::nullopt));
    QCOMPARE(exhausted(f.pool.pick(kFlash, {})).retryAfterMs, std::int64_t(60'000));
    f.clock.advance(60'000);
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 0);
}

void TestKeyPool::bare429BacksOffExponentiallyFromAMinute()
{
    Fixture f(1);
    QList<std::int64_t> waits;
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(picked(f.pool.pick(kFlash, {})), 0);
        f.pool.recordRateLimited(0, kFlash, bare());
        const PoolExhausted e = exhausted(f.pool.pick(kFlash, {}));
        QCOMPARE(e.reason, PoolExhausted::Reason::AllCoolingDown);
        waits << e.retryAfterMs;
        f.clock.advance(e.retryAfterMs);
    }
    QCOMPARE(waits, (QList<std::int64_t>{60'000, 120'000, 240'000}));
    // A success ends the streak: the next bare 429 waits a minute again.
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 0);
    f.pool.recordSuccess(0, kFlash);
    f.pool.recordRateLimited(0, kFlash, bare());
    QCOMPARE(exhausted(f.pool.pick(kFlash, {})).retryAfterMs, std::int64_t(60'000));
}

void TestKeyPool::allCoolingDownSaysWhenTheFirstKeyFrees()
{
    Fixture f(3);
    f.pool.recordRateLimited(0, kFlash, perMinute(30'000));
    f.pool.recordRateLimited(1, kFlash, perMinute(10'000));
    f.pool.recordRateLimited(2, kFlash, perMinute(20'000));
    f.clock.advance(4'000);
    const PoolExhausted e = exhausted(f.pool.pick(kFlash, {}));
    QCOMPARE(e.reason, PoolExhausted::Reason::AllCoolingDown);
    QVERIFY(!e.perDay());
    QCOMPARE(e.retryAfterMs, std::int64_t(6'000)); // key 1: 10 s - 4 s
    QCOMPARE(e.untilMs, f.clock.nowMs() + 6'000);
    f.clock.advance(6'000);
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 1);
}

void TestKeyPool::perDayParksOnlyThatModelUntilPacificMidnight()
{
    // 20:00 PST on 2026-01-15 is 04:00 UTC on the 16th; midnight Pacific is 08:00 UTC.
    Fixture f(1, utc(2026, 1, 16, 4));
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 0);
    f.pool.recordRateLimited(0, kFlash, perDay()); // its retryDelay (17.9 h) is ignored
    const PoolExhausted e = exhausted(f.pool.pick(kFlash, {}));
    QCOMPARE(e.reason, PoolExhausted::Reason::AllParkedForDay);
    QVERIFY(e.perDay());
    QVERIFY(!e.noFreeTier);
    QCOMPARE(e.untilMs, utc(2026, 1, 16, 8));
    QCOMPARE(e.retryAfterMs, std::int64_t(4 * 3'600'000));
    // Another model of the same key is untouched.
    QCOMPARE(picked(f.pool.pick(kPro, {})), 0);
    f.clock.advance(4 * 3'600'000 - 1);
    QVERIFY(std::holds_alternative<PoolExhausted>(f.pool.pick(kFlash, {})));
    f.clock.advance(1);
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 0);
}

void TestKeyPool::perDayParkingEndsAtMidnightAfterSpringForward()
{
    // 2026-03-08 is the spring-forward day: noon PDT is 19:00 UTC, and the next midnight
    // (00:00 PDT on the 9th) is 07:00 UTC, not 08:00.
    Fixture f(1, utc(2026, 3, 8, 19));
    f.pool.recordRateLimited(0, kFlash, perDay());
    const PoolExhausted e = exhausted(f.pool.pick(kFlash, {}));
    QCOMPARE(e.untilMs, utc(2026, 3, 9, 7));
    QCOMPARE(e.retryAfterMs, std::int64_t(12 * 3'600'000));
    // The day before, parking at 20:00 PST ends at 00:00 PST (08:00 UTC).
    Fixture before(1, utc(2026, 3, 8, 4));
    before.pool.recordRateLimited(0, kFlash, perDay());
    QCOMPARE(exhausted(before.pool.pick(kFlash, {})).untilMs, utc(2026, 3, 8, 8));
}

void TestKeyPool::perDayParkingLasts25HoursOnTheFallBackDay()
{
    // 2026-11-01 00:00 PDT (07:00 UTC) to 2026-11-02 00:00 PST (08:00 UTC): a 25-hour day.
    Fixture f(1, utc(2026, 11, 1, 7));
    f.pool.recordRateLimited(0, kFlash, perDay());
    const PoolExhausted e = exhausted(f.pool.pick(kFlash, {}));
    QCOMPARE(e.untilMs, utc(2026, 11, 2, 8));
    QCOMPARE(e.retryAfterMs, std::int64_t(25 * 3'600'000));
}

void TestKeyPool::noFreeTierParksForTheDayAndSaysSo()
{
    Fixture f(2, utc(2026, 1, 16, 4));
    f.pool.recordRateLimited(0, kPro, noFreeTier());
    f.pool.recordRateLimited(1, kPro, noFreeTier());
    const PoolExhausted e = exhausted(f.pool.pick(kPro, {}));
    QCOMPARE(e.reason, PoolExhausted::Reason::AllParkedForDay);
    QVERIFY(e.noFreeTier);
    QCOMPARE(e.untilMs, utc(2026, 1, 16, 8));
    const auto snapshot = f.pool.snapshot();
    const ModelSnapshot &pro = row(snapshot, 0, kPro);
    QCOMPARE(pro.state, QuotaState::ParkedForDay);
    QVERIFY(pro.noFreeTier);
    QVERIFY(!pro.limitReached);
    QCOMPARE(pro.untilMs, utc(2026, 1, 16, 8));
    QVERIFY(QString::fromStdString(pro.lastError).contains("limit: 0"));
    // Flash is still served.
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 0);
    // One key with a real daily exhaustion: the pool is not "no free tier" any more.
    Fixture mixed(2, utc(2026, 1, 16, 4));
    mixed.pool.recordRateLimited(0, kPro, noFreeTier());
    mixed.pool.recordRateLimited(1, kPro, perDay());
    QVERIFY(!exhausted(mixed.pool.pick(kPro, {})).noFreeTier);
}

void TestKeyPool::dayExhaustionOnlyWhenNoKeyComesBackSooner()
{
    Fixture f(2, utc(2026, 1, 16, 4));
    f.pool.recordRateLimited(0, kFlash, perDay());
    f.pool.recordRateLimited(1, kFlash, perMinute(30'000));
    const PoolExhausted e = exhausted(f.pool.pick(kFlash, {}));
    QCOMPARE(e.reason, PoolExhausted::Reason::AllCoolingDown);
    QCOMPARE(e.retryAfterMs, std::int64_t(30'000));
    f.clock.advance(30'000);
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 1);
    // A day-parked project that also cools down is still parked for the day.
    Fixture both(1, utc(2026, 1, 16, 4));
    both.pool.recordRateLimited(0, kFlash, perMinute(30'000));
    both.pool.recordRateLimited(0, kFlash, perDay());
    QCOMPARE(exhausted(both.pool.pick(kFlash, {})).reason, PoolExhausted::Reason::AllParkedForDay);
}

void TestKeyPool::siblingKeysShareTheirProjectsQuota()
{
    Fixture f(3, 1'700'000'000'000, {"shared", "shared", "other"});
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 0);
    f.pool.recordRateLimited(0, kFlash, perMinute(57'000));
    // Key 1 is in the same project: cooling too. Only key 2 serves flash.
    for (int i = 0; i < 3; ++i)
        QCOMPARE(picked(f.pool.pick(kFlash, {})), 2);
    QCOMPARE(picked(f.pool.pick(kPro, {1, 2})), 0); // another model: the project is fine
    const auto snapshot = f.pool.snapshot();
    QCOMPARE(row(snapshot, 1, kFlash).state, QuotaState::CoolingDown);
    QCOMPARE(snapshot[0].projectKeys, 2);
    QCOMPARE(snapshot[2].projectKeys, 1);
    // Their requests count against one budget.
    QCOMPARE(row(snapshot, 0, kFlash).requestsToday, 1u);
    QCOMPARE(row(snapshot, 1, kFlash).requestsToday, 1u);
    QCOMPARE(row(snapshot, 2, kFlash).requestsToday, 3u);
}

void TestKeyPool::keyWithoutProjectIsItsOwnProject()
{
    Fixture f(3, 1'700'000'000'000, {"", "", "p"});
    f.pool.recordRateLimited(0, kFlash, perMinute(57'000));
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 1);
}

void TestKeyPool::learntLimitsWinOverDefaults()
{
    Fixture f(1, utc(2026, 1, 16, 4));
    f.pool.setDefaultLimits({{kFlash, {10, 20}}});
    KnownLimits limits = f.pool.limitsFor(0, kFlash);
    QCOMPARE(limits.rpm, std::optional<std::int64_t>(10));
    QVERIFY(!limits.rpmLearnt);
    f.pool.recordRateLimited(0, kFlash, perMinute(1'000, 4));
    f.clock.advance(1'000);
    limits = f.pool.limitsFor(0, kFlash);
    QCOMPARE(limits.rpm, std::optional<std::int64_t>(4));
    QVERIFY(limits.rpmLearnt);
    QCOMPARE(limits.rpd, std::optional<std::int64_t>(20)); // each limit on its own
    QVERIFY(!limits.rpdLearnt);
    // The learnt limit is budgeted: four requests, then the key waits for the window.
    for (int i = 0; i < 4; ++i)
        QCOMPARE(picked(f.pool.pick(kFlash, {})), 0);
    QCOMPARE(exhausted(f.pool.pick(kFlash, {})).reason, PoolExhausted::Reason::AllCoolingDown);
    // A per-day 429 teaches the daily limit.
    f.pool.recordRateLimited(0, kFlash, perDay(250));
    limits = f.pool.limitsFor(0, kFlash);
    QCOMPARE(limits.rpd, std::optional<std::int64_t>(250));
    QVERIFY(limits.rpdLearnt);
    // "limit: 0" teaches nothing: it is a parking, not a budget.
    f.pool.recordRateLimited(0, kPro, noFreeTier());
    QVERIFY(!f.pool.limitsFor(0, kPro).rpd);
}

void TestKeyPool::learntLimitsArePerProject()
{
    Fixture f(2, 1'700'000'000'000, {"a", "b"});
    f.pool.setDefaultLimits({{kFlash, {10, {}}}});
    f.pool.recordRateLimited(0, kFlash, perMinute(1'000, 2));
    QCOMPARE(f.pool.limitsFor(0, kFlash).rpm, std::optional<std::int64_t>(2));
    QCOMPARE(f.pool.limitsFor(1, kFlash).rpm, std::optional<std::int64_t>(10));
    QVERIFY(!f.pool.limitsFor(0, kPro).rpm);
}

void TestKeyPool::proactiveSkippingAtThePerMinuteLimit()
{
    Fixture f(2);
    f.pool.setDefaultLimits({{kFlash, {2, {}}}});
    QList<int> order;
    for (int i = 0; i < 4; ++i) {
        order << picked(f.pool.pick(kFlash, {}));
        f.clock.advance(100);
    }
    QCOMPARE(order, (QList<int>{0, 1, 0, 1}));
    // Both keys are at 2 requests in the last minute: the fifth waits, without any 429.
    const PoolExhausted e = exhausted(f.pool.pick(kFlash, {}));
    QCOMPARE(e.reason, PoolExhausted::Reason::AllCoolingDown);
    // Requests leave the window a whole second at a time, 60 s after their second ended.
    QCOMPARE(e.retryAfterMs, std::int64_t(61'000 - 400));
    const auto snapshot = f.pool.snapshot();
    QCOMPARE(row(snapshot, 0, kFlash).state, QuotaState::CoolingDown);
    QVERIFY(row(snapshot, 0, kFlash).limitReached);
    QCOMPARE(row(snapshot, 0, kFlash).requestsThisMinute, 2u);
    f.clock.advance(e.retryAfterMs);
    QVERIFY(picked(f.pool.pick(kFlash, {})) >= 0);
}

void TestKeyPool::proactiveSkippingAtThePerDayLimitUntilMidnight()
{
    Fixture f(1, utc(2026, 1, 16, 4)); // 20:00 PST
    f.pool.setDefaultLimits({{kFlash, {{}, 3}}});
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(picked(f.pool.pick(kFlash, {})), 0);
        f.clock.advance(3'600'000);
    }
    const PoolExhausted e = exhausted(f.pool.pick(kFlash, {})); // 23:00 PST
    QCOMPARE(e.reason, PoolExhausted::Reason::AllParkedForDay);
    QCOMPARE(e.untilMs, utc(2026, 1, 16, 8));
    QCOMPARE(e.retryAfterMs, std::int64_t(3'600'000));
    QVERIFY(f.pool.snapshot()[0].models[0].limitReached);
    f.clock.advance(3'600'000); // midnight Pacific: a new day, a new budget
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 0);
    QCOMPARE(row(f.pool.snapshot(), 0, kFlash).requestsToday, 1u);
}

void TestKeyPool::exemptBucketIsNeverBudgeted()
{
    Fixture f(1);
    f.pool.setDefaultLimits({{"models.list", {1, 1}}});
    f.pool.exemptFromBudget("models.list");
    for (int i = 0; i < 5; ++i)
        QCOMPARE(picked(f.pool.pick("models.list", {})), 0);
    f.pool.recordRateLimited(0, "models.list", perMinute(1'000, 1));
    QVERIFY(!f.pool.limitsFor(0, "models.list").rpm);
    // A 429 still cools it down.
    QVERIFY(std::holds_alternative<PoolExhausted>(f.pool.pick("models.list", {})));
}

void TestKeyPool::refundedRequestsDoNotCountAgainstTheBudget()
{
    Fixture f(1, utc(2026, 1, 16, 4));
    f.pool.setDefaultLimits({{kFlash, {{}, 2}}});
    // Two requests Google refused as malformed (or failed with a 5xx) leave the day's budget whole.
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(picked(f.pool.pick(kFlash, {})), 0);
        f.pool.refund(0, kFlash);
    }
    QCOMPARE(row(f.pool.snapshot(), 0, kFlash).requestsToday, 0u);
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 0);
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 0);
    QCOMPARE(exhausted(f.pool.pick(kFlash, {})).reason, PoolExhausted::Reason::AllParkedForDay);
    QCOMPARE(f.pool.snapshot()[0].requests, std::uint64_t(4)); // still sent, and shown as such
    f.pool.refund(0, kPro); // nothing to take back: no harm
}

void TestKeyPool::forgottenModelsAreEvictedBeyondTheCap()
{
    Fixture f(1);
    f.pool.recordRateLimited(0, "model-cooling", perMinute(600'000));
    for (size_t i = 0; i < KeyPool::maxModelsPerProject + 10; ++i) {
        QCOMPARE(picked(f.pool.pick("model-" + std::to_string(i), {})), 0);
        f.clock.advance(1);
    }
    const auto snapshot = f.pool.snapshot();
    QCOMPARE(snapshot[0].models.size(), KeyPool::maxModelsPerProject);
    QVERIFY(snapshot[0].model("model-cooling")); // holding a cooldown: kept
    QVERIFY(!snapshot[0].model("model-0"));      // the least recently used go first
    QVERIFY(snapshot[0].model("model-73"));
}

void TestKeyPool::transientFailuresBackOffButNeverKill()
{
    Fixture f(2);
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 0);
    f.pool.recordTransient(0, kFlash, "The model is overloaded.");
    // One failure: the request moves on, but the key is not held back.
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 1);
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 0);
    f.pool.recordTransient(0, kFlash, "The model is overloaded.");
    // Two in a row: backed off for a second, used only if nothing else can serve.
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 1);
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 1);
    QCOMPARE(picked(f.pool.pick(kFlash, {1})), 0);
    auto snapshot = f.pool.snapshot();
    QCOMPARE(row(snapshot, 0, kFlash).state, QuotaState::BackingOff);
    QCOMPARE(row(snapshot, 0, kFlash).untilMs, f.clock.nowMs() + 1'000);
    QCOMPARE(row(snapshot, 1, kFlash).state, QuotaState::Healthy);
    // Another model is not affected.
    QCOMPARE(picked(f.pool.pick(kPro, {1})), 0);
    f.clock.advance(1'000);
    QCOMPARE(row(f.pool.snapshot(), 0, kFlash).state, QuotaState::Healthy);

    // A lone key that keeps failing keeps serving: never killed.
    Fixture lone(1);
    for (int i = 0; i < 20; ++i) {
        QCOMPARE(picked(lone.pool.pick(kFlash, {})), 0);
        lone.pool.recordTransient(0, kFlash, "The model is overloaded.");
    }
    QCOMPARE(picked(lone.pool.pick(kFlash, {})), 0);
    snapshot = lone.pool.snapshot();
    QCOMPARE(snapshot.at(0).dead, false);
    QCOMPARE(snapshot.at(0).failures, std::uint64_t(20));
    QCOMPARE(row(snapshot, 0, kFlash).untilMs, lone.clock.nowMs() + 60'000); // capped at a minute
}

void TestKeyPool::successEndsTheBackoff()
{
    Fixture f(2);
    f.pool.recordTransient(0, kFlash, "overloaded");
    f.pool.recordTransient(0, kFlash, "overloaded");
    f.pool.recordSuccess(0, kFlash);
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 0);
    QCOMPARE(row(f.pool.snapshot(), 0, kFlash).state, QuotaState::Healthy);
    QVERIFY(row(f.pool.snapshot(), 0, kFlash).lastError.empty());
}

void TestKeyPool::deadKeyIsNeverPickedAgain()
{
    Fixture f(3);
    f.pool.recordDead(1, "API key not valid.");
    for (int i = 0; i < 10; ++i) {
        QVERIFY(picked(f.pool.pick(kFlash, {})) != 1);
        QVERIFY(picked(f.pool.pick(kPro, {})) != 1);
        f.clock.advance(24LL * 3600 * 1000); // not even a day later
    }
}

void TestKeyPool::allDead()
{
    Fixture f(2);
    f.pool.recordDead(0, "leaked");
    f.pool.recordDead(1, "expired");
    QCOMPARE(exhausted(f.pool.pick(kFlash, {})).reason, PoolExhausted::Reason::AllDead);
}

void TestKeyPool::deadAndCoolingIsCoolingDown()
{
    // One key will come back: that is worth a retry-after, unlike "all dead".
    Fixture f(2);
    f.pool.recordDead(0, "leaked");
    f.pool.recordRateLimited(1, kFlash, perMinute(15'000));
    const PoolExhausted e = exhausted(f.pool.pick(kFlash, {}));
    QCOMPARE(e.reason, PoolExhausted::Reason::AllCoolingDown);
    QCOMPARE(e.retryAfterMs, std::int64_t(15'000));
}

void TestKeyPool::deadKeyStaysDeadAcrossSetKeysUntilValidated()
{
    Fixture f(2);
    f.pool.recordDead(0, "Your API key was reported as leaked.");
    f.pool.setKeys(keys(2)); // the same keys again (a reload)
    QCOMPARE(f.pool.size(), size_t(2));
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 1);
    QCOMPARE(QString::fromStdString(f.pool.snapshot()[0].deadReason), QStringLiteral("Your API key was reported as leaked."));
    // Even a key removed and added back.
    f.pool.setKeys({keys(2)[1]});
    f.pool.setKeys(keys(2));
    QVERIFY(f.pool.snapshot()[0].dead);
    f.pool.markValid(0);
    QVERIFY(!f.pool.snapshot()[0].dead);
    QVERIFY(f.pool.snapshot()[0].deadReason.empty());
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 0);
    QCOMPARE(QString::fromStdString(f.pool.key(1).label), QStringLiteral("key-2"));
}

void TestKeyPool::keysChangeWhileRequestsAreInFlight()
{
    // Keys added and removed in the settings while requests are out: the pool is told the new
    // list at once, and the requests in flight finish on the keys they started with.
    Fixture f(3);
    const auto before = keys(3);
    const int inFlight = picked(f.pool.pick(kFlash, {})); // key-1: a stream in progress
    QCOMPARE(inFlight, 0);
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 1);
    f.pool.recordRateLimited(1, kFlash, perMinute(30'000)); // key-2 learns it is cooling

    auto after = keys(4);
    after.erase(after.begin()); // key-1 removed, key-4 added
    f.pool.setKeys(after);
    QCOMPARE(f.pool.size(), size_t(3));
    QStringList labels;
    for (const KeySnapshot &snap : f.pool.snapshot())
        labels << QString::fromStdString(snap.label);
    QCOMPARE(labels, QStringList({QStringLiteral("key-2"), QStringLiteral("key-3"), QStringLiteral("key-4")}));
    QCOMPARE(f.pool.indexOf(hydra::fingerprintSecret(before[0].secret)), -1);
    QVERIFY(f.pool.key(inFlight).secret.empty()); // nothing sends with a removed key again
    QCOMPARE(QString::fromStdString(f.pool.key(inFlight).label), QStringLiteral("key-1"));

    // The stream on key-1 ends: its outcome goes to key-1, not to whichever key took its place.
    f.pool.recordSuccess(inFlight, kFlash);
    f.pool.recordTransient(inFlight, kFlash, "connection reset");
    for (const KeySnapshot &snap : f.pool.snapshot())
        QCOMPARE(snap.failures, snap.label == "key-2" ? std::uint64_t(1) : std::uint64_t(0));

    // key-2 is still cooling: the next requests go to key-3 and the new key-4, never to key-1.
    const int third = picked(f.pool.pick(kFlash, {}));
    const int fourth = picked(f.pool.pick(kFlash, {third}));
    QCOMPARE(QString::fromStdString(f.pool.key(third).label), QStringLiteral("key-3"));
    QCOMPARE(QString::fromStdString(f.pool.key(fourth).label), QStringLiteral("key-4"));
    for (int i = 0; i < 6; ++i) {
        const int next = picked(f.pool.pick(kFlash, {}));
        QVERIFY(next == third || next == fourth);
    }

    // key-1 comes back with its own history, in the place it is given.
    f.pool.setKeys(keys(4));
    QCOMPARE(f.pool.indexOf(hydra::fingerprintSecret(before[0].secret)), inFlight);
    QCOMPARE(f.pool.snapshot()[0].failures, std::uint64_t(1));
    QCOMPARE(f.pool.key(inFlight).secret, before[0].secret);
}

void TestKeyPool::aKeyValidatedAfterItDiedIsAliveAgain()
{
    // The user checks a dead key again (settings dialog, hydra keys check) while the gateway runs:
    // the keys come back with the time of that check, and only a check after the death counts.
    Fixture f(2);
    auto infos = keys(2);
    infos[0].validatedAtMs = f.clock.nowMs() - 60'000; // checked a minute before it died
    f.pool.setKeys(infos);
    f.pool.recordDead(0, "API key not valid.");
    f.pool.setKeys(infos);
    QVERIFY(f.pool.snapshot()[0].dead);

    f.clock.advance(5'000);
    infos[0].validatedAtMs = f.clock.nowMs(); // checked again now, and Google accepted it
    f.pool.setKeys(infos);
    QVERIFY(!f.pool.snapshot()[0].dead);
    QVERIFY(f.pool.snapshot()[0].deadReason.empty());

    // The death and its time survive a restart; the check that predates it does not revive it.
    f.clock.advance(5'000);
    f.pool.recordDead(0, "API key expired.");
    const PoolState saved = f.pool.exportState();
    KeyPool restarted(f.clock);
    restarted.setKeys(infos);
    restarted.importState(saved);
    QVERIFY(restarted.snapshot()[0].dead);
    f.clock.advance(1'000);
    infos[0].validatedAtMs = f.clock.nowMs();
    restarted.setKeys(infos);
    QVERIFY(!restarted.snapshot()[0].dead);
}

void TestKeyPool::theSameKeyTwiceIsOneKey()
{
    Fixture f(0);
    f.pool.setKeys({keys(1)[0], keys(2)[1], keys(1)[0]});
    QCOMPARE(f.pool.size(), size_t(2));
    QCOMPARE(f.pool.snapshot().size(), size_t(2));
}

void TestKeyPool::snapshotMasksKeysAndCountsOutcomes()
{
    Fixture f(2);
    const auto infos = keys(2);
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 0);
    f.pool.recordRateLimited(0, kFlash, {QuotaScope::PerMinute, 57'000, {}, false, "You exceeded your current quota"});
    QCOMPARE(picked(f.pool.pick(kFlash, {})), 1);
    f.pool.recordDead(1, "API key not valid.");

    const auto snapshot = f.pool.snapshot();
    QCOMPARE(snapshot.size(), size_t(2));
    for (size_t i = 0; i < snapshot.size(); ++i) {
        const KeySnapshot &key = snapshot[i];
        QCOMPARE(QString::fromStdString(key.label), QString::fromStdString(infos[i].label));
        QVERIFY2(key.maskedKey.find(infos[i].secret) == std::string::npos, key.maskedKey.c_str());
        QVERIFY(key.maskedKey.size() < infos[i].secret.size());
        QVERIFY(key.maskedKey.rfind("AIza", 0) == 0);
        QCOMPARE(key.fingerprint.size(), size_t(16));
        QCOMPARE(key.requests, std::uint64_t(1));
        QCOMPARE(key.failures, std::uint64_t(1));
    }
    QCOMPARE(snapshot[0].dead, false);
    QCOMPARE(row(snapshot, 0, kFlash).state, QuotaState::CoolingDown);
    QCOMPARE(row(snapshot, 0, kFlash).untilMs, f.clock.nowMs() + 57'000);
    QCOMPARE(QString::fromStdString(snapshot[0].lastError), QStringLiteral("You exceeded your current quota"));
    QCOMPARE(snapshot[1].dead, true);
    QCOMPARE(row(snapshot, 1, kFlash).state, QuotaState::Dead);
    QCOMPARE(QString::fromStdString(snapshot[1].deadReason), QStringLiteral("API key not valid."));

    f.pool.recordSuccess(0, kFlash);
    QVERIFY(f.pool.snapshot()[0].lastError.empty());
    f.clock.advance(57'000); // an expired cooldown is no longer shown
    QCOMPARE(row(f.pool.snapshot(), 0, kFlash).state, QuotaState::Healthy);
}

void TestKeyPool::snapshotRowsShowUsageLimitsStateAndSeries()
{
    Fixture f(1, utc(2026, 1, 15, 20)); // 12:00 PST
    f.pool.setDefaultLimits({{kFlash, {10, 20}}});
    // Three requests now, two a minute later, one an hour later.
    for (int i = 0; i < 3; ++i)
        f.pool.pick(kFlash, {});
    f.clock.advance(60'000);
    f.pool.pick(kFlash, {});
    f.pool.pick(kFlash, {});
    f.clock.advance(3'600'000);
    f.pool.pick(kFlash, {});
    f.pool.pick(kPro, {});
    auto snapshot = f.pool.snapshot();
    QCOMPARE(snapshot[0].models.size(), size_t(2)); // sorted by model id
    QCOMPARE(QString::fromStdString(snapshot[0].models[0].model), QString::fromStdString(kFlash));
    const ModelSnapshot &flash = row(snapshot, 0, kFlash);
    QCOMPARE(flash.requestsThisMinute, 1u);
    QCOMPARE(flash.requestsToday, 6u);
    QCOMPARE(flash.rpmLimit, std::optional<std::int64_t>(10));
    QCOMPARE(flash.rpdLimit, std::optional<std::int64_t>(20));
    QVERIFY(!flash.rpmLearnt);
    QCOMPARE(flash.state, QuotaState::Healthy);
    const std::int64_t start = utc(2026, 1, 15, 20);
    QCOMPARE(flash.perMinute, (std::vector<MinuteCount>{{start, 3}, {start + 60'000, 2}, {start + 3'660'000, 1}}));
    QVERIFY(!row(snapshot, 0, kPro).rpmLimit);
    // 24 hours later the series has forgotten the first minutes; today (a new Pacific day) is empty.
    f.clock.advance(24 * 3'600'000 - 3'600'000);
    snapshot = f.pool.snapshot();
    QCOMPARE(row(snapshot, 0, kFlash).perMinute, (std::vector<MinuteCount>{{start + 3'660'000, 1}}));
    QCOMPARE(row(snapshot, 0, kFlash).requestsToday, 0u);
}

void TestKeyPool::exportedStateRestoresParkingCountersAndLimits()
{
    const std::int64_t start = utc(2026, 1, 16, 4); // 20:00 PST
    Fixture before(3, start);
    before.pool.setDefaultLimits({{kFlash, {10, 20}}});
    QCOMPARE(picked(before.pool.pick(kFlash, {})), 0);
    before.pool.recordRateLimited(0, kFlash, perDay(18));
    QCOMPARE(picked(before.pool.pick(kFlash, {})), 1);
    QCOMPARE(picked(before.pool.pick(kFlash, {})), 2);
    before.pool.recordRateLimited(2, kFlash, perMinute(30'000, 7));
    before.pool.recordDead(1, "API key expired. Please renew the API key.");
    const PoolState saved = before.pool.exportState();
    for (const auto &key : saved.keys)
        QCOMPARE(key.fingerprint.size(), size_t(16)); // never a secret

    // A restart ten seconds later, keys listed in another order.
    ManualClock clock(start + 10'000);
    KeyPool after(clock);
    after.setDefaultLimits({{kFlash, {10, 20}}});
    auto reordered = keys(3);
    std::reverse(reordered.begin(), reordered.end());
    after.setKeys(reordered);
    after.importState(saved);
    // Old key 0 (now 2): parked for flash until Pacific midnight; old key 1 (now 1): dead;
    // old key 2 (now 0): cooling for another 20 s.
    const PoolExhausted e = exhausted(after.pick(kFlash, {}));
    QCOMPARE(e.reason, PoolExhausted::Reason::AllCoolingDown);
    QCOMPARE(e.retryAfterMs, std::int64_t(20'000));
    const auto snapshot = after.snapshot();
    QVERIFY(snapshot[1].dead);
    QCOMPARE(QString::fromStdString(snapshot[1].deadReason), QStringLiteral("API key expired. Please renew the API key."));
    QCOMPARE(row(snapshot, 2, kFlash).state, QuotaState::ParkedForDay);
    QCOMPARE(row(snapshot, 2, kFlash).untilMs, utc(2026, 1, 16, 8));
    QCOMPARE(row(snapshot, 2, kFlash).rpdLimit, std::optional<std::int64_t>(18));
    QVERIFY(row(snapshot, 2, kFlash).rpdLearnt);
    QCOMPARE(row(snapshot, 0, kFlash).rpmLimit, std::optional<std::int64_t>(7));
    QCOMPARE(row(snapshot, 0, kFlash).requestsToday, 1u);
    QCOMPARE(row(snapshot, 0, kFlash).requestsThisMinute, 1u);
    QCOMPARE(row(snapshot, 0, kFlash).perMinute.size(), size_t(1));
    QCOMPARE(snapshot[0].requests, std::uint64_t(1));
    clock.advance(20'000);
    QCOMPARE(picked(after.pick(kFlash, {})), 0);
    QCOMPARE(picked(after.pick(kPro, {})), 2); // parked only for flash
}

void TestKeyPool::changeListenerHearsEveryChange()
{
    Fixture f(1);
    int changes = 0;
    f.pool.setChangeListener([&changes] { ++changes; });
    f.pool.pick(kFlash, {});
    f.pool.recordSuccess(0, kFlash);
    f.pool.recordTransient(0, kFlash, "x");
    f.pool.recordRateLimited(0, kFlash, perMinute());
    f.pool.recordDead(0, "x");
    f.pool.markValid(0);
    f.pool.importState({});
    QCOMPARE(changes, 7);
    f.pool.snapshot();
    f.pool.exportState();
    QCOMPARE(changes, 7);
}

QTEST_APPLESS_MAIN(TestKeyPool)
#include "tst_key_pool.moc"
