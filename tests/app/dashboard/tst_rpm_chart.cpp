// The RPM chart: sixty bars whatever happens, values straight from the collector, bar sets that
// live on across ticks, and a switch between keys and models.

#include "dashboard/rpm_chart.h"
#include "stats/stats_collector.h"

#include <QBarSet>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QStackedBarSeries>
#include <QValueAxis>
#include <QtTest>

using namespace hydra;
using namespace hydra::app;
using hydra::stats::Breakdown;
using hydra::stats::StatsCollector;

namespace {
const std::int64_t t0 = QDateTime(QDate(2026, 3, 10), QTime(9, 0)).toMSecsSinceEpoch();

RequestRecord request(const QString &key, const QString &model)
{
    RequestRecord record;
    record.keyLabel = key;
    record.model = model;
    record.status = 200;
    return record;
}

QStringList labelsOf(const QStackedBarSeries &bars)
{
    QStringList labels;
    for (const QBarSet *set : bars.barSets())
        labels << set->label();
    return labels;
}

// The chart shows what the collector says, bar for bar.
void compareWithCollector(const RpmChart &chart, const StatsCollector &stats)
{
    const auto series = stats.perMinute(chart.breakdown());
    const auto sets = chart.bars()->barSets();
    QCOMPARE(sets.size(), qsizetype(series.size()));
    for (std::size_t s = 0; s < series.size(); ++s) {
        QCOMPARE(sets[qsizetype(s)]->count(), StatsCollector::chartMinutes);
        for (int i = 0; i < StatsCollector::chartMinutes; ++i)
            QCOMPARE(sets[qsizetype(s)]->at(i), qreal(series[s].counts[std::size_t(i)]));
    }
}
} // namespace

class TestRpmChart : public QObject
{
    Q_OBJECT

private slots:
    void keepsSixtyBarsThroughHoursOfTicks();
    void ticksChangeValuesInPlace();
    void switchingBreakdownChangesTheSeries();
    void seriesBeyondTheCapShowAsOther();
};

void TestRpmChart::keepsSixtyBarsThroughHoursOfTicks()
{
    pool::ManualClock clock(t0);
    StatsCollector stats(clock, {});
    RpmChart chart(stats);
    chart.resize(800, 300);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));

    // Three hours of one-second ticks with keys coming and going: the window stays one hour.
    const QStringList keys{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")};
    for (int second = 0; second < 3 * 3600; ++second) {
        const QString key = keys[(second / 1800) % keys.size()]; // a new key every half hour
        stats.record(request(key, QStringLiteral("flash")));
        if (second % 7 == 0)
            stats.record(request(QStringLiteral("a"), QStringLiteral("pro")));
        clock.advance(1000);
        chart.refresh();
        // An hour of minutes touches at most three half-hour slots, and "a" is in every minute.
        QVERIFY(chart.bars()->count() <= 4);
    }
    for (const QBarSet *set : chart.bars()->barSets())
        QCOMPARE(set->count(), StatsCollector::chartMinutes);
    compareWithCollector(chart, stats);
    QCOMPARE(labelsOf(*chart.bars()), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    // ~60 requests a minute (plus the pro ones): the axis leaves headroom above the tallest bar.
    QCOMPARE(chart.countAxis()->max(), 100.0);
    QVERIFY(!chart.view()->grab().isNull());
}

void TestRpmChart::ticksChangeValuesInPlace()
{
    pool::ManualClock clock(t0);
    StatsCollector stats(clock, {});
    stats.record(request(QStringLiteral("a"), QStringLiteral("flash")));
    RpmChart chart(stats);
    QCOMPARE(chart.bars()->count(), 1);
    QBarSet *set = chart.bars()->barSets().front();
    QCOMPARE(set->at(59), 1.0);

    QSignalSpy added(chart.bars(), &QAbstractBarSeries::barsetsAdded);
    QSignalSpy removed(chart.bars(), &QAbstractBarSeries::barsetsRemoved);
    stats.record(request(QStringLiteral("a"), QStringLiteral("flash")));
    chart.refresh();
    QCOMPARE(set->at(59), 2.0); // the same set, its last bar grown
    clock.advance(60'000);
    chart.refresh();
    QCOMPARE(set->at(58), 2.0); // a minute later the bar has moved left
    QCOMPARE(set->at(59), 0.0);
    QCOMPARE(added.count(), 0);
    QCOMPARE(removed.count(), 0);

    clock.advance(60 * 60'000); // the key's last request leaves the window: so does its set
    chart.refresh();
    QCOMPARE(chart.bars()->count(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(chart.countAxis()->max(), 5.0);
}

void TestRpmChart::switchingBreakdownChangesTheSeries()
{
    pool::ManualClock clock(t0);
    StatsCollector stats(clock, {});
    stats.record(request(QStringLiteral("key-1"), QStringLiteral("gemini-2.5-flash")));
    stats.record(request(QStringLiteral("key-2"), QStringLiteral("gemini-2.5-flash")));
    stats.record(request(QStringLiteral("key-2"), QStringLiteral("gemini-2.5-pro")));
    stats.record(request(QString(), QStringLiteral("gemini-2.5-pro"))); // refused before any key
    RpmChart chart(stats);
    QCOMPARE(chart.breakdown(), Breakdown::ByKey);
    QCOMPARE(labelsOf(*chart.bars()), (QStringList{QStringLiteral("key-1"), QStringLiteral("key-2"), QStringLiteral("(no key)")}));

    auto *box = chart.findChild<QComboBox *>(QStringLiteral("breakdown"));
    QVERIFY(box);
    box->setCurrentIndex(1); // what the user does
    QCOMPARE(chart.breakdown(), Breakdown::ByModel);
    QCOMPARE(labelsOf(*chart.bars()), (QStringList{QStringLiteral("gemini-2.5-flash"), QStringLiteral("gemini-2.5-pro")}));
    compareWithCollector(chart, stats);
    QCOMPARE(chart.bars()->barSets().at(1)->at(59), 2.0);

    chart.setBreakdown(Breakdown::ByKey);
    QCOMPARE(box->currentIndex(), 0);
    QCOMPARE(chart.bars()->count(), 3);
    compareWithCollector(chart, stats);
}

void TestRpmChart::seriesBeyondTheCapShowAsOther()
{
    pool::ManualClock clock(t0);
    StatsCollector::Limits limits;
    limits.chartSeries = 2;
    StatsCollector stats(clock, limits);
    for (int i = 0; i < 30; ++i)
        stats.record(request(QStringLiteral("key-%1").arg(i), QStringLiteral("flash")));
    RpmChart chart(stats);
    QCOMPARE(labelsOf(*chart.bars()), (QStringList{QStringLiteral("key-0"), QStringLiteral("key-1"), QStringLiteral("Other")}));
    QCOMPARE(chart.bars()->barSets().at(2)->at(59), 28.0);
    QCOMPARE(chart.countAxis()->max(), 30.0);
}

QTEST_MAIN(TestRpmChart)
#include "tst_rpm_chart.moc"
