#include "today_totals_view.h"

#include "stats/stats_collector.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace hydra::app {

TodayTotalsView::TodayTotalsView(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_requests = addFigure(QStringLiteral("requests"), tr("Requests today"), tr("Requests finished today (local time)"));
    m_tokens = addFigure(QStringLiteral("tokens"), tr("Tokens today"), QString());
    m_errors = addFigure(QStringLiteral("errors"), tr("Errors"),
                         tr("Requests that ended with an error status today; a client leaving early is not one"));
    m_saved = addFigure(QStringLiteral("saved"), tr("Saved by failover"),
                        tr("Requests that succeeded on another key after the first failed"));
    m_rpm = addFigure(QStringLiteral("rpm"), tr("Requests per minute"), tr("Requests finished in the last 60 seconds"));
}

QLabel *TodayTotalsView::addFigure(const QString &name, const QString &caption, const QString &toolTip)
{
    auto *box = new QWidget(this);
    auto *column = new QVBoxLayout(box);
    auto *value = new QLabel(QStringLiteral("0"), box);
    value->setObjectName(name);
    QFont big = value->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    value->setFont(big);
    value->setAlignment(Qt::AlignCenter);
    auto *label = new QLabel(caption, box);
    label->setAlignment(Qt::AlignCenter);
    label->setForegroundRole(QPalette::PlaceholderText); // quieter than the figure, in any palette
    column->addWidget(value);
    column->addWidget(label);
    box->setToolTip(toolTip);
    static_cast<QHBoxLayout *>(layout())->addWidget(box);
    return value;
}

void TodayTotalsView::refresh(const stats::StatsCollector &stats)
{
    const QLocale locale;
    const stats::TodayTotals today = stats.today();
    m_requests->setText(locale.toString(qulonglong(today.requests)));
    m_tokens->setText(locale.toString(qulonglong(today.tokens())));
    m_tokens->parentWidget()->setToolTip(tr("%1 prompt + %2 completion tokens today")
                                             .arg(locale.toString(qulonglong(today.promptTokens)),
                                                  locale.toString(qulonglong(today.completionTokens))));
    m_errors->setText(locale.toString(qulonglong(today.errors)));
    m_saved->setText(locale.toString(qulonglong(today.savedByFailover)));
    m_rpm->setText(locale.toString(qulonglong(stats.rpm())));
}

QString TodayTotalsView::figure(const QString &name) const
{
    const auto *label = findChild<QLabel *>(name);
    return label ? label->text() : QString();
}

} // namespace hydra::app
