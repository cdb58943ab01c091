// The dashboard's tables: key health (from key snapshots and the stats collector) and recent
// requests (from the collector's log), as a view would read them.

#include "dashboard/key_health_model.h"
#include "dashboard/request_log_model.h"
#include "dashboard/status_colors.h"
#include "stats/stats_collector.h"

#include <QColor>
#include <QDateTime>
#include <QSignalSpy>
#include <QtTest>

using namespace hydra;
using namespace hydra::app;
using hydra::stats::StatsCollector;

namespace {
const std::int64_t t0 = QDateTime(QDate(2026, 3, 10), QTime(12, 0)).toMSecsSinceEpoch();

pool::ModelSnapshot modelIn(const char *name, pool::QuotaState state = pool::QuotaState::Healthy,
                            std::int64_t untilMs = 0)
{
    pool::ModelSnapshot model;
    model.model = name;
    model.state = state;
    model.untilMs = untilMs;
    return model;
}

pool::KeySnapshot key(const char *label, std::vector<pool::ModelSnapshot> models = {})
{
    pool::KeySnapshot snapshot;
    snapshot.label = label;
    snapshot.maskedKey = "AIza…abcd";
    snapshot.models = std::move(models);
    return snapshot;
}

RequestRecord request(const QString &keyLabel, int status = 200)
{
    RequestRecord record;
    record.startedAtMs = t0;
    record.route = QStringLiteral("chat");
    record.model = QStringLiteral("gemini-2.5-flash");
    record.keyLabel = keyLabel;
    record.status = status;
    record.latencyMs = 420;
    record.promptTokens = 12;
    record.completionTokens = 30;
    return record;
}

QString cell(const QAbstractItemModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role).toString();
}

QColor colorOf(const QAbstractItemModel &model, int row, int column, int role)
{
    return model.data(model.index(row, column), role).value<QColor>();
}

// Hue families rather than exact values: what a user sees as green, yellow, red.
bool looksGreen(const QColor &c) { return c.hslHue() >= 90 && c.hslHue() <= 150; }
bool looksYellow(const QColor &c) { return c.hslHue() >= 35 && c.hslHue() <= 60; }
bool looksRed(const QColor &c) { return c.hslHue() >= 345 || (c.hslHue() >= 0 && c.hslHue() <= 15); }
} // namespace

class TestDashboardModels : public QObject
{
    Q_OBJECT

private slots:
    void keyStatesInWordsAndColours();
    void keyActivityComesFromTheCollector();
    void sameKeysUpdateInPlaceOtherKeysReset();
    void dailyQuotaAgainstKnownLimits();
    void logShowsNewestFirstWithItsColumns();
    void logTakesOnlyNewRecordsAndStaysCapped();
};

