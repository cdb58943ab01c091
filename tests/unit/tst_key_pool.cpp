// KeyPool: which Gemini key serves a request, and what an outcome does to that key.
// Time is a ManualClock moved by hand: no test sleeps.

#include "pool/key_pool.h"

#include <QtTest>

using namespace hydra::pool;

namespace {

const std::string kFlash = "gemini-2.5-flash";
const std::string kPro = "gemini-2.5-pro";

std::vector<KeyInfo> keys(int count)
{
    std::vector<KeyInfo> out;
    for (int i = 0; i < count; ++i) {
        // Realistic 39-character keys that differ in their last characters.
        const std::string secret = "AIzaSyA0000000000000000000000000000000" + std::to_string(i);
        out.push_back({secret, "key-" + std::to_string(i + 1), {}, {}, {}});
    }
    return out;
}

// The picked key index, or -1 when the pool is exhausted.
int picked(const std::variant<int, PoolExhausted> &result)
{
    return std::holds_alternative<int>(result) ? std::get<int>(result) : -1;
}

} // namespace

class TestKeyPool : public QObject
{
    Q_OBJECT

private slots:
    void noKeys();
    void leastRecentlyUsedRotation();
    void rateLimitCoolsOnlyThatKeyAndModel();
    void keyStillServesAnotherModelWhileCooling();
    void cooldownExpiresWhenTheClockAdvances();
    void rateLimitWithoutDelayUsesDefaultCooldown();
    void deadKeyIsNeverPickedAgain();
    void allCoolingDownSaysWhenTheFirstKeyFrees();
    void allDead();
    void deadAndCoolingIsCoolingDown();
    void untriedKeysComeFirst();
    void triedKeyIsReusedWhenNothingElseIsLeft();
    void transientFailuresDoNotExcludeAKey();
    void snapshotMasksKeysAndCountsOutcomes();
    void snapshotForgetsExpiredCooldowns();
    void setKeysStartsAfresh();
};

void TestKeyPool::noKeys()
{
    ManualClock clock;
    KeyPool pool(clock);
    const auto result = pool.pick(kFlash, {});
    QVERIFY(std::holds_alternative<PoolExhausted>(result));
    QCOMPARE(std::get<PoolExhausted>(result).reason, PoolExhausted::Reason::NoKeys);
}

void TestKeyPool::leastRecentlyUsedRotation()
{
    ManualClock clock;
    KeyPool pool(clock);
    pool.setKeys(keys(3));
    QList<int> order;
    for (int i = 0; i < 7; ++i)
        order << picked(pool.pick(kFlash, {}));
    QCOMPARE(order, (QList<int>{0, 1, 2, 0, 1, 2, 0}));
}

