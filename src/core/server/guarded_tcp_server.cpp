#include "guarded_tcp_server.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

namespace hydra::server {

struct GuardedTcpServer::Connection
{
    explicit Connection(QHostAddress peer)
        : peer(std::move(peer))
    {
    }

    std::unique_ptr<RequestFramer> framer; // set right after construction: it calls back into admit()
    qint64 deadlineMs = -1;   // on m_clock; -1: none (a response is being produced)
    qint64 leftover = 0;      // bytes the HTTP server left unread after its last pass
    qint64 headStartedMs = -1; // when the current request's first byte arrived
    qint64 admittedAtMs = -1;
    qint64 announcedLength = 0; // the admitted request's Content-Length; -1: chunked
    std::optional<Admission> refusal; // what the admission step answered instead of admitting
    std::deque<std::shared_ptr<void>> admitted; // tickets of requests the HTTP server has not taken yet
    QHostAddress peer;
    quint16 peerPort = 0;
    int busy = 0;
};

namespace {
// The one QHttpServer version difference the listener has to know about.
constexpr bool qtAnswersExpectContinue = QT_VERSION >= QT_VERSION_CHECK(6, 5, 0);
constexpr std::size_t maxWaitingRequests = 32; // admitted, not yet taken by the HTTP server
} // namespace

GuardedTcpServer::GuardedTcpServer(ListenerLimits limits, QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_sweep(this)
{
    // One timer for all connections: restarting a timer per connection on every read cost more
    // than the rest of the read's bookkeeping. Deadlines are checked a few times per shortest
    // timeout (at least once a second), which is all the precision a 10 s timeout needs.
    const int shortest = std::min({m_limits.requestTimeoutMs, m_limits.keepAliveTimeoutMs, m_limits.headerTimeoutMs,
                                   m_limits.bodyGraceMs});
    m_sweep.setInterval(std::clamp(shortest / 4, 10, 1000));
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
        rejectWith(socket, 503, "The gateway has too many open connections; try again shortly.");
        return;
    }
    const QHostAddress peer = socket->peerAddress();
    if (m_perAddress.value(peer) >= m_limits.maxConnectionsPerAddress) {
        rejectWith(socket, 429, "Too many open connections from your address; close some and try again.");
        return;
    }
    ++m_perAddress[peer];
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // SSE events must not wait for Nagle

    auto *connection = new Connection(peer);
    connection->peerPort = socket->peerPort();
    m_byPeer.insert({peer, connection->peerPort}, socket);
    connection->framer = std::make_unique<RequestFramer>(
        m_limits.maxHeaderBytes, m_limits.maxBodyBytes, [this, connection](const RequestHead &head) {
            const Admission admission = admit(*connection, head);
            if (!admission.admitted)
                return std::optional<std::int64_t>();
            return std::optional<std::int64_t>(admission.maxBodyBytes);
        });
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
    if (const auto it = m_byPeer.constFind({state->peer, state->peerPort}); it != m_byPeer.cend() && it.value() == socket)
        m_byPeer.erase(it);
    delete state;
    if (m_connections.isEmpty()) {
        m_sweep.stop();
        if (m_draining) // queued: forget() runs inside a socket's signal
            QMetaObject::invokeMethod(this, &GuardedTcpServer::drained, Qt::QueuedConnection);
    }
}

void GuardedTcpServer::drain()
{
    if (m_draining)
        return;
    m_draining = true;
    close();
    if (m_connections.isEmpty()) {
        QMetaObject::invokeMethod(this, &GuardedTcpServer::drained, Qt::QueuedConnection);
        return;
    }
    for (QTcpSocket *socket : m_connections.keys())
        rearm(socket);
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
        if (state->framer->midRequest())
            rejectWith(socket, 408, "The request was not received in time.");
        else
            socket->abort(); // idle keep-alive connection
    }
}

Admission GuardedTcpServer::admit(Connection &state, const RequestHead &head)
{
    Admission admission = m_admission ? m_admission(head, state.peer)
                                      : Admission{true, m_limits.maxBodyBytes, {}, {}, 0};
    if (!admission.admitted) {
        state.refusal = std::move(admission);
        return *state.refusal;
    }
    state.headStartedMs = -1;
    state.admittedAtMs = m_clock.elapsed();
    state.announcedLength = head.chunked ? -1 : head.contentLength;
    state.admitted.push_back(admission.ticket);
    return admission;
}

std::shared_ptr<void> GuardedTcpServer::takeAdmitted(QTcpSocket *socket)
{
    Connection *state = m_connections.value(socket);
    if (!state || state->admitted.empty())
        return nullptr;
    std::shared_ptr<void> ticket = std::move(state->admitted.front());
    state->admitted.pop_front();
    return ticket;
}

