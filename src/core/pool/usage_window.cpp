#include "usage_window.h"

#include <algorithm>
#include <iterator>

namespace hydra::pool {
namespace {

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// The moment a second's requests leave the sliding window.
std::int64_t leavesAtMs(std::int64_t second)
{
    return (second + 1) * 1000 + UsageWindow::windowMs;
}

// Adds one to the last bucket when it is `bucket` (or later: a clock that stepped back never
// makes the buckets go out of order), else appends `bucket`.
void bump(std::deque<std::pair<std::int64_t, std::uint32_t>> &buckets, std::int64_t bucket)
{
    if (!buckets.empty() && buckets.back().first >= bucket)
        ++buckets.back().second;
    else
        buckets.emplace_back(bucket, 1);
}

} // namespace

void UsageWindow::record(std::int64_t nowMs, std::int64_t dayIndex)
{
    prune(nowMs);
    bump(m_seconds, floorDiv(nowMs, 1000));
    bump(m_minutes, floorDiv(nowMs, 60'000));
    ++m_days[dayIndex];
    while (m_days.size() > static_cast<std::size_t>(historyDays))
        m_days.erase(m_days.begin());
}

void UsageWindow::prune(std::int64_t nowMs)
{
    while (!m_seconds.empty() && leavesAtMs(m_seconds.front().first) <= nowMs)
        m_seconds.pop_front();
    const std::int64_t oldestMinute = floorDiv(nowMs, 60'000) - seriesMinutes + 1;
    while (!m_minutes.empty() && m_minutes.front().first < oldestMinute)
        m_minutes.pop_front();
}

void UsageWindow::forgetLatest()
{
    const auto drop = [](auto &buckets) {
        if (buckets.empty())
            return;
        if (--buckets.back().second == 0)
            buckets.pop_back();
    };
    drop(m_seconds);
    drop(m_minutes);
    if (!m_days.empty() && --std::prev(m_days.end())->second == 0)
        m_days.erase(std::prev(m_days.end()));
}

std::uint32_t UsageWindow::lastMinute(std::int64_t nowMs) const
{
    std::uint32_t count = 0;
    for (const auto &[second, requests] : m_seconds) {
        if (leavesAtMs(second) > nowMs)
            count += requests;
    }
    return count;
}

std::optional<std::int64_t> UsageWindow::nextDropMs(std::int64_t nowMs) const
{
    for (const auto &[second, requests] : m_seconds) {
        if (leavesAtMs(second) > nowMs)
            return leavesAtMs(second);
    }
    return std::nullopt;
}

std::int64_t UsageWindow::belowLimitAtMs(std::int64_t nowMs, std::uint32_t limit) const
{
    std::uint32_t count = lastMinute(nowMs);
    if (count < limit)
        return nowMs;
    // The oldest seconds leave first; wait until enough of them have gone.
    for (const auto &[second, requests] : m_seconds) {
        if (leavesAtMs(second) <= nowMs)
            continue;
        count -= requests;
        if (count < limit)
            return leavesAtMs(second);
    }
    return nowMs; // not reached: count ends at 0
}

std::uint32_t UsageWindow::onDay(std::int64_t dayIndex) const
{
    const auto it = m_days.find(dayIndex);
    return it == m_days.end() ? 0 : it->second;
}

std::vector<MinuteCount> UsageWindow::series(std::int64_t nowMs) const
{
    const std::int64_t oldestMinute = floorDiv(nowMs, 60'000) - seriesMinutes + 1;
    std::vector<MinuteCount> out;
    out.reserve(m_minutes.size());
    for (const auto &[minute, requests] : m_minutes) {
        if (minute >= oldestMinute)
            out.push_back({minute * 60'000, requests});
    }
    return out;
}

UsageWindow::Data UsageWindow::data() const
{
    return {{m_seconds.begin(), m_seconds.end()}, {m_minutes.begin(), m_minutes.end()}, m_days};
}

UsageWindow UsageWindow::fromData(const Data &data, std::int64_t nowMs)
{
    UsageWindow window;
    const auto load = [](const auto &from, auto &to) {
        for (const auto &[bucket, requests] : from) {
            if (requests == 0 || (!to.empty() && to.back().first >= bucket))
                continue;
            to.emplace_back(bucket, requests);
        }
    };
    load(data.seconds, window.m_seconds);
    load(data.minutes, window.m_minutes);
    for (const auto &[day, requests] : data.days) {
        if (requests > 0)
            window.m_days.emplace(day, requests);
    }
    while (window.m_days.size() > static_cast<std::size_t>(historyDays))
        window.m_days.erase(window.m_days.begin());
    window.prune(nowMs);
    return window;
}

} // namespace hydra::pool
