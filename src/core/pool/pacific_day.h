#pragma once
// Google's daily quotas reset at midnight US Pacific time (07:00 or 08:00 UTC, depending on
// daylight saving). Which Pacific day an instant falls in, and when that day ends.
// QTimeZone("America/Los_Angeles") when the system knows the zone; the US rules otherwise.

#include <cstdint>

namespace hydra::pool {

struct PacificDay
{
    std::int64_t index = 0;   // the Pacific date as a Julian day number (consecutive days differ by 1)
    std::int64_t startMs = 0; // its midnight, ms since the Unix epoch
    std::int64_t endMs = 0;   // the next midnight: when daily quotas come back (23, 24 or 25 h later)

    bool contains(std::int64_t ms) const { return ms >= startMs && ms < endMs; }
};

// The Pacific day `utcMs` falls in.
PacificDay pacificDayAt(std::int64_t utcMs);

// The same from the US daylight-saving rules (since 2007: second Sunday of March to first
// Sunday of November, at 02:00 local), for systems without time zone data. Exposed for tests.
PacificDay pacificDayByUsRules(std::int64_t utcMs);

// pacificDayAt with the current day remembered, for callers that ask on every request.
class PacificCalendar
{
public:
    const PacificDay &dayAt(std::int64_t utcMs)
    {
        if (!m_day.contains(utcMs))
            m_day = pacificDayAt(utcMs);
        return m_day;
    }

private:
    PacificDay m_day; // empty: contains nothing
};

} // namespace hydra::pool
