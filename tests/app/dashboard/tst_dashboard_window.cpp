// The assembled dashboard: the panel reads the collector and the engine's key states, ticks
// only while shown, and the window carries the shell's controls when there is no tray.

#include "dashboard/dashboard_panel.h"
#include "dashboard/key_health_model.h"
#include "dashboard/request_log_model.h"
#include "dashboard/rpm_chart.h"
#include "dashboard/today_totals_view.h"
#include "engine.h"
#include "stats/stats_collector.h"

#include <QAction>
#include <QDateTime>
#include <QPixmap>
#include <QStackedBarSeries>
#include <QTableView>
#include <QTimer>
#include <QtTest>

#ifdef HYDRA_HAVE_APP_SETTINGS
#include "app/app_context.h"
#include "dashboard/dashboard_window.h"
#include "settings/app_settings.h"
#include "store/key_ring.h"
#include "store/keychain_secret_store.h"

#include <QLabel>
#include <QTemporaryDir>
#include <QToolBar>
#endif

using namespace hydra;
using namespace hydra::app;
using hydra::stats::StatsCollector;

namespace {
RequestRecord request(const QString &key, int status, qint64 prompt, qint64 completion, int failovers = 0)
{
    RequestRecord record;
    record.route = QStringLiteral("chat");
    record.model = QStringLiteral("gemini-2.5-flash");
    record.keyLabel = key;
    record.status = status;
    record.promptTokens = prompt;
    record.completionTokens = completion;
    record.failovers = failovers;
    return record;
}

pool::KeySnapshot key(const char *label)
{
    pool::KeySnapshot snapshot;
    snapshot.label = label;
    return snapshot;
}
} // namespace

class TestDashboardWindow : public QObject
{
    Q_OBJECT

private slots:
    void panelShowsWhatTheEngineAndCollectorKnow();
    void ticksOnlyWhileShown();
    void windowCarriesTheShellsControls();
    void screenshotWithLiveData();
};

void TestDashboardWindow::panelShowsWhatTheEngineAndCollectorKnow()
{
    pool::ManualClock clock;
    StatsCollector stats(clock, {});
    Engine engine;
    stats.attach(engine);
    DashboardPanel panel(engine, stats);
    QCOMPARE(panel.keyHealth()->rowCount(), 0);

    Q_EMIT engine.keysChanged({key("k1"), key("k2")});
    QCOMPARE(panel.keyHealth()->rowCount(), 2);

    Q_EMIT engine.requestCompleted(request(QStringLiteral("k1"), 200, 1000, 234));
    Q_EMIT engine.requestCompleted(request(QStringLiteral("k2"), 200, 10, 5, 1));
    Q_EMIT engine.requestCompleted(request(QStringLiteral("k2"), 503, 0, 0, 2));
    panel.refresh();

    QCOMPARE(panel.totals()->figure(QStringLiteral("requests")), QStringLiteral("3"));
    QCOMPARE(panel.totals()->figure(QStringLiteral("tokens")), QLocale().toString(1249));
    QCOMPARE(panel.totals()->figure(QStringLiteral("errors")), QStringLiteral("1"));
    QCOMPARE(panel.totals()->figure(QStringLiteral("saved")), QStringLiteral("1"));
    QCOMPARE(panel.totals()->figure(QStringLiteral("rpm")), QStringLiteral("3"));
    QCOMPARE(panel.requestLog()->rowCount(), 3);
    QCOMPARE(panel.keyHealth()->index(1, KeyHealthModel::TodayColumn).data().toString(), QStringLiteral("2"));
    QCOMPARE(panel.chart()->bars()->count(), 2);

    auto *keyTable = panel.findChild<QTableView *>(QStringLiteral("keyHealth"));
    auto *logTable = panel.findChild<QTableView *>(QStringLiteral("requestLog"));
    QVERIFY(keyTable && logTable);
    QCOMPARE(keyTable->model(), panel.keyHealth());
    QCOMPARE(logTable->model(), panel.requestLog());
}

