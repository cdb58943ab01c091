#pragma once
// Slows down guessing: after a few failed token checks from one client address, each
// further failure is answered later, the delay doubling up to a bound. A success or a
// quiet spell forgives. Memory is bounded: the longest-quiet address is forgotten first.
// Pure; the caller passes the time.

#include <QByteArray>
#include <QHash>

namespace hydra::server {

struct ThrottleSettings
{
    int freeFailures = 3;          // answered at once
    int firstDelayMs = 250;        // the first delayed failure; doubles with each further one
    int maxDelayMs = 4000;         // never longer
    qint64 forgetAfterMs = 300'000; // no failure for this long: the count starts over
    qsizetype maxClients = 4096;
};

class FailureThrottle
{
public:
    explicit FailureThrottle(ThrottleSettings settings = {});

    // Counts a failure from `client`; returns how long to wait before answering it.
    int failure(const QByteArray &client, qint64 nowMs);
    void success(const QByteArray &client);
    qsizetype trackedClients() const { return m_clients.size(); }

private:
    struct Record
    {
        int failures = 0;
        qint64 lastFailureMs = 0;
    };

    void makeRoom(qint64 nowMs);

    ThrottleSettings m_settings;
    QHash<QByteArray, Record> m_clients;
};

} // namespace hydra::server
