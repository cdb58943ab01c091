#pragma once
// The TCP listener under the HTTP server. QHttpServer (before Qt 6.11) has no limits of
// its own, so every connection is watched here: each request's head is parsed strictly
// and admitted or refused before any of its body is read (the token check happens there,
// so nobody without one can make the gateway buffer a body), header and body sizes and
// deadlines are kept, idle keep-alive connections are closed, and the number of
// connections is capped, in all and per client address.

#include "request_framer.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QTcpServer>
#include <QTimer>

#include <deque>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

class QTcpSocket;

namespace hydra::server {

struct ListenerLimits
{
    std::size_t maxHeaderBytes = 64 * 1024;
    qint64 maxBodyBytes = 32LL * 1024 * 1024;
    int headerTimeoutMs = 10'000;     // a request's head must be complete this long after its first byte
    int bodyGraceMs = 10'000;         // a body may take this long plus its length at the rate below
    qint64 minBodyBytesPerSecond = 64 * 1024;
    int requestTimeoutMs = 30'000;    // a started request must keep arriving
    int keepAliveTimeoutMs = 120'000; // an idle connection with nothing in flight is closed
    int maxConnections = 1024;
    // Per client address. Local clients run many streams at once (all from 127.0.0.1), and so
    // does cloudflared for everybody behind the tunnel, so this stays generous. The tunnel
    // door does not use it: there every connection is cloudflared's.
    int maxConnectionsPerAddress = 512;
    // Tunnel door only: requests in flight per client (CF-Connecting-IP). Below the 200 a quick
    // tunnel allows, so that one client cannot take all of them.
    int maxInFlightPerClient = 64;
    // Failed token checks are answered later and later, up to this (per client address).
    int maxAuthFailureDelayMs = 4000;
    // The body a request may send when it needs no token (/health, preflights) or when the
    // gateway is open: the first two need none at all.
    qint64 smallBodyBytes = 64 * 1024;
};

// An answer the listener writes itself, then closes the connection.
struct RawReply
{
    int status = 400;
    std::vector<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body; // JSON
};

// What the admission step decided about a request from its head.
struct Admission
{
    bool admitted = true;
    qint64 maxBodyBytes = 0;         // admitted: the body it may send
    std::shared_ptr<void> ticket;    // admitted: handed back by takeAdmitted(), in request order
    RawReply refusal;                // refused: the answer, written after delayMs
    int delayMs = 0;

    static Admission refuse(RawReply reply, int delayMs = 0) { return {false, 0, {}, std::move(reply), delayMs}; }
};

class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    using AdmissionStep = std::function<Admission(const RequestHead &head, const QHostAddress &peer)>;

    explicit GuardedTcpServer(ListenerLimits limits, QObject *parent = nullptr);
    ~GuardedTcpServer() override;

    // Without one, every request is admitted with the full body limit and no ticket.
    void setAdmission(AdmissionStep admission) { m_admission = std::move(admission); }
    // The oldest admitted request's ticket on this connection (null if none is waiting).
    std::shared_ptr<void> takeAdmitted(QTcpSocket *socket);
    // A response is being produced on this connection: it is not idle.
    void setBusy(QTcpSocket *socket, bool busy);
    // Qt 6.5+ no longer hands the socket to request handlers; they find it by the peer's address
    // and port (two LAN clients may well use the same source port).
    QTcpSocket *socketForPeer(const QHostAddress &address, quint16 port) const;

    // Stops listening and lets what is in flight finish: a connection with nothing in flight is
    // closed now, every other one as soon as its answers are out (a request already arriving is
    // still answered). drained() follows once no connection is left, also when there was none.
    void drain();
    bool draining() const { return m_draining; }
    int connectionCount() const { return static_cast<int>(m_connections.size()); }

    static QByteArray reasonPhrase(int status);

Q_SIGNALS:
    void drained();

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    struct Connection;

    void inspect(QTcpSocket *socket);
    Admission admit(Connection &state, const RequestHead &head);
    void reject(QTcpSocket *socket, const RawReply &reply, int delayMs = 0);
    void rejectWith(QTcpSocket *socket, int status, const QByteArray &message);
    void rearm(QTcpSocket *socket);
    void forget(QTcpSocket *socket);
    void sweep(); // acts on connections past their deadline

    ListenerLimits m_limits;
    AdmissionStep m_admission;
    QHash<QTcpSocket *, Connection *> m_connections;
    QElapsedTimer m_clock;
    QTimer m_sweep;
    QHash<QHostAddress, int> m_perAddress; // open connections per client address
    QHash<std::pair<QHostAddress, quint16>, QTcpSocket *> m_byPeer; // for socketForPeer()
    bool m_draining = false;
};

} // namespace hydra::server
