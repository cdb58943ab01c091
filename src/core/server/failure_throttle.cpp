#include "failure_throttle.h"

#include <algorithm>

namespace hydra::server {

FailureThrottle::FailureThrottle(ThrottleSettings settings)
    : m_settings(settings)
{
}

int FailureThrottle::failure(const QByteArray &client, qint64 nowMs)
{
    if (!m_clients.contains(client))
        makeRoom(nowMs);
    Record &record = m_clients[client];
    if (nowMs - record.lastFailureMs > m_settings.forgetAfterMs)
        record.failures = 0;
    record.failures = std::min(record.failures + 1, 1000); // no overflow however long it goes on
    record.lastFailureMs = nowMs;
    const int delayed = record.failures - m_settings.freeFailures;
    if (delayed <= 0)
        return 0;
    qint64 delay = m_settings.firstDelayMs;
    for (int i = 1; i < delayed && delay < m_settings.maxDelayMs; ++i)
        delay *= 2;
    return static_cast<int>(std::min<qint64>(delay, m_settings.maxDelayMs));
}

void FailureThrottle::success(const QByteArray &client)
{
    m_clients.remove(client);
}

void FailureThrottle::makeRoom(qint64 nowMs)
{
    if (m_clients.size() < m_settings.maxClients)
        return;
    m_clients.removeIf([&](const auto &entry) { return nowMs - entry.value().lastFailureMs > m_settings.forgetAfterMs; });
    while (m_clients.size() >= m_settings.maxClients) {
        const auto oldest = std::min_element(m_clients.cbegin(), m_clients.cend(), [](const Record &a, const Record &b) {
            return a.lastFailureMs < b.lastFailureMs;
        });
        m_clients.erase(oldest);
    }
}

} // namespace hydra::server