void TestKeyPool::rateLimitCoolsOnlyThatKeyAndModel()
{
    ManualClock clock;
    KeyPool pool(clock);
    pool.setKeys(keys(3));
    QCOMPARE(picked(pool.pick(kFlash, {})), 0);
    pool.recordRateLimited(0, kFlash, 57'000, "quota");
    // Key 0 is skipped for flash; keys 1 and 2 keep rotating.
    QList<int> order;
    for (int i = 0; i < 4; ++i)
        order << picked(pool.pick(kFlash, {}));
    QCOMPARE(order, (QList<int>{1, 2, 1, 2}));
}

void TestKeyPool::keyStillServesAnotherModelWhileCooling()
{
    // Gemini quota is per project and model: a flash 429 says nothing about pro.
    ManualClock clock;
    KeyPool pool(clock);
    pool.setKeys(keys(1));
    QCOMPARE(picked(pool.pick(kFlash, {})), 0);
    pool.recordRateLimited(0, kFlash, 57'000, "quota");
    QVERIFY(std::holds_alternative<PoolExhausted>(pool.pick(kFlash, {})));
    QCOMPARE(picked(pool.pick(kPro, {})), 0);
}

void TestKeyPool::cooldownExpiresWhenTheClockAdvances()
{
    ManualClock clock;
    KeyPool pool(clock);
    pool.setKeys(keys(1));
    QCOMPARE(picked(pool.pick(kFlash, {})), 0);
    pool.recordRateLimited(0, kFlash, 57'000, "quota");
    clock.advance(56'999);
    QVERIFY(std::holds_alternative<PoolExhausted>(pool.pick(kFlash, {})));
    clock.advance(1);
    QCOMPARE(picked(pool.pick(kFlash, {})), 0);
}

void TestKeyPool::rateLimitWithoutDelayUsesDefaultCooldown()
{
    ManualClock clock;
    KeyPool pool(clock);
    pool.setKeys(keys(1));
    QCOMPARE(picked(pool.pick(kFlash, {})), 0);
    pool.recordRateLimited(0, kFlash, 0, "bare 429");
    const auto result = pool.pick(kFlash, {});
    QVERIFY(std::holds_alternative<PoolExhausted>(result));
    QCOMPARE(std::get<PoolExhausted>(result).retryAfterMs, KeyPool::defaultCooldownMs);
    clock.advance(KeyPool::defaultCooldownMs);
    QCOMPARE(picked(pool.pick(kFlash, {})), 0);
}

void TestKeyPool::deadKeyIsNeverPickedAgain()
{
    ManualClock clock;
    KeyPool pool(clock);
    pool.setKeys(keys(3));
    pool.recordDead(1, "API key not valid.");
    for (int i = 0; i < 10; ++i) {
        QVERIFY(picked(pool.pick(kFlash, {})) != 1);
        QVERIFY(picked(pool.pick(kPro, {})) != 1);
        clock.advance(24LL * 3600 * 1000); // not even a day later
    }
}

void TestKeyPool::allCoolingDownSaysWhenTheFirstKeyFrees()
{
    ManualClock clock;
    KeyPool pool(clock);
    pool.setKeys(keys(3));
    pool.recordRateLimited(0, kFlash, 30'000, "quota");
    pool.recordRateLimited(1, kFlash, 10'000, "quota");
    pool.recordRateLimited(2, kFlash, 20'000, "quota");
    clock.advance(4'000);
    const auto result = pool.pick(kFlash, {});
    QVERIFY(std::holds_alternative<PoolExhausted>(result));
    QCOMPARE(std::get<PoolExhausted>(result).reason, PoolExhausted::Reason::AllCoolingDown);
    QCOMPARE(std::get<PoolExhausted>(result).retryAfterMs, std::int64_t(6'000)); // key 1: 10 s - 4 s
    clock.advance(6'000);
    QCOMPARE(picked(pool.pick(kFlash, {})), 1);
}

void TestKeyPool::allDead()
{
    ManualClock clock;
    KeyPool pool(clock);
    pool.setKeys(keys(2));
    pool.recordDead(0, "leaked");
    pool.recordDead(1, "expired");
    const auto result = pool.pick(kFlash, {});
    QVERIFY(std::holds_alternative<PoolExhausted>(result));
    QCOMPARE(std::get<PoolExhausted>(result).reason, PoolExhausted::Reason::AllDead);
}

void TestKeyPool::deadAndCoolingIsCoolingDown()
{
    // One key will come back: that is worth a retry-after, unlike "all dead".
    ManualClock clock;
    KeyPool pool(clock);
    pool.setKeys(keys(2));
    pool.recordDead(0, "leaked");
    pool.recordRateLimited(1, kFlash, 15'000, "quota");
    const auto result = pool.pick(kFlash, {});
    QVERIFY(std::holds_alternative<PoolExhausted>(result));
    QCOMPARE(std::get<PoolExhausted>(result).reason, PoolExhausted::Reason::AllCoolingDown);
    QCOMPARE(std::get<PoolExhausted>(result).retryAfterMs, std::int64_t(15'000));
}

void TestKeyPool::untriedKeysComeFirst()
{
    ManualClock clock;
    KeyPool pool(clock);
    pool.setKeys(keys(3));
    // Make key 0 the least recently used, then let one request try it and fail.
    QCOMPARE(picked(pool.pick(kFlash, {})), 0);
    QCOMPARE(picked(pool.pick(kFlash, {})), 1);
    QCOMPARE(picked(pool.pick(kFlash, {})), 2);
    // Key 0 is now the least recently used, but this request already tried it.
    QCOMPARE(picked(pool.pick(kFlash, {0})), 1);
    QCOMPARE(picked(pool.pick(kFlash, {0, 1})), 2);
}

void TestKeyPool::triedKeyIsReusedWhenNothingElseIsLeft()
{
    ManualClock clock;
    KeyPool pool(clock);
    pool.setKeys(keys(2));
    QCOMPARE(picked(pool.pick(kFlash, {})), 0);
    QCOMPARE(picked(pool.pick(kFlash, {})), 1);
    // Both tried (say, two transient 503s): the least recently used comes back.
    QCOMPARE(picked(pool.pick(kFlash, {0, 1})), 0);
}

void TestKeyPool::transientFailuresDoNotExcludeAKey()
{
    ManualClock clock;
    KeyPool pool(clock);
    pool.setKeys(keys(1));
    for (int i = 0; i < 20; ++i) {
        QCOMPARE(picked(pool.pick(kFlash, {})), 0);
        pool.recordTransient(0, "The model is overloaded.");
    }
    QCOMPARE(picked(pool.pick(kFlash, {})), 0);
    const auto snapshot = pool.snapshot();
    QCOMPARE(snapshot.at(0).dead, false);
    QVERIFY(snapshot.at(0).coolingUntilMs.empty());
    QCOMPARE(snapshot.at(0).failures, std::uint64_t(20));
}

void TestKeyPool::snapshotMasksKeysAndCountsOutcomes()
{
    ManualClock clock;
    KeyPool pool(clock);
    const auto infos = keys(2);
    pool.setKeys(infos);
    QCOMPARE(picked(pool.pick(kFlash, {})), 0);
    pool.recordRateLimited(0, kFlash, 57'000, "You exceeded your current quota");
    QCOMPARE(picked(pool.pick(kFlash, {})), 1);
    pool.recordDead(1, "API key not valid.");

    const auto snapshot = pool.snapshot();
    QCOMPARE(snapshot.size(), size_t(2));
    for (size_t i = 0; i < snapshot.size(); ++i) {
        const KeySnapshot &key = snapshot[i];
        QCOMPARE(QString::fromStdString(key.label), QString::fromStdString(infos[i].label));
        QVERIFY2(key.maskedKey.find(infos[i].secret) == std::string::npos, key.maskedKey.c_str());
        QVERIFY(key.maskedKey.size() < infos[i].secret.size());
        QVERIFY(key.maskedKey.rfind("AIza", 0) == 0);
        QCOMPARE(key.requests, std::uint64_t(1));
        QCOMPARE(key.failures, std::uint64_t(1));
    }
    QCOMPARE(snapshot[0].dead, false);
    QCOMPARE(snapshot[0].coolingUntilMs.at(kFlash), clock.nowMs() + 57'000);
    QCOMPARE(QString::fromStdString(snapshot[0].lastError), QStringLiteral("You exceeded your current quota"));
    QCOMPARE(snapshot[1].dead, true);
    QCOMPARE(QString::fromStdString(snapshot[1].deadReason), QStringLiteral("API key not valid."));

    pool.recordSuccess(0);
    QVERIFY(pool.snapshot()[0].lastError.empty());
}

void TestKeyPool::snapshotForgetsExpiredCooldowns()
{
    ManualClock clock;
    KeyPool pool(clock);
    pool.setKeys(keys(1));
    pool.recordRateLimited(0, kFlash, 10'000, "quota");
    pool.recordRateLimited(0, kPro, 30'000, "quota");
    clock.advance(20'000);
    const auto cooling = pool.snapshot().at(0).coolingUntilMs;
    QCOMPARE(cooling.size(), size_t(1));
    QVERIFY(cooling.count(kPro) == 1);
}

void TestKeyPool::setKeysStartsAfresh()
{
    ManualClock clock;
    KeyPool pool(clock);
    pool.setKeys(keys(2));
    pool.recordDead(0, "leaked");
    pool.setKeys(keys(2));
    QCOMPARE(pool.size(), size_t(2));
    QCOMPARE(picked(pool.pick(kFlash, {})), 0);
    QCOMPARE(QString::fromStdString(pool.key(1).label), QStringLiteral("key-2"));
}

QTEST_APPLESS_MAIN(TestKeyPool)
#include "tst_key_pool.moc"
