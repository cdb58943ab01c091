#pragma once
// Today's totals in large figures: requests, tokens, errors, failovers that saved a request,
// and requests in the last minute.

#include <QWidget>

class QLabel;

namespace hydra::stats { class StatsCollector; }

namespace hydra::app {

class TodayTotalsView : public QWidget
{
    Q_OBJECT
public:
    explicit TodayTotalsView(QWidget *parent = nullptr);

    void refresh(const stats::StatsCollector &stats);

    // The figure of one total, by its name ("requests", "tokens", "errors", "saved", "rpm").
    QString figure(const QString &name) const;

private:
    QLabel *addFigure(const QString &name, const QString &caption, const QString &toolTip);

    QLabel *m_requests;
    QLabel *m_tokens;
    QLabel *m_errors;
    QLabel *m_saved;
    QLabel *m_rpm;
};

} // namespace hydra::app
