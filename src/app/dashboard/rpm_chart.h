#pragma once
// Requests per minute over the last hour, one stacked bar per minute, stacked by key or by
// model. refresh() changes bar values in place: the bar sets live as long as their key or
// model is in the window, so a tick neither rebuilds the chart nor grows it, and nothing
// flickers. Qt Charts stays inside this class (it is deprecated from Qt 6.10 on).

#include "stats/stats_collector.h"

#include <QHash>
#include <QWidget>

class QBarSet;
class QComboBox;
class QStackedBarSeries;
class QValueAxis;
class QCategoryAxis;
class QChart;
class QChartView;

namespace hydra::app {

class RpmChart : public QWidget
{
    Q_OBJECT
public:
    explicit RpmChart(const stats::StatsCollector &stats, QWidget *parent = nullptr);

    void refresh();
    void setBreakdown(stats::Breakdown breakdown);
    stats::Breakdown breakdown() const { return m_breakdown; }

    // For tests and screenshots.
    QStackedBarSeries *bars() const { return m_bars; }
    QValueAxis *countAxis() const { return m_countAxis; }
    QChartView *view() const { return m_view; }

protected:
    void changeEvent(QEvent *event) override;

private:
    QString labelFor(const stats::RollingCounts::Series &series) const;
    void applyPalette();

    const stats::StatsCollector &m_stats;
    stats::Breakdown m_breakdown = stats::Breakdown::ByKey;
    QComboBox *m_breakdownBox = nullptr;
    QChart *m_chart = nullptr;
    QChartView *m_view = nullptr;
    QStackedBarSeries *m_bars = nullptr;
    QCategoryAxis *m_minuteAxis = nullptr;
    QValueAxis *m_countAxis = nullptr;
    QHash<QString, QBarSet *> m_sets; // series identity -> its bar set
    int m_colorsUsed = 0;
};

} // namespace hydra::app
