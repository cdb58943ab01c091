// StatsCollector: what the dashboard reads, on a clock the test moves by hand.

#include "engine.h"
#include "stats/stats_collector.h"

#include <QDateTime>
#include <QtTest>

using namespace hydra;
using hydra::stats::Breakdown;
using hydra::stats::StatsCollector;

namespace {
constexpr std::int64_t minute = 60'000;

// Noon local time, so a test that runs for hours of manual time stays within one local day.
std::int64_t localNoon()
{
    return QDateTime(QDate(2026, 3, 10), QTime(12, 0)).toMSecsSinceEpoch();
}

RequestRecord request(const QString &key, const QString &model, int status = 200)
{
    RequestRecord record;
    record.route = QStringLiteral("chat");
    record.keyLabel = key;
    record.model = model;
    record.status = status;
    return record;
}

pool::KeySnapshot keyNamed(const char *label)
{
    pool::KeySnapshot key;
    key.label = label;
    return key;
}
} // namespace

class TestStatsCollector : public QObject
{
    Q_OBJECT

private slots:
    void perMinuteStaysOneHourAfterTwoHours();
    void rpmCountsTheLastSixtySeconds();
    void todaysTotals();
    void todayStartsAgainAtLocalMidnight();
    void logKeepsTheNewestUpToItsCap();
    void chartSeriesAreCapped();
    void keySeriesFollowTheEnginesKeyOrder();
    void followsTheEnginesSignals();
};

void TestStatsCollector::perMinuteStaysOneHourAfterTwoHours()
{
    pool::ManualClock clock(localNoon());
    StatsCollector stats(clock, {});
    // Two hours, a request every second, alternating two keys and two models.
    for (int second = 0; second < 2 * 3600; ++second) {
        stats.record(request(second % 2 ? QStringLiteral("k1") : QStringLiteral("k2"),
                             second % 3 ? QStringLiteral("flash") : QStringLiteral("pro")));
        clock.advance(1000);
    }
    clock.advance(-1); // still inside the last full minute of the run
    for (Breakdown breakdown : {Breakdown::ByKey, Breakdown::ByModel}) {
        const auto series = stats.perMinute(breakdown);
        QCOMPARE(series.size(), std::size_t(2));
        std::uint64_t total = 0;
        for (const auto &s : series) {
            QCOMPARE(s.counts.size(), std::size_t(StatsCollector::chartMinutes));
            total += s.total();
        }
        QCOMPARE(total, 3600u); // exactly the last hour of the two
    }
    const auto byKey = stats.perMinute(Breakdown::ByKey);
    QCOMPARE(byKey[0].counts.front() + byKey[1].counts.front(), 60u);
    QCOMPARE(stats.perMinuteWindowStartMs(), localNoon() + 60 * minute);
    QCOMPARE(stats.recent().size(), std::size_t(stats.limits().logSize));
    QCOMPARE(stats.recordedCount(), 7200u);
}