void TestDashboardModels::keyStatesInWordsAndColours()
{
    KeyHealthModel model;
    auto dead = key("dead");
    dead.dead = true;
    dead.deadReason = "API key not valid";
    dead.lastError = "400 API_KEY_INVALID";
    auto parked = modelIn("gemini-2.5-pro", pool::QuotaState::ParkedForDay, t0 + 5 * 3600'000 + 60'000);
    model.setKeys({key("fresh", {modelIn("gemini-2.5-flash")}),
                   key("cooling", {modelIn("gemini-2.5-flash", pool::QuotaState::CoolingDown, t0 + 42'000)}),
                   key("busy", {modelIn("gemini-2.5-flash", pool::QuotaState::CoolingDown, t0 + 90'000), parked}),
                   dead},
                  t0);

    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), int(KeyHealthModel::ColumnCount));
    QCOMPARE(cell(model, 0, KeyHealthModel::KeyColumn), QStringLiteral("fresh"));
    QCOMPARE(cell(model, 0, KeyHealthModel::KeyColumn, Qt::ToolTipRole), QStringLiteral("AIza…abcd"));

    QCOMPARE(cell(model, 0, KeyHealthModel::StateColumn), QStringLiteral("Healthy"));
    QVERIFY(looksGreen(colorOf(model, 0, KeyHealthModel::StateColumn, Qt::DecorationRole)));

    QCOMPARE(cell(model, 1, KeyHealthModel::StateColumn), QStringLiteral("Limited for gemini-2.5-flash, free in 42 s"));
    QVERIFY(looksYellow(colorOf(model, 1, KeyHealthModel::StateColumn, Qt::DecorationRole)));

    QCOMPARE(cell(model, 2, KeyHealthModel::StateColumn), QStringLiteral("Limited for 2 models, first free in 1 min 30 s"));
    const QString detail = cell(model, 2, KeyHealthModel::StateColumn, Qt::ToolTipRole);
    QVERIFY2(detail.contains(QStringLiteral("gemini-2.5-pro: daily limit, free at midnight Pacific (in 5 h 1 min)")),
             qPrintable(detail));
    QVERIFY(detail.contains(QStringLiteral("gemini-2.5-flash: per-minute limit, free in 1 min 30 s")));

    QCOMPARE(cell(model, 3, KeyHealthModel::StateColumn), QStringLiteral("Invalid: API key not valid"));
    QVERIFY(looksRed(colorOf(model, 3, KeyHealthModel::StateColumn, Qt::DecorationRole)));
    QCOMPARE(cell(model, 3, KeyHealthModel::LastErrorColumn), QStringLiteral("400 API_KEY_INVALID"));

    // The cell's background is a see-through tint of the state colour, so the palette's own text
    // colour stays readable on light and dark palettes alike.
    const QColor tint = colorOf(model, 3, KeyHealthModel::StateColumn, Qt::BackgroundRole);
    QVERIFY(tint.alpha() < 128);
    QVERIFY(looksRed(tint));
    QVERIFY(!model.data(model.index(0, KeyHealthModel::KeyColumn), Qt::BackgroundRole).isValid());
}

void TestDashboardModels::keyActivityComesFromTheCollector()
{
    pool::ManualClock clock(t0);
    StatsCollector stats(clock, {});
    KeyHealthModel model;
    model.setKeys({key("a", {modelIn("gemini-2.5-flash", pool::QuotaState::CoolingDown, t0 + 30'000)}), key("b")},
                  t0);
    for (int i = 0; i < 3; ++i)
        stats.record(request(QStringLiteral("a")));
    clock.advance(70'000);
    stats.record(request(QStringLiteral("a")));
    stats.record(request(QStringLiteral("b")));

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.refresh(stats);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(cell(model, 0, KeyHealthModel::RpmColumn), QStringLiteral("1"));
    QCOMPARE(cell(model, 0, KeyHealthModel::TodayColumn), QStringLiteral("4"));
    QCOMPARE(cell(model, 1, KeyHealthModel::RpmColumn), QStringLiteral("1"));
    QCOMPARE(cell(model, 1, KeyHealthModel::TodayColumn), QStringLiteral("1"));
    // The snapshot is 70 s old and said "until t0 + 30 s": the wait is over, not negative.
    QCOMPARE(cell(model, 0, KeyHealthModel::StateColumn), QStringLiteral("Limited for gemini-2.5-flash, free in 0 s"));
}

void TestDashboardModels::sameKeysUpdateInPlaceOtherKeysReset()
{
    KeyHealthModel model;
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    model.setKeys({key("a"), key("b")}, t0);
    QCOMPARE(resets.count(), 1);

    auto failing = key("b");
    failing.lastError = "503 overloaded";
    model.setKeys({key("a"), failing}, t0);
    QCOMPARE(resets.count(), 1); // same keys: the view keeps its selection and scroll position
    QCOMPARE(changes.count(), 1);
    QCOMPARE(cell(model, 1, KeyHealthModel::LastErrorColumn), QStringLiteral("503 overloaded"));

    model.setKeys({key("b")}, t0);
    QCOMPARE(resets.count(), 2);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(cell(model, 0, KeyHealthModel::KeyColumn), QStringLiteral("b"));
}

void TestDashboardModels::dailyQuotaAgainstKnownLimits()
{
    auto flash = modelIn("gemini-2.5-flash");
    flash.requestsToday = 120;
    flash.rpdLimit = 250;
    auto pro = modelIn("gemini-2.5-pro");
    pro.requestsToday = 3;
    auto unused = modelIn("gemini-2.0-flash");
    unused.rpdLimit = 200;
    KeyHealthModel model;
    model.setKeys({key("a", {unused, flash, pro})}, t0);
    QCOMPARE(cell(model, 0, KeyHealthModel::QuotaColumn), QStringLiteral("gemini-2.5-flash 120/250, gemini-2.5-pro 3"));
}

void TestDashboardModels::logShowsNewestFirstWithItsColumns()
{
    pool::ManualClock clock(t0);
    StatsCollector stats(clock, {});
    auto first = request(QStringLiteral("k1"));
    first.stream = true;
    stats.record(first);
    auto failed = request(QStringLiteral("k2"), 429);
    failed.startedAtMs = t0 + 5'000;
    failed.latencyMs = 2'500;
    failed.error = QStringLiteral("all keys are rate limited");
    failed.promptTokens = failed.completionTokens = 0;
    stats.record(failed);
    auto saved = request(QString());
    saved.failovers = 2;
    stats.record(saved);

    RequestLogModel model(100);
    model.sync(stats);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(RequestLogModel::ColumnCount));
    // Newest on top.
    QCOMPARE(cell(model, 0, RequestLogModel::KeyColumn), QStringLiteral("(no key)"));
    QCOMPARE(cell(model, 0, RequestLogModel::KeyColumn, Qt::ToolTipRole), QStringLiteral("2 other key(s) failed first"));
    QVERIFY(looksYellow(colorOf(model, 0, RequestLogModel::StatusColumn, Qt::BackgroundRole)));

    QCOMPARE(cell(model, 1, RequestLogModel::TimeColumn),
             QDateTime::fromMSecsSinceEpoch(t0 + 5'000).toString(QStringLiteral("HH:mm:ss")));
    QCOMPARE(cell(model, 1, RequestLogModel::StatusColumn), QStringLiteral("429"));
    QCOMPARE(cell(model, 1, RequestLogModel::StatusColumn, Qt::ToolTipRole), QStringLiteral("all keys are rate limited"));
    QVERIFY(looksRed(colorOf(model, 1, RequestLogModel::StatusColumn, Qt::BackgroundRole)));
    QCOMPARE(cell(model, 1, RequestLogModel::LatencyColumn), QStringLiteral("2.5 s"));
    QCOMPARE(cell(model, 1, RequestLogModel::StreamedColumn), QStringLiteral("no"));

    QCOMPARE(cell(model, 2, RequestLogModel::TokenColumn), QStringLiteral("(none)"));
    QCOMPARE(cell(model, 2, RequestLogModel::ModelColumn), QStringLiteral("gemini-2.5-flash"));
    QCOMPARE(cell(model, 2, RequestLogModel::KeyColumn), QStringLiteral("k1"));
    QCOMPARE(cell(model, 2, RequestLogModel::LatencyColumn), QStringLiteral("420 ms"));
    QCOMPARE(cell(model, 2, RequestLogModel::TokensColumn), QStringLiteral("42"));
    QCOMPARE(cell(model, 2, RequestLogModel::TokensColumn, Qt::ToolTipRole), QStringLiteral("12 prompt + 30 completion"));
    QCOMPARE(cell(model, 2, RequestLogModel::StreamedColumn), QStringLiteral("yes"));
    QVERIFY(!model.data(model.index(2, RequestLogModel::StatusColumn), Qt::BackgroundRole).isValid());
}

void TestDashboardModels::logTakesOnlyNewRecordsAndStaysCapped()
{
    pool::ManualClock clock(t0);
    StatsCollector::Limits limits;
    limits.logSize = 50;
    StatsCollector stats(clock, limits);
    RequestLogModel model(limits.logSize);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    model.sync(stats);
    QCOMPARE(inserted.count(), 0);
    for (int tick = 0; tick < 40; ++tick) {
        for (int i = 0; i < 7; ++i) {
            auto record = request(QStringLiteral("k"));
            record.latencyMs = tick * 7 + i; // its position in the sequence
            stats.record(record);
        }
        model.sync(stats);
        QVERIFY(model.rowCount() <= limits.logSize);
    }
    QCOMPARE(inserted.count(), 40);
    QCOMPARE(model.rowCount(), 50);
    QCOMPARE(model.recordAt(0).latencyMs, 279);  // the newest
    QCOMPARE(model.recordAt(49).latencyMs, 230); // the oldest kept

    // More arrived between two looks than the log keeps: the newest 50, nothing twice.
    for (int i = 0; i < 120; ++i) {
        auto record = request(QStringLiteral("k"));
        record.latencyMs = 1000 + i;
        stats.record(record);
    }
    model.sync(stats);
    QCOMPARE(model.rowCount(), 50);
    QCOMPARE(model.recordAt(0).latencyMs, 1119);
    QCOMPARE(model.recordAt(49).latencyMs, 1070);
}

QTEST_MAIN(TestDashboardModels)
#include "tst_dashboard_models.moc"
