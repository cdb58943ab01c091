// UsageWindow: requests per sliding minute, per Pacific day, and the 24-hour per-minute series.

#include "pool/usage_window.h"

#include <QtTest>

using namespace hydra::pool;

namespace {
constexpr std::int64_t t0 = 1'700'000'040'000; // on a whole minute
}

class TestUsageWindow : public QObject
{
    Q_OBJECT

private slots:
    void slidingMinuteCountsWholeSeconds();
    void belowLimitSaysWhenRoomReturns();
    void daysAreCountedApartAndKeptAMonth();
    void seriesKeepsOnlyUsedMinutesOfTheLastDay();
    void seriesIsBoundedTo1440Minutes();
    void dataRoundTripsAndDropsNonsense();
    void clockSteppingBackKeepsOrder();
    void forgetLatestTakesBackTheNewestRequest();
};

void TestUsageWindow::forgetLatestTakesBackTheNewestRequest()
{
    UsageWindow window;
    window.record(t0, 7);
    window.record(t0 + 61'000, 8);
    window.forgetLatest();
    QCOMPARE(window.lastMinute(t0 + 61'000), 0u);
    QCOMPARE(window.onDay(8), 0u);
    QCOMPARE(window.onDay(7), 1u);
    QCOMPARE(window.series(t0 + 61'000), (std::vector<MinuteCount>{{t0, 1}}));
    window.forgetLatest();
    QVERIFY(window.empty() || window.lastMinute(t0 + 61'000) == 0);
    QCOMPARE(window.onDay(7), 0u);
    window.forgetLatest(); // nothing left: no harm
    QVERIFY(window.days().empty());
}

void TestUsageWindow::slidingMinuteCountsWholeSeconds()
{
    UsageWindow window;
    window.record(t0 + 100, 1);
    window.record(t0 + 900, 1);
    window.record(t0 + 30'000, 1);
    QCOMPARE(window.lastMinute(t0 + 30'000), 3u);
    // The first second's two requests leave 60 s after that second ended.
    QCOMPARE(window.lastMinute(t0 + 60'999), 3u);
    QCOMPARE(window.lastMinute(t0 + 61'000), 1u);
    QCOMPARE(window.lastMinute(t0 + 91'000), 0u);
}

void TestUsageWindow::belowLimitSaysWhenRoomReturns()
{
    UsageWindow window;
    for (int i = 0; i < 3; ++i)
        window.record(t0 + i * 10'000, 1); // seconds 0, 10, 20
    QCOMPARE(window.belowLimitAtMs(t0 + 25'000, 4), t0 + 25'000);
    QCOMPARE(window.belowLimitAtMs(t0 + 25'000, 3), t0 + 61'000);
    QCOMPARE(window.belowLimitAtMs(t0 + 25'000, 2), t0 + 71'000);
    QCOMPARE(window.belowLimitAtMs(t0 + 25'000, 1), t0 + 81'000);
}

void TestUsageWindow::daysAreCountedApartAndKeptAMonth()
{
    UsageWindow window;
    window.record(t0, 100);
    window.record(t0 + 1, 100);
    window.record(t0 + 2, 101);
    QCOMPARE(window.onDay(100), 2u);
    QCOMPARE(window.onDay(101), 1u);
    QCOMPARE(window.onDay(102), 0u);
    for (int day = 102; day < 150; ++day)
        window.record(t0 + day, day);
    QCOMPARE(window.days().size(), size_t(UsageWindow::historyDays));
    QCOMPARE(window.days().begin()->first, std::int64_t(150 - UsageWindow::historyDays));
}

void TestUsageWindow::seriesKeepsOnlyUsedMinutesOfTheLastDay()
{
    UsageWindow window;
    window.record(t0, 1);
    window.record(t0 + 59'999, 1);
    window.record(t0 + 5 * 60'000, 1);
    QCOMPARE(window.series(t0 + 5 * 60'000), (std::vector<MinuteCount>{{t0, 2}, {t0 + 300'000, 1}}));
    // A day later only the later minute is still within 24 h (the current minute counts as one).
    const std::int64_t dayLater = t0 + 1440 * 60'000;
    QCOMPARE(window.series(dayLater), (std::vector<MinuteCount>{{t0 + 300'000, 1}}));
    QCOMPARE(window.series(dayLater + 5 * 60'000), std::vector<MinuteCount>{});
}

void TestUsageWindow::seriesIsBoundedTo1440Minutes()
{
    UsageWindow window;
    for (int minute = 0; minute < 3000; ++minute)
        window.record(t0 + minute * 60'000, 1);
    const auto series = window.series(t0 + 2999 * 60'000);
    QCOMPARE(series.size(), size_t(1440));
    QCOMPARE(series.front().minuteStartMs, t0 + (2999 - 1439) * 60'000);
    QCOMPARE(window.data().minutes.size(), size_t(1440));
}

void TestUsageWindow::dataRoundTripsAndDropsNonsense()
{
    UsageWindow window;
    window.record(t0, 7);
    window.record(t0 + 1'500, 7);
    window.record(t0 + 70'000, 8);
    const UsageWindow copy = UsageWindow::fromData(window.data(), t0 + 70'000);
    QCOMPARE(copy.lastMinute(t0 + 70'000), window.lastMinute(t0 + 70'000));
    QCOMPARE(copy.onDay(7), 2u);
    QCOMPARE(copy.onDay(8), 1u);
    QCOMPARE(copy.series(t0 + 70'000), window.series(t0 + 70'000));

    UsageWindow::Data bad;
    bad.seconds = {{t0 / 1000 + 5, 1}, {t0 / 1000, 4}, {t0 / 1000 + 6, 0}}; // out of order, empty
    bad.days = {{3, 0}, {4, 2}};
    const UsageWindow cleaned = UsageWindow::fromData(bad, t0 + 10'000);
    QCOMPARE(cleaned.lastMinute(t0 + 10'000), 1u);
    QCOMPARE(cleaned.days().size(), size_t(1));
}

void TestUsageWindow::clockSteppingBackKeepsOrder()
{
    UsageWindow window;
    window.record(t0 + 10'000, 1);
    window.record(t0, 1); // the system clock was set back
    QCOMPARE(window.lastMinute(t0 + 10'000), 2u);
    QCOMPARE(window.series(t0 + 10'000).size(), size_t(1));
}

QTEST_APPLESS_MAIN(TestUsageWindow)
#include "tst_usage_window.moc"
