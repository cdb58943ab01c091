#include "stats_collector.h"

#include "engine.h"

#include <algorithm>

namespace hydra::stats {

namespace {

const pool::SystemClock &systemClock()
{
    static const pool::SystemClock clock;
    return clock;
}

constexpr std::int64_t minuteMs = 60'000;
constexpr std::int64_t secondMs = 1'000;

} // namespace

StatsCollector::StatsCollector(QObject *parent)
    : StatsCollector(systemClock(), Limits{}, parent)
{
}

StatsCollector::StatsCollector(const pool::Clock &clock, Limits limits, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_limits(limits)
    , m_minutesByKey(minuteMs, chartMinutes, limits.chartSeries)
    , m_minutesByModel(minuteMs, chartMinutes, limits.chartSeries)
    , m_secondsByKey(secondMs, 60, limits.trackedKeys)
    , m_today(limits.trackedKeys)
    , m_log(limits.logSize)
{
}

void StatsCollector::attach(const Engine &engine)
{
    connect(&engine, &Engine::requestCompleted, this, &StatsCollector::record);
    connect(&engine, &Engine::keysChanged, this, &StatsCollector::setKeys);
    setKeys(engine.keys());
}

void StatsCollector::record(const RequestRecord &record)
{
    // Counted when it finished (now), so every series shares one clock; the log keeps the
    // record's own start time.
    const std::int64_t now = m_clock.nowMs();
    m_minutesByKey.add(now, record.keyLabel);
    m_minutesByModel.add(now, record.model);
    m_secondsByKey.add(now, record.keyLabel);
    m_today.add(now, record);
    m_log.add(record);
}

void StatsCollector::setKeys(const std::vector<pool::KeySnapshot> &keys)
{
    QStringList order;
    order.reserve(qsizetype(keys.size()));
    for (const pool::KeySnapshot &key : keys)
        order.append(QString::fromStdString(key.label));
    m_keyOrder = order;
}

std::vector<RollingCounts::Series> StatsCollector::perMinute(Breakdown breakdown) const
{
    const std::int64_t now = m_clock.nowMs();
    if (breakdown == Breakdown::ByModel)
        return m_minutesByModel.series(now);
    auto series = m_minutesByKey.series(now);
    // Stable colours per key: the engine's key order, unknown labels after, "other" last.
    const auto rank = [this](const RollingCounts::Series &s) -> qsizetype {
        if (s.other)
            return m_keyOrder.size() + 1;
        const qsizetype at = m_keyOrder.indexOf(s.name);
        return at < 0 ? m_keyOrder.size() : at;
    };
    std::stable_sort(series.begin(), series.end(),
                     [&](const auto &a, const auto &b) { return rank(a) < rank(b); });
    return series;
}

std::int64_t StatsCollector::perMinuteWindowStartMs() const
{
    return m_minutesByKey.windowStartMs(m_clock.nowMs());
}

std::uint64_t StatsCollector::rpm() const
{
    return m_secondsByKey.total(m_clock.nowMs());
}

std::uint64_t StatsCollector::rpm(const QString &keyLabel) const
{
    return m_secondsByKey.total(m_clock.nowMs(), keyLabel);
}

TodayTotals StatsCollector::today() const
{
    return m_today.totals(m_clock.nowMs());
}

std::uint64_t StatsCollector::requestsToday(const QString &keyLabel) const
{
    return m_today.requestsForKey(m_clock.nowMs(), keyLabel);
}

} // namespace hydra::stats
