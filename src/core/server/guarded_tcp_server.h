#pragma once
// The TCP listener under the HTTP server. QHttpServer (before Qt 6.11) has no
// limits of its own, so every connection is watched here: header and body sizes
// are checked as bytes arrive, stalled requests and idle keep-alive connections
// are closed, and the number of connections is capped, in all and per client address.

#include "request_framer.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QTcpServer>
#include <QTimer>

class QTcpSocket;

namespace hydra::server {

struct ListenerLimits
{
    std::size_t maxHeaderBytes = 64 * 1024;
    qint64 maxBodyBytes = 32LL * 1024 * 1024;
    int requestTimeoutMs = 30'000;    // a started request must keep arriving
    int keepAliveTimeoutMs = 120'000; // an idle connection with nothing in flight is closed
    int maxConnections = 1024;
    // Per client address. Local clients run many streams at once (all from 127.0.0.1), and so
    // does cloudflared for everybody behind the tunnel, so this stays generous.
    int maxConnectionsPerAddress = 512;
    // Tunnel door only: requests in flight per client (CF-Connecting-IP). Below the 200 a quick
    // tunnel allows, so that one client cannot take all of them.
    int maxInFlightPerClient = 64;
    // Failed token checks are answered later and later, up to this (per client address).
    int maxAuthFailureDelayMs = 4000;
};

class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    explicit GuardedTcpServer(ListenerLimits limits, QObject *parent = nullptr);
    ~GuardedTcpServer() override;

    // A response is being produced on this connection: it is not idle.
    void setBusy(QTcpSocket *socket, bool busy);
    // Qt 6.5+ no longer hands the socket to request handlers; they find it by peer port.
    QTcpSocket *socketForPeerPort(quint16 port) const;

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    struct Connection
    {
        RequestFramer framer;
        qint64 deadlineMs = -1; // on m_clock; -1: none (a response is being produced)
        qint64 leftover = 0; // bytes the HTTP server left unread after its last pass
        QHostAddress peer;
        int busy = 0;
    };

    void inspect(QTcpSocket *socket);
    void reject(QTcpSocket *socket, int status, const QByteArray &message);
    void rearm(QTcpSocket *socket);
    void forget(QTcpSocket *socket);
    void sweep(); // acts on connections past their deadline

    ListenerLimits m_limits;
    QHash<QTcpSocket *, Connection *> m_connections;
    QElapsedTimer m_clock;
    QTimer m_sweep;
    QHash<QHostAddress, int> m_perAddress; // open connections per client address
};

} // namespace hydra::server