void TestStatsCollector::rpmCountsTheLastSixtySeconds()
{
    pool::ManualClock clock(localNoon());
    StatsCollector stats(clock, {});
    stats.record(request(QStringLiteral("k1"), QStringLiteral("flash")));
    clock.advance(30'000);
    stats.record(request(QStringLiteral("k1"), QStringLiteral("flash")));
    stats.record(request(QStringLiteral("k2"), QStringLiteral("flash")));
    QCOMPARE(stats.rpm(), 3u);
    QCOMPARE(stats.rpm(QStringLiteral("k1")), 2u);
    QCOMPARE(stats.rpm(QStringLiteral("k2")), 1u);
    clock.advance(31'000); // the first request is more than 60 s old
    QCOMPARE(stats.rpm(), 2u);
    QCOMPARE(stats.rpm(QStringLiteral("k1")), 1u);
    clock.advance(60'000);
    QCOMPARE(stats.rpm(), 0u);
    QCOMPARE(stats.rpm(QStringLiteral("nobody")), 0u);
}

void TestStatsCollector::todaysTotals()
{
    pool::ManualClock clock(localNoon());
    StatsCollector stats(clock, {});
    auto ok = request(QStringLiteral("k1"), QStringLiteral("flash"));
    ok.promptTokens = 100;
    ok.completionTokens = 20;
    stats.record(ok);
    auto saved = ok; // k2 failed first; k1 answered
    saved.failovers = 1;
    stats.record(saved);
    auto failedAfterFailover = request(QStringLiteral("k2"), QStringLiteral("flash"), 429);
    failedAfterFailover.failovers = 2;
    stats.record(failedAfterFailover);
    stats.record(request(QStringLiteral("k2"), QStringLiteral("pro"), 502));
    stats.record(request(QStringLiteral("k1"), QStringLiteral("flash"), 499)); // the client left
    stats.record(request(QString(), QStringLiteral("flash"), 400));            // refused before any key

    const stats::TodayTotals today = stats.today();
    QCOMPARE(today.requests, 6u);
    QCOMPARE(today.promptTokens, 200u);
    QCOMPARE(today.completionTokens, 40u);
    QCOMPARE(today.tokens(), 240u);
    QCOMPARE(today.errors, 3u);
    QCOMPARE(today.savedByFailover, 1u);
    QCOMPARE(stats.requestsToday(QStringLiteral("k1")), 3u);
    QCOMPARE(stats.requestsToday(QStringLiteral("k2")), 2u);
    QCOMPARE(stats.requestsToday(QStringLiteral("k3")), 0u);
}

void TestStatsCollector::todayStartsAgainAtLocalMidnight()
{
    const std::int64_t beforeMidnight = QDateTime(QDate(2026, 3, 10), QTime(23, 59)).toMSecsSinceEpoch();
    pool::ManualClock clock(beforeMidnight);
    StatsCollector stats(clock, {});
    stats.record(request(QStringLiteral("k1"), QStringLiteral("flash")));
    stats.record(request(QStringLiteral("k1"), QStringLiteral("flash"), 500));
    QCOMPARE(stats.today().requests, 2u);

    clock.advance(2 * minute); // 00:01 the next day
    QCOMPARE(stats.today(), stats::TodayTotals{});
    QCOMPARE(stats.requestsToday(QStringLiteral("k1")), 0u);
    // The last hour still shows the requests from before midnight.
    QCOMPARE(stats.perMinute(Breakdown::ByKey).front().total(), 2u);

    stats.record(request(QStringLiteral("k1"), QStringLiteral("flash")));
    QCOMPARE(stats.today().requests, 1u);
    QCOMPARE(stats.today().errors, 0u);
    QCOMPARE(stats.requestsToday(QStringLiteral("k1")), 1u);
}

void TestStatsCollector::logKeepsTheNewestUpToItsCap()
{
    pool::ManualClock clock(localNoon());
    StatsCollector::Limits limits;
    limits.logSize = 5;
    StatsCollector stats(clock, limits);
    for (int i = 0; i < 12; ++i) {
        auto record = request(QStringLiteral("k1"), QStringLiteral("flash"));
        record.startedAtMs = i;
        stats.record(record);
    }
    QCOMPARE(stats.recent().size(), std::size_t(5));
    QCOMPARE(stats.recent().front().startedAtMs, 7);
    QCOMPARE(stats.recent().back().startedAtMs, 11);
    QCOMPARE(stats.recordedCount(), 12u);
}

void TestStatsCollector::chartSeriesAreCapped()
{
    pool::ManualClock clock(localNoon());
    StatsCollector::Limits limits;
    limits.chartSeries = 3;
    limits.trackedKeys = 4;
    StatsCollector stats(clock, limits);
    for (int i = 0; i < 500; ++i)
        stats.record(request(QStringLiteral("key-%1").arg(i), QStringLiteral("model-%1").arg(i % 10)));
    for (Breakdown breakdown : {Breakdown::ByKey, Breakdown::ByModel}) {
        const auto series = stats.perMinute(breakdown);
        QCOMPARE(series.size(), std::size_t(4)); // three named, one "other"
        QVERIFY(series.back().other);
        std::uint64_t total = 0;
        for (const auto &s : series)
            total += s.total();
        QCOMPARE(total, 500u);
    }
    QCOMPARE(stats.rpm(), 500u);
    QCOMPARE(stats.rpm(QStringLiteral("key-3")), 1u);
    QCOMPARE(stats.rpm(QStringLiteral("key-4")), 0u); // beyond the tracked keys
    QCOMPARE(stats.requestsToday(QStringLiteral("key-3")), 1u);
    QCOMPARE(stats.requestsToday(QStringLiteral("key-4")), 0u);
    QCOMPARE(stats.today().requests, 500u);
}

void TestStatsCollector::keySeriesFollowTheEnginesKeyOrder()
{
    pool::ManualClock clock(localNoon());
    StatsCollector stats(clock, {});
    stats.record(request(QStringLiteral("stranger"), QStringLiteral("flash")));
    stats.record(request(QStringLiteral("b"), QStringLiteral("flash")));
    stats.record(request(QStringLiteral("a"), QStringLiteral("flash")));
    stats.setKeys({keyNamed("a"), keyNamed("b")});
    const auto series = stats.perMinute(Breakdown::ByKey);
    QCOMPARE(series.size(), std::size_t(3));
    QCOMPARE(series[0].name, QStringLiteral("a"));
    QCOMPARE(series[1].name, QStringLiteral("b"));
    QCOMPARE(series[2].name, QStringLiteral("stranger"));
}

void TestStatsCollector::followsTheEnginesSignals()
{
    pool::ManualClock clock(localNoon());
    StatsCollector stats(clock, {});
    Engine engine;
    stats.attach(engine);
    Q_EMIT engine.keysChanged({keyNamed("second"), keyNamed("first")});
    Q_EMIT engine.requestCompleted(request(QStringLiteral("first"), QStringLiteral("flash")));
    Q_EMIT engine.requestCompleted(request(QStringLiteral("second"), QStringLiteral("flash")));
    QCOMPARE(stats.today().requests, 2u);
    QCOMPARE(stats.perMinute(Breakdown::ByKey).front().name, QStringLiteral("second"));
}

QTEST_GUILESS_MAIN(TestStatsCollector)
#include "tst_stats_collector.moc"
