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

QTEST_MAIN(TestDashboardWindow)
#include "tst_dashboard_window.moc"
