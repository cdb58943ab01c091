#pragma once
// The most recent finished requests, oldest first, capped: the oldest leave as new ones come.
// A running count of everything ever added lets a reader (the dashboard's log table) take
// only what arrived since it last looked.

#include "request_record.h"

#include <cstdint>
#include <deque>

namespace hydra::stats {

class RequestLog
{
public:
    explicit RequestLog(int capacity);

    void add(const RequestRecord &record);

    const std::deque<RequestRecord> &records() const { return m_records; } // oldest first
    std::uint64_t addedCount() const { return m_added; }
    int capacity() const { return m_capacity; }

private:
    int m_capacity;
    std::deque<RequestRecord> m_records;
    std::uint64_t m_added = 0;
};

} // namespace hydra::stats
