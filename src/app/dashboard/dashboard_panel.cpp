#include "dashboard_panel.h"

#include "engine.h"
#include "key_health_model.h"
#include "request_log_model.h"
#include "rpm_chart.h"
#include "stats/stats_collector.h"
#include "today_totals_view.h"

#include <QFontMetrics>
#include <QGroupBox>
#include <QHeaderView>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

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
    // A handful of rows: columns can follow their contents; the last error takes the rest.
    keysTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    keysTable->horizontalHeader()->setSectionResizeMode(KeyHealthModel::LastErrorColumn, QHeaderView::Stretch);
    auto *keysBox = new QGroupBox(tr("Keys"), this);
    (new QVBoxLayout(keysBox))->addWidget(keysTable);

    QTableView *logTable = makeTable(QStringLiteral("requestLog"));
    logTable->setModel(m_log);
    sizeLogColumns(logTable);
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

void DashboardPanel::sizeLogColumns(QTableView *table)
{
    // Hundreds of rows: measuring them on every tick would cost, so the widths come from what
    // the columns typically hold, and the model name takes what is left.
    QHeaderView *header = table->horizontalHeader();
    const QFontMetrics metrics = table->fontMetrics();
    const auto fit = [&](int column, const QString &sample) {
        const QString title = m_log->headerData(column, Qt::Horizontal).toString();
        header->resizeSection(column, std::max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title)) + 24);
    };
    fit(RequestLogModel::TimeColumn, QStringLiteral("00:00:00"));
    fit(RequestLogModel::TokenColumn, QStringLiteral("continue-laptop"));
    fit(RequestLogModel::KeyColumn, QStringLiteral("project-key-12"));
    fit(RequestLogModel::StatusColumn, QStringLiteral("000"));
    fit(RequestLogModel::LatencyColumn, QStringLiteral("00.0 s"));
    fit(RequestLogModel::TokensColumn, QStringLiteral("000,000"));
    fit(RequestLogModel::StreamedColumn, tr("yes"));
    header->setSectionResizeMode(RequestLogModel::ModelColumn, QHeaderView::Stretch);
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
