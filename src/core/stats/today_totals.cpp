#include "today_totals.h"

#include <QDateTime>
#include <QTime>

#include <algorithm>

namespace hydra::stats {

bool isErrorStatus(int status)
{
    return (status < 200 || status > 299) && status != 499;
}

LocalDay localDayAt(std::int64_t ms)
{
    const QDate date = QDateTime::fromMSecsSinceEpoch(ms).date();
    return LocalDay{QDateTime(date, QTime(0, 0)).toMSecsSinceEpoch(),
                    QDateTime(date.addDays(1), QTime(0, 0)).toMSecsSinceEpoch()};
}

TodayCounter::TodayCounter(int maxKeys)
    : m_maxKeys(maxKeys)
{
}

void TodayCounter::rollOver(std::int64_t nowMs)
{
    if (m_day.contains(nowMs))
        return;
    // A clock stepping back into yesterday keeps counting into today: totals never go back.
    if (m_day.endMs > 0 && nowMs < m_day.startMs)
        return;
    m_day = localDayAt(nowMs);
    m_totals = {};
    m_perKey.clear();
    m_otherKeys = 0;
}

void TodayCounter::add(std::int64_t nowMs, const RequestRecord &record)
{
    rollOver(nowMs);
    ++m_totals.requests;
    m_totals.promptTokens += std::uint64_t(std::max<qint64>(0, record.promptTokens));
    m_totals.completionTokens += std::uint64_t(std::max<qint64>(0, record.completionTokens));
    if (isErrorStatus(record.status))
        ++m_totals.errors;
    if (record.failovers > 0 && record.status == 200)
        ++m_totals.savedByFailover;
    if (record.keyLabel.isEmpty())
        return; // refused before any key was tried
    if (auto it = m_perKey.find(record.keyLabel); it != m_perKey.end())
        ++*it;
    else if (m_perKey.size() < m_maxKeys)
        m_perKey.insert(record.keyLabel, 1);
    else
        ++m_otherKeys;
}

TodayTotals TodayCounter::totals(std::int64_t nowMs) const
{
    return nowMs >= m_day.endMs ? TodayTotals{} : m_totals;
}

std::uint64_t TodayCounter::requestsForKey(std::int64_t nowMs, const QString &keyLabel) const
{
    return nowMs >= m_day.endMs ? 0 : m_perKey.value(keyLabel, 0);
}

std::uint64_t TodayCounter::requestsForOtherKeys(std::int64_t nowMs) const
{
    return nowMs >= m_day.endMs ? 0 : m_otherKeys;
}

} // namespace hydra::stats
