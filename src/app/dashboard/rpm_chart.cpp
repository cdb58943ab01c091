#include "rpm_chart.h"

#include "status_colors.h"

#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegend>
#include <QStackedBarSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

namespace hydra::app {

namespace {

constexpr int minutes = stats::StatsCollector::chartMinutes;

// A series' identity across ticks: its name, or a marker no name can take for "other".
QString identityOf(const stats::RollingCounts::Series &series)
{
    return series.other ? QStringLiteral("\x01other") : series.name;
}

// The top of the count axis: some headroom, in steps that keep the axis still between ticks.
qreal axisTopFor(std::uint64_t highest)
{
    if (highest <= 5)
        return 5;
    for (std::uint64_t step : {10u, 20u, 30u, 50u, 100u, 150u, 200u, 300u, 500u, 1000u, 2000u, 5000u}) {
        if (highest <= step)
            return qreal(step);
    }
    return qreal((highest / 10000 + 1) * 10000);
}

} // namespace

RpmChart::RpmChart(const stats::StatsCollector &stats, QWidget *parent)
    : QWidget(parent)
    , m_stats(stats)
{
    m_breakdownBox = new QComboBox(this);
    m_breakdownBox->setObjectName(QStringLiteral("breakdown"));
    m_breakdownBox->addItem(tr("By key"));
    m_breakdownBox->addItem(tr("By model"));
    connect(m_breakdownBox, &QComboBox::currentIndexChanged, this, [this](int index) {
        setBreakdown(index == 1 ? stats::Breakdown::ByModel : stats::Breakdown::ByKey);
    });

    m_chart = new QChart;
    m_chart->setAnimationOptions(QChart::NoAnimation); // live data: animations only cost
    m_chart->legend()->setAlignment(Qt::AlignRight);
    m_chart->setMargins(QMargins(4, 4, 4, 4));

    m_bars = new QStackedBarSeries;
    m_bars->setBarWidth(0.9);
    m_chart->addSeries(m_bars);

    // Minutes as plain numbers 0..59 (the oldest first), labelled relative to now, so the
    // labels never change while the bars move left.
    m_minuteAxis = new QCategoryAxis;
    m_minuteAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_minuteAxis->setStartValue(-0.5);
    for (int ago = 50; ago >= 10; ago -= 10)
        m_minuteAxis->append(tr("%1 min ago").arg(ago), minutes - 1 - ago);
    m_minuteAxis->append(tr("now"), minutes - 1);
    m_minuteAxis->setRange(-0.5, minutes - 0.5);
    m_minuteAxis->setGridLineVisible(false);
    m_chart->addAxis(m_minuteAxis, Qt::AlignBottom);
    m_bars->attachAxis(m_minuteAxis);

    m_countAxis = new QValueAxis;
    m_countAxis->setLabelFormat(QStringLiteral("%d"));
    m_countAxis->setRange(0, axisTopFor(0));
    m_countAxis->setTickCount(6);
    m_countAxis->setTitleText(tr("Requests per minute"));
    m_chart->addAxis(m_countAxis, Qt::AlignLeft);
    m_bars->attachAxis(m_countAxis);

    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(220);

    auto *header = new QHBoxLayout;
    header->addWidget(new QLabel(tr("Requests per minute, last hour"), this));
    header->addStretch();
    header->addWidget(m_breakdownBox);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_view, 1);

    applyPalette();
    refresh();
}

void RpmChart::setBreakdown(stats::Breakdown breakdown)
{
    if (breakdown == m_breakdown)
        return;
    m_breakdown = breakdown;
    {
        const QSignalBlocker quiet(m_breakdownBox);
        m_breakdownBox->setCurrentIndex(breakdown == stats::Breakdown::ByModel ? 1 : 0);
    }
    // Other series altogether: start the sets (and their colours) afresh.
    m_bars->clear();
    m_sets.clear();
    m_colorsUsed = 0;
    refresh();
}

QString RpmChart::labelFor(const stats::RollingCounts::Series &series) const
{
    if (series.other)
        return tr("Other");
    if (series.name.isEmpty())
        return m_breakdown == stats::Breakdown::ByKey ? tr("(no key)") : tr("(no model)");
    return series.name;
}

void RpmChart::refresh()
{
    const auto series = m_stats.perMinute(m_breakdown);

    // Sets whose key or model has left the window go; the rest keep their colour.
    QHash<QString, QBarSet *> kept;
    for (const auto &s : series) {
        if (QBarSet *set = m_sets.take(identityOf(s)))
            kept.insert(identityOf(s), set);
    }
    for (QBarSet *gone : std::as_const(m_sets))
        m_bars->remove(gone); // deletes it
    m_sets = kept;

    std::vector<std::uint64_t> stacked(minutes, 0);
    for (const auto &s : series) {
        QBarSet *set = m_sets.value(identityOf(s));
        if (!set) {
            set = new QBarSet(labelFor(s));
            const auto &palette = seriesColors();
            const QColor color = s.other ? otherSeriesColor() : palette[m_colorsUsed++ % palette.size()];
            set->setColor(color);
            set->setBorderColor(color);
            QList<qreal> zeros(minutes, 0.0);
            set->append(zeros);
            m_bars->append(set);
            m_sets.insert(identityOf(s), set);
        }
        for (int i = 0; i < minutes; ++i) {
            const qreal value = qreal(s.counts[std::size_t(i)]);
            if (set->at(i) != value) // between minutes only the last bar changes
                set->replace(i, value);
            stacked[std::size_t(i)] += s.counts[std::size_t(i)];
        }
    }
    const qreal top = axisTopFor(*std::max_element(stacked.begin(), stacked.end()));
    if (m_countAxis->max() != top)
        m_countAxis->setRange(0, top);
}

void RpmChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        applyPalette();
    QWidget::changeEvent(event);
}

void RpmChart::applyPalette()
{
    // The chart follows the window's palette (and so the system's dark mode) instead of a
    // Qt Charts theme, which would also repaint the series in its own colours.
    if (!m_view)
        return; // a palette change while the chart is still being built
    const QPalette pal = palette();
    m_chart->setBackgroundBrush(pal.base());
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->legend()->setLabelColor(pal.color(QPalette::Text));
    for (QAbstractAxis *axis : {static_cast<QAbstractAxis *>(m_minuteAxis), static_cast<QAbstractAxis *>(m_countAxis)}) {
        axis->setLabelsColor(pal.color(QPalette::Text));
        axis->setTitleBrush(pal.text());
        axis->setLinePenColor(pal.color(QPalette::Mid));
        axis->setGridLineColor(pal.color(QPalette::Midlight));
    }
    m_view->setBackgroundBrush(pal.base());
}

} // namespace hydra::app
