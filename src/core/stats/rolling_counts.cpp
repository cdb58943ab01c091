#include "rolling_counts.h"

#include <algorithm>
#include <numeric>

namespace hydra::stats {

std::uint64_t RollingCounts::Series::total() const
{
    return std::accumulate(counts.begin(), counts.end(), std::uint64_t(0));
}

RollingCounts::RollingCounts(std::int64_t bucketMs, int buckets, int maxSeries)
    : m_bucketMs(std::max<std::int64_t>(1, bucketMs))
    , m_buckets(std::max(1, buckets))
    , m_maxSeries(std::max(0, maxSeries))
    , m_stamps(std::size_t(m_buckets), -1)
{
    m_other.counts.assign(std::size_t(m_buckets), 0);
    m_tracks.reserve(std::size_t(m_maxSeries));
}

std::int64_t RollingCounts::bucketAt(std::int64_t ms) const
{
    return std::max<std::int64_t>(0, ms) / m_bucketMs;
}

int RollingCounts::slotOf(std::int64_t bucket) const
{
    return int(bucket % m_buckets);
}

std::int64_t RollingCounts::windowStartMs(std::int64_t nowMs) const
{
    return (bucketAt(nowMs) - m_buckets + 1) * m_bucketMs;
}

void RollingCounts::advanceTo(std::int64_t bucket)
{
    const int slot = slotOf(bucket);
    if (m_stamps[std::size_t(slot)] == bucket)
        return;
    // The slot held a bucket that has left the window: empty it in every series.
    m_stamps[std::size_t(slot)] = bucket;
    for (Track &track : m_tracks)
        track.counts[std::size_t(slot)] = 0;
    m_other.counts[std::size_t(slot)] = 0;
}

bool RollingCounts::quiet(const Track &track, std::int64_t nowBucket) const
{
    for (int slot = 0; slot < m_buckets; ++slot) {
        const std::int64_t stamp = m_stamps[std::size_t(slot)];
        if (stamp > nowBucket - m_buckets && stamp <= nowBucket && track.counts[std::size_t(slot)] > 0)
            return false;
    }
    return true;
}

RollingCounts::Track *RollingCounts::trackFor(const QString &name, std::int64_t nowBucket)
{
    if (const auto it = m_index.constFind(name); it != m_index.constEnd())
        return &m_tracks[std::size_t(*it)];
    if (int(m_tracks.size()) < m_maxSeries) {
        m_index.insert(name, int(m_tracks.size()));
        m_tracks.push_back(Track{name, std::vector<std::uint32_t>(std::size_t(m_buckets), 0)});
        return &m_tracks.back();
    }
    // Counts only leave the window when the bucket changes, so one fruitless search per bucket is enough.
    if (m_fullAtBucket != nowBucket) {
        for (std::size_t i = 0; i < m_tracks.size(); ++i) {
            Track &track = m_tracks[i];
            if (!quiet(track, nowBucket))
                continue;
            m_index.remove(track.name);
            track.name = name;
            std::fill(track.counts.begin(), track.counts.end(), 0);
            m_index.insert(name, int(i));
            return &track;
        }
        m_fullAtBucket = nowBucket;
    }
    return &m_other;
}

void RollingCounts::add(std::int64_t nowMs, const QString &name, std::uint32_t count)
{
    // A clock that steps back (the user sets the time) counts into the latest bucket instead of
    // overwriting a newer one.
    const std::int64_t bucket = std::max(bucketAt(nowMs), m_latestBucket);
    m_latestBucket = bucket;
    advanceTo(bucket);
    Track *track = trackFor(name, bucket);
    track->counts[std::size_t(slotOf(bucket))] += count;
}

std::vector<std::uint32_t> RollingCounts::inOrder(const Track &track, std::int64_t nowBucket) const
{
    std::vector<std::uint32_t> counts(std::size_t(m_buckets), 0);
    for (int i = 0; i < m_buckets; ++i) {
        const std::int64_t bucket = nowBucket - m_buckets + 1 + i;
        if (bucket < 0)
            continue;
        const int slot = slotOf(bucket);
        if (m_stamps[std::size_t(slot)] == bucket)
            counts[std::size_t(i)] = track.counts[std::size_t(slot)];
    }
    return counts;
}

std::vector<RollingCounts::Series> RollingCounts::series(std::int64_t nowMs) const
{
    const std::int64_t now = bucketAt(nowMs);
    std::vector<Series> result;
    const auto collect = [&](const Track &track, bool other) {
        Series series{other ? QString() : track.name, other, inOrder(track, now)};
        if (series.total() > 0)
            result.push_back(std::move(series));
    };
    for (const Track &track : m_tracks)
        collect(track, false);
    collect(m_other, true);
    return result;
}

std::uint64_t RollingCounts::total(std::int64_t nowMs, const QString &name) const
{
    const auto it = m_index.constFind(name);
    if (it == m_index.constEnd())
        return 0;
    const auto counts = inOrder(m_tracks[std::size_t(*it)], bucketAt(nowMs));
    return std::accumulate(counts.begin(), counts.end(), std::uint64_t(0));
}

std::uint64_t RollingCounts::total(std::int64_t nowMs) const
{
    std::uint64_t sum = 0;
    for (const Series &series : series(nowMs))
        sum += series.total();
    return sum;
}

} // namespace hydra::stats
