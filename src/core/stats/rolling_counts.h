#pragma once
// Counts per time bucket for a rolling window (e.g. 60 one-minute buckets: the last hour), split
// into named series (by key label, by model). Memory is fixed at construction: a ring of buckets
// per series and at most `maxSeries` named series. A name that arrives when every slot is taken
// reuses the slot of a series that has gone quiet for the whole window, else it is counted under
// "other". Time is passed in, so the window is tested without sleeping.

#include <QHash>
#include <QString>

#include <cstdint>
#include <vector>

namespace hydra::stats {

class RollingCounts
{
public:
    struct Series
    {
        QString name;
        bool other = false;                 // the fold of names beyond the cap (name is empty)
        std::vector<std::uint32_t> counts;  // one per bucket, oldest first, the last is now's
        std::uint64_t total() const;
    };

    RollingCounts(std::int64_t bucketMs, int buckets, int maxSeries);

    void add(std::int64_t nowMs, const QString &name, std::uint32_t count = 1);

    // Every series with a count in the window ending with now's bucket; named ones in the order
    // they were first seen, "other" last.
    std::vector<Series> series(std::int64_t nowMs) const;
    // Sum over the window, for one name (0 when it is unknown or folded into "other").
    std::uint64_t total(std::int64_t nowMs, const QString &name) const;
    std::uint64_t total(std::int64_t nowMs) const;

    std::int64_t bucketMs() const { return m_bucketMs; }
    int buckets() const { return m_buckets; }
    int maxSeries() const { return m_maxSeries; }
    // When the window ending with now's bucket starts (the oldest bucket's start).
    std::int64_t windowStartMs(std::int64_t nowMs) const;
    // Named series slots in use (never more than maxSeries).
    int trackedSeries() const { return int(m_tracks.size()); }

private:
    struct Track
    {
        QString name;
        std::vector<std::uint32_t> counts; // indexed by ring slot
    };

    std::int64_t bucketAt(std::int64_t ms) const;
    int slotOf(std::int64_t bucket) const;
    void advanceTo(std::int64_t bucket);
    bool quiet(const Track &track, std::int64_t nowBucket) const;
    Track *trackFor(const QString &name, std::int64_t nowBucket);
    std::vector<std::uint32_t> inOrder(const Track &track, std::int64_t nowBucket) const;

    std::int64_t m_bucketMs;
    int m_buckets;
    int m_maxSeries;
    std::int64_t m_latestBucket = -1;
    std::vector<std::int64_t> m_stamps; // ring slot -> the bucket it holds (-1: none yet)
    std::vector<Track> m_tracks;
    QHash<QString, int> m_index;        // name -> position in m_tracks
    Track m_other;
    std::int64_t m_fullAtBucket = -1;   // no quiet slot was found in this bucket: don't look again
};

} // namespace hydra::stats
