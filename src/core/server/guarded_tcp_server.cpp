#include "guarded_tcp_server.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

namespace hydra::server {

namespace {
// The one QHttpServer version difference the listener has to know about.
constexpr bool qtAnswersExpectContinue = QT_VERSION >= QT_VERSION_CHECK(6, 5, 0);
} // namespace

GuardedTcpServer::GuardedTcpServer(ListenerLimits limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_sweep(this)
{
    // One timer for all connections: restarting a timer per connection on every read cost more
    // than the rest of the read's bookkeeping. Deadlines are checked a few times per shortest
    // timeout (at least once a second), which is all the precision a 30 s timeout needs.
    m_sweep.setInterval(std::clamp(std::min(m_limits.requestTimeoutMs, m_limits.keepAliveTimeoutMs) / 4, 10, 1000));
    connect(&m_sweep, &QTimer::timeout, this, &GuardedTcpServer::sweep);
    m_clock.start();
}

GuardedTcpServer::~GuardedTcpServer()
{
    // The sockets (our children) outlive this body; their bookkeeping must not.
    for (QTcpSocket *socket : m_connections.keys())
        disconnect(socket, nullptr, this, nullptr);
    qDeleteAll(m_connections);
    m_connections.clear();
}

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (m_connections.size() >= m_limits.maxConnections) {
        reject(socket, 503, "The gateway has too many open connections; try again shortly.");
        return;
    }
    const QHostAddress peer = socket->peerAddress();
    if (m_perAddress.value(peer) >= m_limits.maxConnectionsPerAddress) {
        reject(socket, 429, "Too many open connections from your address; close some and try again.");
        return;
    }
    ++m_perAddress[peer];
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // SSE events must not wait for Nagle

    auto *connection = new Connection{RequestFramer(m_limits.maxHeaderBytes, m_limits.maxBodyBytes), -1, 0, peer};
    m_connections.insert(socket, connection);
    if (!m_sweep.isActive())
        m_sweep.start();

    // Connected before the HTTP server sees the socket, so this runs first on every read.
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { inspect(socket); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
        forget(socket);
        socket->deleteLater();
    });
    connect(socket, &QObject::destroyed, this, [this, socket] { forget(socket); });
    rearm(socket);
    addPendingConnection(socket);

    // Runs after the HTTP server's own reader has been connected, so this slot follows it on
    // every read and records how many bytes it left unread (a pipelined request's start):
    // inspect() then feeds the framer only bytes it has not seen.
    QMetaObject::invokeMethod(this, [this, socket = QPointer<QTcpSocket>(socket)] {
        if (!socket)
            return;
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            if (Connection *state = m_connections.value(socket))
                state->leftover = socket->bytesAvailable();
        });
    }, Qt::QueuedConnection);
}

void GuardedTcpServer::forget(QTcpSocket *socket)
{
    Connection *state = m_connections.take(socket);
    if (!state)
        return;
    if (--m_perAddress[state->peer] <= 0)
        m_perAddress.remove(state->peer);
    delete state;
    if (m_connections.isEmpty())
        m_sweep.stop();
}

void GuardedTcpServer::sweep()
{
    const qint64 now = m_clock.elapsed();
    QList<QTcpSocket *> expired;
    for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it) {
        if (it.value()->deadlineMs >= 0 && now >= it.value()->deadlineMs)
            expired.append(it.key());
    }
    // Acted on after the walk: answering or aborting changes m_connections.
    for (QTcpSocket *socket : expired) {
        Connection *state = m_connections.value(socket);
        if (!state)
            continue;
        if (state->framer.midRequest())
            reject(socket, 408, "The request was not received in time.");
        else
            socket->abort(); // idle keep-alive connection
    }
}

