#pragma once
// Today's totals ("today" is the user's local day): requests, tokens, errors, failovers that
// saved a request, and requests per key label. Everything starts again at local midnight.
// Plain data with the time passed in; the per-key map is capped like every other stats series.

#include "request_record.h"

#include <QHash>
#include <QString>

#include <cstdint>

namespace hydra::stats {

struct TodayTotals
{
    std::uint64_t requests = 0;
    std::uint64_t promptTokens = 0;
    std::uint64_t completionTokens = 0;
    std::uint64_t errors = 0;          // ended with an error status (the client leaving is not one)
    std::uint64_t savedByFailover = 0; // another key failed first, and the request still ended 200
    std::uint64_t tokens() const { return promptTokens + completionTokens; }
    bool operator==(const TodayTotals &) const = default;
};

// Whether a finished request counts as an error: any status but 2xx, except 499 (the client left
// first, which says nothing about the gateway or the keys).
bool isErrorStatus(int status);

// The local day `ms` falls in: [startMs, endMs).
struct LocalDay
{
    std::int64_t startMs = 0;
    std::int64_t endMs = 0;
    bool contains(std::int64_t ms) const { return ms >= startMs && ms < endMs; }
};
LocalDay localDayAt(std::int64_t ms);

class TodayCounter
{
public:
    explicit TodayCounter(int maxKeys);

    void add(std::int64_t nowMs, const RequestRecord &record);

    // What was counted on now's local day (zeros once the day has turned).
    TodayTotals totals(std::int64_t nowMs) const;
    std::uint64_t requestsForKey(std::int64_t nowMs, const QString &keyLabel) const;
    // Requests of keys beyond the cap, counted together.
    std::uint64_t requestsForOtherKeys(std::int64_t nowMs) const;
    int trackedKeys() const { return int(m_perKey.size()); }

private:
    void rollOver(std::int64_t nowMs);

    int m_maxKeys;
    LocalDay m_day;
    TodayTotals m_totals;
    QHash<QString, std::uint64_t> m_perKey;
    std::uint64_t m_otherKeys = 0;
};

} // namespace hydra::stats
