#include "dashboard_panel.h"

#include "engine.h"
#include "key_health_model.h"
#include "request_log_model.h"
#include "rpm_chart.h"
#include "stats/stats_collector.h"
#include "today_totals_view.h"

#include <QGroupBox>
#include <QHeaderView>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace hydra::app {

DashboardPanel::DashboardPanel(const Engine &engine, const stats::StatsCollector &stats, QWidget *parent)
    : QWidget(parent)
    , m_stats(stats)
    , m_totals(new TodayTotalsView(this))
    , m_chart(new RpmChart(stats, this))
    , m_keys(new KeyHealthModel(this))
    , m_log(new RequestLogModel(stats.limits().logSize, this))
    , m_tick(new QTimer(this))
{
    m_totals->setObjectName(QStringLiteral("totals"));
    m_chart->setObjectName(QStringLiteral("rpmChart"));

    QTableView *keysTable = makeTable(QStringLiteral("keyHealth"));
    keysTable->setModel(m_keys);
    keysTable->horizontalHeader()->setSectionResizeMode(KeyHealthModel::StateColumn, QHeaderView::ResizeToContents);
    keysTable->horizontalHeader()->setStretchLastSection(true);
    auto *keysBox = new QGroupBox(tr("Keys"), this);
    (new QVBoxLayout(keysBox))->addWidget(keysTable);

    QTableView *logTable = makeTable(QStringLiteral("requestLog"));
    logTable->setModel(m_log);
    logTable->horizontalHeader()->setStretchLastSection(true);
    auto *logBox = new QGroupBox(tr("Recent requests"), this);
    (new QVBoxLayout(logBox))->addWidget(logTable);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_chart);
    split->addWidget(keysBox);
    split->addWidget(logBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setStretchFactor(2, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_totals);
    layout->addWidget(split, 1);

    // Key states: what the engine knows now, then every change (at most four a second).
    m_keys->setKeys(engine.keys(), stats.nowMs());
    connect(&engine, &Engine::keysChanged, this,
            [this](const std::vector<pool::KeySnapshot> &keys) { m_keys->setKeys(keys, m_stats.nowMs()); });

    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, &DashboardPanel::refresh);
    refresh();
}

QTableView *DashboardPanel::makeTable(const QString &name)
{
    auto *table = new QTableView(this);
    table->setObjectName(name);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->setWordWrap(false);
    table->setAlternatingRowColors(true);
    return table;
}

void DashboardPanel::refresh()
{
    m_totals->refresh(m_stats);
    m_chart->refresh();
    m_keys->refresh(m_stats);
    m_log->sync(m_stats);
}

void DashboardPanel::showEvent(QShowEvent *event)
{
    refresh(); // whatever happened while hidden, at once
    m_tick->start();
    QWidget::showEvent(event);
}

void DashboardPanel::hideEvent(QHideEvent *event)
{
    m_tick->stop();
    QWidget::hideEvent(event);
}

} // namespace hydra::app