void GuardedTcpServer::inspect(QTcpSocket *socket)
{
    Connection *state = m_connections.value(socket);
    if (!state)
        return;
    const qint64 available = socket->bytesAvailable();
    const QByteArray bytes = socket->peek(available);
    const qint64 fresh = qMax<qint64>(0, bytes.size() - state->leftover);
    const auto verdict = state->framer.feed(std::string_view(bytes.constData() + (bytes.size() - fresh),
                                                             static_cast<std::size_t>(fresh)));
    state->leftover = bytes.size();
    switch (verdict) {
    case RequestFramer::Verdict::Ok:
        // Qt answers "Expect: 100-continue" itself only from 6.5 on; without the 100 curl waits a
        // second before it sends a body over 1 MiB (an image, say). Not while an earlier answer
        // on this connection is still being written: the 100 would land inside it.
        if (state->framer.takeContinueRequest() && !qtAnswersExpectContinue && state->busy == 0)
            socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        break;
    case RequestFramer::Verdict::BodyTooLarge:
        reject(socket, 413,
               "The request body is larger than the gateway accepts (" +
                   QByteArray::number(m_limits.maxBodyBytes / (1024 * 1024)) + " MiB).");
        return;
    case RequestFramer::Verdict::HeadersTooLarge:
        reject(socket, 431, "The request headers are too large.");
        return;
    case RequestFramer::Verdict::Malformed:
        // Where the request ends is in doubt, so the limits could no longer be kept on this
        // connection: it is answered and closed.
        reject(socket, 400, "The request's framing is malformed (Content-Length or chunked encoding).");
        return;
    }
    rearm(socket);
}

void GuardedTcpServer::rearm(QTcpSocket *socket)
{
    Connection *state = m_connections.value(socket);
    if (!state)
        return;
    if (state->framer.midRequest())
        state->deadlineMs = m_clock.elapsed() + m_limits.requestTimeoutMs;
    else if (state->busy > 0)
        state->deadlineMs = -1;
    else
        state->deadlineMs = m_clock.elapsed() + m_limits.keepAliveTimeoutMs;
}

void GuardedTcpServer::setBusy(QTcpSocket *socket, bool busy)
{
    Connection *state = m_connections.value(socket);
    if (!state)
        return;
    state->busy = qMax(0, state->busy + (busy ? 1 : -1));
    rearm(socket);
}

QTcpSocket *GuardedTcpServer::socketForPeerPort(quint16 port) const
{
    for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it) {
        if (it.key()->peerPort() == port)
            return it.key();
    }
    return nullptr;
}

void GuardedTcpServer::reject(QTcpSocket *socket, int status, const QByteArray &message)
{
    // Nobody else may read this connection again: the answer is final, and its own timers
    // below (not the sweep) close it.
    QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
    if (Connection *state = m_connections.value(socket))
        state->deadlineMs = -1;
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater, Qt::UniqueConnection);
    const char *reason = status == 400 ? "Bad Request"
                         : status == 413 ? "Payload Too Large"
                         : status == 431 ? "Request Header Fields Too Large"
                         : status == 408 ? "Request Timeout"
                         : status == 429 ? "Too Many Requests"
                                         : "Service Unavailable";
    const char *type = status == 503 ? "server_error" : status == 429 ? "rate_limit_exceeded" : "invalid_request_error";
    QByteArray escaped = message;
    escaped.replace('\\', "\\\\").replace('"', "\\\"");
    const QByteArray body = "{\"error\":{\"message\":\"" + escaped + "\",\"type\":\"" + type +
                            "\",\"param\":null,\"code\":null}}";
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                  "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
                  "\r\nConnection: close\r\n\r\n" + body);
    // Closing now would make the kernel reset the connection while the client is still
    // uploading, and the client would never read the answer. So the rest of the upload is
    // read and thrown away until the client has been quiet for a moment (bounded in time).
    auto *quiet = new QTimer(socket);
    quiet->setSingleShot(true);
    connect(quiet, &QTimer::timeout, socket, [socket] { socket->disconnectFromHost(); });
    connect(socket, &QTcpSocket::readyRead, quiet, [socket, quiet] {
        socket->readAll();
        quiet->start(500);
    });
    socket->readAll();
    quiet->start(500);
    QTimer::singleShot(10'000, socket, &QTcpSocket::abort);
}

} // namespace hydra::server