void GuardedTcpServer::inspect(QTcpSocket *socket)
{
    Connection *state = m_connections.value(socket);
    if (!state)
        return;
    const qint64 available = socket->bytesAvailable();
    const QByteArray bytes = socket->peek(available);
    const qint64 fresh = qMax<qint64>(0, bytes.size() - state->leftover);
    const auto verdict = state->framer->feed(std::string_view(bytes.constData() + (bytes.size() - fresh),
                                                              static_cast<std::size_t>(fresh)));
    state->leftover = bytes.size();
    switch (verdict) {
    case RequestFramer::Verdict::Ok:
        // Qt answers "Expect: 100-continue" itself only from 6.5 on; without the 100 curl waits a
        // second before it sends a body over 1 MiB (an image, say). Not while an earlier answer
        // on this connection is still being written: the 100 would land inside it. Only admitted
        // requests get here: a refused one never hears "go ahead".
        if (state->framer->takeContinueRequest() && !qtAnswersExpectContinue && state->busy == 0)
            socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        // From Qt 6.5 on, QHttpServer reads a connection's next request only once the answer
        // before it is done, so requests pipelined behind a long stream wait here, admitted: a
        // client that keeps sending is cut off rather than buffered (Qt 6.4 takes them at once,
        // and HttpServerBase caps them there).
        if (state->admitted.size() > maxWaitingRequests) {
            socket->abort();
            return;
        }
        break;
    case RequestFramer::Verdict::BodyTooLarge:
        rejectWith(socket, 413,
                   "The request body is larger than the gateway accepts (" +
                       QByteArray::number(m_limits.maxBodyBytes / (1024 * 1024)) + " MiB).");
        return;
    case RequestFramer::Verdict::HeadersTooLarge:
        rejectWith(socket, 431, "The request headers are too large.");
        return;
    case RequestFramer::Verdict::Malformed:
        // Where the request ends, or what it says, is in doubt, so the limits could no longer be
        // kept on this connection: it is answered and closed.
        rejectWith(socket, state->framer->rejection().status,
                   QByteArray::fromStdString(state->framer->rejection().message));
        return;
    case RequestFramer::Verdict::Refused: {
        const Admission refusal = std::move(*state->refusal);
        state->refusal.reset();
        reject(socket, refusal.refusal, refusal.delayMs);
        return;
    }
    }
    rearm(socket);
}

void GuardedTcpServer::rearm(QTcpSocket *socket)
{
    Connection *state = m_connections.value(socket);
    if (!state)
        return;
    const qint64 now = m_clock.elapsed();
    switch (state->framer->phase()) {
    case RequestFramer::Phase::Head:
        // A head that trickles in (slowloris) holds a connection for headerTimeoutMs at most.
        if (state->headStartedMs < 0)
            state->headStartedMs = now;
        state->deadlineMs = std::min(state->headStartedMs + m_limits.headerTimeoutMs, now + m_limits.requestTimeoutMs);
        return;
    case RequestFramer::Phase::Body: {
        // So does a body: its whole length at a slow client's rate, plus a grace period. A chunked
        // body is allowed time for what has come and the next 64 KiB.
        const qint64 length = state->announcedLength >= 0 ? state->announcedLength
                                                          : state->framer->bodyBytesSoFar() + 64 * 1024;
        const qint64 bodyDeadline = state->admittedAtMs + m_limits.bodyGraceMs +
                                    length * 1000 / std::max<qint64>(1, m_limits.minBodyBytesPerSecond);
        state->deadlineMs = std::min(bodyDeadline, now + m_limits.requestTimeoutMs);
        return;
    }
    case RequestFramer::Phase::Idle:
        state->headStartedMs = -1;
        state->deadlineMs = state->busy > 0 ? -1 : now + m_limits.keepAliveTimeoutMs;
        if (m_draining && state->busy == 0 && state->admitted.empty()) {
            // Nothing in flight and nothing more to come: closed once what was written is out.
            // Queued, since this runs inside the exchange's and the socket's own signals.
            QMetaObject::invokeMethod(socket, &QTcpSocket::disconnectFromHost, Qt::QueuedConnection);
        }
        return;
    }
}

void GuardedTcpServer::setBusy(QTcpSocket *socket, bool busy)
{
    Connection *state = m_connections.value(socket);
    if (!state)
        return;
    state->busy = qMax(0, state->busy + (busy ? 1 : -1));
    rearm(socket);
}

QTcpSocket *GuardedTcpServer::socketForPeer(const QHostAddress &address, quint16 port) const
{
    return m_byPeer.value({address, port}, nullptr);
}

QByteArray GuardedTcpServer::reasonPhrase(int status)
{
    switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 505: return "HTTP Version Not Supported";
    default: return "Service Unavailable";
    }
}

void GuardedTcpServer::rejectWith(QTcpSocket *socket, int status, const QByteArray &message)
{
    const char *type = status >= 500 ? "server_error" : status == 429 ? "rate_limit_exceeded" : "invalid_request_error";
    const nlohmann::json body = {
        {"error", {{"message", message.toStdString()}, {"type", type}, {"param", nullptr}, {"code", nullptr}}}};
    // Messages may quote what the client sent: never let its bytes break the JSON.
    reject(socket, {status, {}, QByteArray::fromStdString(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))});
}

void GuardedTcpServer::reject(QTcpSocket *socket, const RawReply &reply, int delayMs)
{
    // Nobody else may read this connection again: the answer is final, and its own timers
    // below (not the sweep) close it.
    QObject::disconnect(socket, &QTcpSocket::readyRead, nullptr, nullptr);
    if (Connection *state = m_connections.value(socket))
        state->deadlineMs = -1;
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater, Qt::UniqueConnection);
    QByteArray head = "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status) + "\r\n";
    for (const auto &[name, value] : reply.headers)
        head += name + ": " + value + "\r\n";
    head += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(reply.body.size()) +
            "\r\nConnection: close\r\n\r\n";
    auto answer = [socket, message = head + reply.body] {
        socket->write(message);
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
    };
    // A delayed answer (a throttled token failure) reads nothing meanwhile: what the client
    // sends waits in the kernel's buffer, which is bounded.
    if (delayMs > 0)
        QTimer::singleShot(delayMs, socket, answer);
    else
        answer();
    QTimer::singleShot(delayMs + 10'000, socket, &QTcpSocket::abort);
}

} // namespace hydra::server
