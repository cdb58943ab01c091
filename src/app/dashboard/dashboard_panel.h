#pragma once
// Everything the dashboard shows, as one widget: today's totals, the RPM chart, the key health
// table and the recent requests. Reads the stats collector once a second, and only while it is
// visible (a hidden dashboard costs nothing); key states arrive with the engine's keysChanged.

#include <QWidget>

class QTableView;
class QTimer;

namespace hydra {
class Engine;
namespace stats { class StatsCollector; }
}

namespace hydra::app {

class KeyHealthModel;
class RequestLogModel;
class RpmChart;
class TodayTotalsView;

class DashboardPanel : public QWidget
{
    Q_OBJECT
public:
    DashboardPanel(const Engine &engine, const stats::StatsCollector &stats, QWidget *parent = nullptr);

    // Reads the collector now (the timer calls it every second while the panel is shown).
    void refresh();

    RpmChart *chart() const { return m_chart; }
    KeyHealthModel *keyHealth() const { return m_keys; }
    RequestLogModel *requestLog() const { return m_log; }
    TodayTotalsView *totals() const { return m_totals; }
    QTimer *ticker() const { return m_tick; }

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    QTableView *makeTable(const QString &name);
    void sizeLogColumns(QTableView *table);

    const stats::StatsCollector &m_stats;
    TodayTotalsView *m_totals;
    RpmChart *m_chart;
    KeyHealthModel *m_keys;
    RequestLogModel *m_log;
    QTimer *m_tick;
};

} // namespace hydra::app
