#include "request_log.h"

#include <algorithm>

namespace hydra::stats {

RequestLog::RequestLog(int capacity)
    : m_capacity(std::max(1, capacity))
{
}

void RequestLog::add(const RequestRecord &record)
{
    if (int(m_records.size()) == m_capacity)
        m_records.pop_front();
    m_records.push_back(record);
    ++m_added;
}

} // namespace hydra::stats
