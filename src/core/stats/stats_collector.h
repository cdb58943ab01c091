#pragma once
// What the dashboard shows, gathered on the GUI thread from the engine's signals: requests per
// minute over the last hour (by key and by model), requests in the last 60 s (overall and per
// key), today's totals and per-key counts, and the most recent requests. Memory is bounded
// however many requests or distinct names arrive (see Limits). Readers poll it (a few times a
// second at most); it emits nothing per request.
//
// Time comes from a pool::Clock so tests move it by hand.

#include "pool/clock.h"
#include "pool/key_snapshot.h"
#include "request_log.h"
#include "request_record.h"
#include "rolling_counts.h"
#include "today_totals.h"

#include <QObject>
#include <QStringList>

#include <cstdint>
#include <deque>
#include <vector>

namespace hydra {
class Engine;
}

namespace hydra::stats {

enum class Breakdown { ByKey, ByModel };

class StatsCollector : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        int chartSeries = 8;  // named series per breakdown in the per-minute chart; more fold into "other"
        int trackedKeys = 256; // keys with their own RPM and today count
        int logSize = 500;    // recent requests kept
    };
    static constexpr int chartMinutes = 60;

    // Uses the system clock.
    explicit StatsCollector(QObject *parent = nullptr);
    // `clock` must outlive the collector.
    StatsCollector(const pool::Clock &clock, Limits limits, QObject *parent = nullptr);

    // Follows an engine: every finished request, and the key list (for the order of key series).
    void attach(const Engine &engine);

    void record(const RequestRecord &record);
    void setKeys(const std::vector<pool::KeySnapshot> &keys);

    std::int64_t nowMs() const { return m_clock.nowMs(); }

    // Requests per minute for the last hour, `chartMinutes` counts per series, oldest first (the
    // last is the current, still filling minute). By key: in the engine's key order, keys it does
    // not know after them; "other" last. By model: in the order first seen, "other" last.
    std::vector<RollingCounts::Series> perMinute(Breakdown breakdown) const;
    // When the first of those minutes started (ms since the epoch).
    std::int64_t perMinuteWindowStartMs() const;

    // Requests finished in the last 60 s (to the second).
    std::uint64_t rpm() const;
    std::uint64_t rpm(const QString &keyLabel) const;

    TodayTotals today() const;
    std::uint64_t requestsToday(const QString &keyLabel) const;

    // Most recent requests, oldest first, at most Limits::logSize; recordedCount() counts every
    // request ever recorded, so a reader can tell how many are new since it last looked.
    const std::deque<RequestRecord> &recent() const { return m_log.records(); }
    std::uint64_t recordedCount() const { return m_log.addedCount(); }

    const Limits &limits() const { return m_limits; }

private:
    const pool::Clock &m_clock;
    Limits m_limits;
    RollingCounts m_minutesByKey;
    RollingCounts m_minutesByModel;
    RollingCounts m_secondsByKey;
    TodayCounter m_today;
    RequestLog m_log;
    QStringList m_keyOrder;
};

} // namespace hydra::stats