void TestDashboardWindow::ticksOnlyWhileShown()
{
    pool::ManualClock clock;
    StatsCollector stats(clock, {});
    Engine engine;
    DashboardPanel panel(engine, stats);
    QVERIFY(!panel.ticker()->isActive()); // a dashboard nobody sees costs nothing

    panel.resize(900, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(panel.ticker()->isActive());

    // The timer, not the test, brings a new request to the table.
    stats.record(request(QStringLiteral("k1"), 200, 1, 1));
    QTRY_COMPARE_WITH_TIMEOUT(panel.requestLog()->rowCount(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(panel.totals()->figure(QStringLiteral("requests")), QStringLiteral("1"), 10000);

    panel.hide();
    QVERIFY(!panel.ticker()->isActive());
}

void TestDashboardWindow::windowCarriesTheShellsControls()
{
#ifndef HYDRA_HAVE_APP_SETTINGS
    QSKIP("hydra_settings (AppSettings) is not built in this tree");
#else
    QTemporaryDir dir;
    pool::ManualClock clock;
    StatsCollector stats(clock, {});
    Engine engine;
    store::KeychainSecretStore secrets;
    store::KeyRing keys(dir.path(), secrets);
    AppSettings settings(dir.path());
    AppContext context{dir.path(), engine, stats, keys, settings};

    DashboardWindow window(context);
    QVERIFY(!window.controls()); // with a tray, the window has no controls of its own
    QAction start(QStringLiteral("Start gateway"));
    QAction quit(QStringLiteral("Quit"));
    window.addControlActions({&start, nullptr, &quit});
    QVERIFY(window.controls());
    const auto actions = window.controls()->actions();
    QCOMPARE(actions.size(), 3);
    QCOMPARE(actions[0], &start);
    QVERIFY(actions[1]->isSeparator());
    QCOMPARE(actions[2], &quit);

    auto *state = window.findChild<QLabel *>(QStringLiteral("gatewayState"));
    QVERIFY(state);
    QCOMPARE(state->text(), QStringLiteral("Gateway stopped"));
    Q_EMIT engine.started(QStringLiteral("http://127.0.0.1:8787/v1"));
    QCOMPARE(state->text(), QStringLiteral("Gateway running at http://127.0.0.1:8787/v1"));
    Q_EMIT engine.startFailed(QStringLiteral("port 8787 on 127.0.0.1 is already in use"), true);
    QCOMPARE(state->text(), QStringLiteral("Gateway stopped: port 8787 on 127.0.0.1 is already in use"));
#endif
}

// An hour of traffic over four keys, one limited and one dead, drawn as a user would see it.
// With HYDRA_SCREENSHOT_DIR set (the screenshot step of the test command), saved as dashboard.png.
void TestDashboardWindow::screenshotWithLiveData()
{
    pool::ManualClock clock(QDateTime(QDate(2026, 3, 10), QTime(15, 30)).toMSecsSinceEpoch());
    StatsCollector stats(clock, {});
    Engine engine;
    stats.attach(engine);

    DashboardPanel panel(engine, stats);
    panel.resize(1100, 820);

    std::vector<pool::KeySnapshot> keys{key("work-1"), key("work-2"), key("personal"), key("old-project")};
    for (auto &k : keys) {
        k.maskedKey = "AIza…" + k.label.substr(0, 4);
        pool::ModelSnapshot flash;
        flash.model = "gemini-2.5-flash";
        flash.requestsToday = 180;
        flash.rpdLimit = 250;
        k.models.push_back(flash);
    }
    keys[1].models[0].state = pool::QuotaState::CoolingDown;
    keys[1].models[0].untilMs = clock.nowMs() + 3600'000 + 38'000; // free 38 s after the hour of traffic below
    keys[1].lastError = "429 RESOURCE_EXHAUSTED (per minute)";
    keys[3].dead = true;
    keys[3].deadReason = "API key expired";
    Q_EMIT engine.keysChanged(keys);

    // Uneven traffic, the same on every run: a small linear congruential sequence.
    const QStringList labels{QStringLiteral("work-1"), QStringLiteral("work-2"), QStringLiteral("personal")};
    const QStringList models{QStringLiteral("gemini-2.5-flash"), QStringLiteral("gemini-2.5-pro"),
                             QStringLiteral("gemini-2.0-flash")};
    quint32 seed = 7;
    const auto next = [&seed](quint32 below) {
        seed = seed * 1103515245u + 12345u;
        return (seed >> 16) % below;
    };
    for (int minute = 0; minute < 60; ++minute) {
        const quint32 inMinute = 6 + next(10) + (minute > 25 && minute < 40 ? 12 : 0);
        for (quint32 i = 0; i < inMinute; ++i) {
            const quint32 pick = next(100);
            auto record = request(labels[pick < 50 ? 0 : pick < 80 ? 1 : 2], pick < 3 ? 429 : 200, 300 + next(2000),
                                  40 + next(600), pick == 5 ? 1 : 0);
            record.model = models[next(10) < 6 ? 0 : next(2) + 1];
            record.startedAtMs = clock.nowMs() - 900;
            record.latencyMs = 250 + next(3000);
            record.stream = next(3) > 0;
            Q_EMIT engine.requestCompleted(record);
            clock.advance(60'000 / inMinute);
        }
        clock.advance(60'000 - (60'000 / inMinute) * inMinute);
    }

    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.refresh();
    const QPixmap shot = panel.grab();
    QVERIFY(!shot.isNull());
    const QString dir = qEnvironmentVariable("HYDRA_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(shot.save(dir + QStringLiteral("/dashboard.png")));

    // The same on a dark palette (what the app uses when the system is dark).
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    dark.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
    dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    dark.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
    dark.setColor(QPalette::Mid, QColor(0x5a, 0x5a, 0x5a));
    dark.setColor(QPalette::Midlight, QColor(0x3c, 0x3c, 0x3c));
    dark.setColor(QPalette::PlaceholderText, QColor(0xa0, 0xa0, 0xa0));
    panel.setPalette(dark);
    const QPixmap darkShot = panel.grab();
    QVERIFY(!darkShot.isNull());
    if (!dir.isEmpty())
        QVERIFY(darkShot.save(dir + QStringLiteral("/dashboard-dark.png")));
}

QTEST_MAIN(TestDashboardWindow)
#include "tst_dashboard_window.moc"
