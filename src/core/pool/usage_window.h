#pragma once
// How many requests one (project, model) has made: in the last 60 seconds (the per-minute
// budget), per Pacific day (the per-day budget, with a month of history), and per minute over
// the last 24 hours (the series a GUI draws). Plain data, bounded memory, time passed in.

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace hydra::pool {

struct MinuteCount
{
    std::int64_t minuteStartMs = 0;
    std::uint32_t requests = 0;
    bool operator==(const MinuteCount &) const = default;
};

class UsageWindow
{
public:
    static constexpr std::int64_t windowMs = 60'000;
    static constexpr std::int64_t seriesMinutes = 1440; // 24 h
    static constexpr std::int64_t historyDays = 31;

    // One request at `nowMs`, on Pacific day `dayIndex`.
    void record(std::int64_t nowMs, std::int64_t dayIndex);

    // Requests in the sliding 60 s window. Counted per whole second, and a second's requests
    // leave the window together 60 s after that second ends: never early, at most 1 s late.
    std::uint32_t lastMinute(std::int64_t nowMs) const;
    // Takes back the latest request: it turned out not to use quota (Google refused it as
    // malformed, or failed with a 5xx). Approximate under concurrency: the newest one goes.
    void forgetLatest();
    // When lastMinute() next drops (a second's requests leave the window), if it will.
    std::optional<std::int64_t> nextDropMs(std::int64_t nowMs) const;
    // When lastMinute() will be below `limit` again (nowMs when it already is).
    std::int64_t belowLimitAtMs(std::int64_t nowMs, std::uint32_t limit) const;

    std::uint32_t onDay(std::int64_t dayIndex) const;
    const std::map<std::int64_t, std::uint32_t> &days() const { return m_days; } // Pacific day -> requests

    // Minutes of the last 24 h that had requests, oldest first.
    std::vector<MinuteCount> series(std::int64_t nowMs) const;

    bool empty() const { return m_days.empty() && m_seconds.empty() && m_minutes.empty(); }

    // Plain data for persistence.
    struct Data
    {
        std::vector<std::pair<std::int64_t, std::uint32_t>> seconds; // second (ms / 1000) -> requests
        std::vector<std::pair<std::int64_t, std::uint32_t>> minutes; // minute (ms / 60000) -> requests
        std::map<std::int64_t, std::uint32_t> days;
    };
    Data data() const;
    // Entries out of order or out of range are dropped; `nowMs` prunes what has expired.
    static UsageWindow fromData(const Data &data, std::int64_t nowMs);

private:
    void prune(std::int64_t nowMs);

    std::deque<std::pair<std::int64_t, std::uint32_t>> m_seconds; // ascending, at most ~61
    std::deque<std::pair<std::int64_t, std::uint32_t>> m_minutes; // ascending, at most 1440
    std::map<std::int64_t, std::uint32_t> m_days;                 // at most historyDays
};

} // namespace hydra::pool
