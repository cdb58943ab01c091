// RollingCounts: per-bucket counts over a rolling window, split into a capped set of named series.

#include "stats/rolling_counts.h"

#include <QtTest>

using hydra::stats::RollingCounts;

namespace {
constexpr std::int64_t minute = 60'000;
constexpr std::int64_t t0 = 1'700'000'040'000; // on a whole minute

std::vector<std::uint32_t> zerosWithLast(std::size_t size, std::uint32_t last)
{
    std::vector<std::uint32_t> counts(size, 0);
    counts.back() = last;
    return counts;
}
} // namespace

class TestRollingCounts : public QObject
{
    Q_OBJECT

private slots:
    void countsLandInNowsBucket();
    void bucketsLeaveTheWindowAfterAnHour();
    void seriesAlwaysHoldTheWholeWindow();
    void namesBeyondTheCapFoldIntoOther();
    void aQuietSeriesGivesItsSlotToANewName();
    void aClockSteppingBackCountsIntoTheLatestBucket();
};

void TestRollingCounts::countsLandInNowsBucket()
{
    RollingCounts counts(minute, 60, 4);
    counts.add(t0, QStringLiteral("a"));
    counts.add(t0 + 59'999, QStringLiteral("a"));
    counts.add(t0 + minute, QStringLiteral("b"), 3);

    const auto series = counts.series(t0 + minute);
    QCOMPARE(series.size(), std::size_t(2));
    QCOMPARE(series[0].name, QStringLiteral("a"));
    QCOMPARE(series[0].counts[58], 2u);
    QCOMPARE(series[0].counts[59], 0u);
    QCOMPARE(series[1].name, QStringLiteral("b"));
    QCOMPARE(series[1].counts, zerosWithLast(60, 3));
    QCOMPARE(counts.total(t0 + minute), 5u);
    QCOMPARE(counts.total(t0 + minute, QStringLiteral("a")), 2u);
    QCOMPARE(counts.total(t0 + minute, QStringLiteral("nobody")), 0u);
    QCOMPARE(counts.windowStartMs(t0 + minute + 5), t0 + minute - 59 * minute);
}

void TestRollingCounts::bucketsLeaveTheWindowAfterAnHour()
{
    RollingCounts counts(minute, 60, 4);
    counts.add(t0, QStringLiteral("a"));
    QCOMPARE(counts.series(t0 + 59 * minute).front().counts.front(), 1u); // oldest bucket, still in
    QVERIFY(counts.series(t0 + 60 * minute).empty());
    QCOMPARE(counts.total(t0 + 60 * minute, QStringLiteral("a")), 0u);

    // The slot comes round again an hour later and must not carry the old count.
    counts.add(t0 + 60 * minute, QStringLiteral("a"));
    QCOMPARE(counts.series(t0 + 60 * minute).front().counts, zerosWithLast(60, 1));
}

void TestRollingCounts::seriesAlwaysHoldTheWholeWindow()
{
    // Two hours of a request every ten seconds: the window never grows past 60 buckets, and
    // each full minute holds six.
    RollingCounts counts(minute, 60, 4);
    for (std::int64_t t = t0; t < t0 + 120 * minute; t += 10'000)
        counts.add(t, QStringLiteral("a"));
    const std::int64_t now = t0 + 120 * minute - 1;
    const auto series = counts.series(now);
    QCOMPARE(series.size(), std::size_t(1));
    QCOMPARE(series[0].counts.size(), std::size_t(60));
    for (std::uint32_t count : series[0].counts)
        QCOMPARE(count, 6u);
    QCOMPARE(counts.total(now), 360u);
}

void TestRollingCounts::namesBeyondTheCapFoldIntoOther()
{
    RollingCounts counts(minute, 60, 3);
    for (int i = 0; i < 1000; ++i)
        counts.add(t0, QStringLiteral("model-%1").arg(i));
    QCOMPARE(counts.trackedSeries(), 3);
    const auto series = counts.series(t0);
    QCOMPARE(series.size(), std::size_t(4));
    QCOMPARE(series[0].name, QStringLiteral("model-0"));
    QCOMPARE(series[2].name, QStringLiteral("model-2"));
    QVERIFY(series[3].other);
    QVERIFY(series[3].name.isEmpty());
    QCOMPARE(series[3].counts.back(), 997u);
    QCOMPARE(counts.total(t0), 1000u);
    QCOMPARE(counts.total(t0, QStringLiteral("model-500")), 0u); // folded, not tracked
}

void TestRollingCounts::aQuietSeriesGivesItsSlotToANewName()
{
    RollingCounts counts(minute, 60, 2);
    counts.add(t0, QStringLiteral("old"));
    counts.add(t0 + 30 * minute, QStringLiteral("busy"));
    counts.add(t0 + 30 * minute, QStringLiteral("late")); // full, nobody quiet: other
    QVERIFY(counts.series(t0 + 30 * minute).back().other);

    // "old" has had nothing for a whole window: "new" takes its slot.
    counts.add(t0 + 60 * minute, QStringLiteral("new"));
    const auto series = counts.series(t0 + 60 * minute);
    QCOMPARE(counts.trackedSeries(), 2);
    QCOMPARE(series.size(), std::size_t(3));
    QCOMPARE(series[0].name, QStringLiteral("new"));
    QCOMPARE(series[0].counts, zerosWithLast(60, 1));
    QCOMPARE(series[1].name, QStringLiteral("busy"));
    QVERIFY(series[2].other);
    QCOMPARE(counts.total(t0 + 60 * minute, QStringLiteral("old")), 0u);
}

void TestRollingCounts::aClockSteppingBackCountsIntoTheLatestBucket()
{
    RollingCounts counts(minute, 60, 2);
    counts.add(t0 + 10 * minute, QStringLiteral("a"));
    counts.add(t0, QStringLiteral("a")); // ten minutes back: counted now, never in a bucket that left
    const auto series = counts.series(t0 + 10 * minute);
    QCOMPARE(series.front().counts, zerosWithLast(60, 2));
}

QTEST_APPLESS_MAIN(TestRollingCounts)
#include "tst_rolling_counts.moc"
