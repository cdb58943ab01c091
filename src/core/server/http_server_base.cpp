#include "http_server_base.h"

#include "memory_release.h"

#include <QHttpServerRequest>
#include <QMetaEnum>
#include <QHttpServerResponder>
#include <QTcpSocket>
#include <QUrl>

#include <typeinfo>

namespace hydra::server {
namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    using M = QHttpServerRequest::Method;
    switch (method) { // the common ones without a look-up in the meta-object (every request)
    case M::Get: return QByteArrayLiteral("GET");
    case M::Post: return QByteArrayLiteral("POST");
    case M::Options: return QByteArrayLiteral("OPTIONS");
    default: {
        const QMetaEnum methods = QMetaEnum::fromType<QHttpServerRequest::Method>();
        return QByteArray(methods.valueToKey(static_cast<int>(method))).toUpper();
    }
    }
}

// The request as the head parser read it: the same bytes the admission step judged, whatever
// Qt's own parser made of them.
IncomingRequest fromHead(const RequestHead &head, const QHostAddress &peer)
{
    IncomingRequest out;
    out.method = QByteArray::fromStdString(head.method);
    const QUrl url = QUrl::fromEncoded(QByteArray::fromStdString(head.target));
    out.path = url.path(QUrl::FullyDecoded);
    out.query = QUrlQuery(url);
    for (const char *name : readHeaders) {
        const std::string_view value = head.field(name);
        if (!value.empty())
            out.headers.insert(name, QByteArray(value.data(), static_cast<qsizetype>(value.size())));
    }
    out.peer = peer;
    out.closeAfterResponse = !head.keepAlive;
    return out;
}

} // namespace

HttpServerBase::HttpServerBase(QObject *parent)
    : QAbstractHttpServer(parent)
    , m_trim(this)
{
    m_trim.setSingleShot(true);
    m_trim.setInterval(200);
    connect(&m_trim, &QTimer::timeout, this, &trimFreedMemory);
}

HttpServerBase::~HttpServerBase()
{
    // Exchanges hold responders that must die before the server (Qt 6.5+ lifetime rule).
    for (auto &queue : m_queues) {
        for (auto &pending : queue)
            delete pending.exchange;
    }
}

bool HttpServerBase::listenOn(const QHostAddress &address, quint16 port, const ListenerLimits &limits,
                              QString *error)
{
    auto *listener = new GuardedTcpServer(limits, this);
    // Qt's default backlog of 50 drops a burst of new connections (500 clients starting
    // their streams at once), and each dropped client waits a second to try again.
    listener->setListenBacklogSize(1024);
    listener->setAdmission([this](const RequestHead &head, const QHostAddress &peer) { return admitHead(head, peer); });
    if (!listener->listen(address, port)) {
        if (error)
            *error = listener->errorString();
        delete listener;
        return false;
    }
    bind(listener);
    m_listener = listener;
    m_limits = limits;
    m_port = listener->serverPort();
    m_address = listener->serverAddress();
    connect(listener, &GuardedTcpServer::drained, this, &HttpServerBase::drained);
    return true;
}

quint16 HttpServerBase::port() const
{
    return m_port;
}

QHostAddress HttpServerBase::address() const
{
    return m_address;
}

void HttpServerBase::drain()
{
    if (!m_listener) {
        QMetaObject::invokeMethod(this, &HttpServerBase::drained, Qt::QueuedConnection);
        return;
    }
    m_listener->drain();
}

int HttpServerBase::connectionCount() const
{
    return m_listener ? m_listener->connectionCount() : 0;
}

#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
bool HttpServerBase::handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    QTcpSocket *socket = m_listener ? m_listener->socketForPeer(request.remoteAddress(), request.remotePort()) : nullptr;
    accept(request, std::make_unique<QHttpServerResponder>(std::move(responder)), socket);
    return true;
}
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
void HttpServerBase::missingHandler(const QHttpServerRequest &, QHttpServerResponder &responder)
#else
void HttpServerBase::missingHandler(const QHttpServerRequest &, QHttpServerResponder &&responder)
#endif
{
    responder.write(QHttpServerResponder::StatusCode::NotFound); // unreachable: handleRequest takes everything
}
#else
bool HttpServerBase::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    accept(request, std::make_unique<QHttpServerResponder>(makeResponder(request, socket)), socket);
    return true;
}

void HttpServerBase::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
}
#endif

Admission HttpServerBase::admit(IncomingRequest &)
{
    return {true, m_limits.maxBodyBytes, {}, {}, 0};
}

Admission HttpServerBase::admitHead(const RequestHead &head, const QHostAddress &peer)
{
    IncomingRequest request = fromHead(head, peer);
    Admission admission;
    try {
        admission = admit(request);
    } catch (const std::exception &error) {
        qWarning("hydra: the admission step failed (%s); answered 500", typeid(error).name());
        return Admission::refuse({500, {}, R"({"error":{"message":"The gateway failed to read this request.","type":"server_error","param":null,"code":null}})"});
    }
    if (admission.admitted)
        admission.ticket = std::make_shared<IncomingRequest>(std::move(request));
    return admission;
}

void HttpServerBase::accept(const QHttpServerRequest &request, std::unique_ptr<QHttpServerResponder> responder,
                            QTcpSocket *socket)
{
    // The head the listener admitted, in request order. Qt's parser and the head parser must
    // agree on where requests begin; if they do not, nothing on this connection can be trusted.
    const auto admitted = m_listener && socket ? std::static_pointer_cast<IncomingRequest>(m_listener->takeAdmitted(socket))
                                               : nullptr;
    if (!admitted || admitted->method != methodName(request.method())) {
        if (socket)
            socket->abort();
        return;
    }
    if (const auto queued = m_queues.constFind(socket); queued != m_queues.cend() && queued->size() >= maxQueuedRequests) {
        // Qt parses pipelined requests while an answer is pending, and each one waiting here holds
        // its body: a client that keeps sending behind a long stream is cut off, not buffered.
        socket->abort();
        return;
    }
    IncomingRequest incoming = std::move(*admitted);
    incoming.body = request.body();
    // Qt keeps a connection's request buffers (the body's capacity among them) for its next
    // request: after a large body they would hold tens of MB for as long as the client keeps the
    // connection open. Closing it after the answer gives that memory back; a new connection for
    // the next request is nothing next to an upload that size.
    if (incoming.body.size() > largeBodyBytes) {
        incoming.closeAfterResponse = true;
        // And once the connection is gone, its freed buffers go back to the system
        // (memory_release.h): a moment later, when what the request left behind is freed too.
        if (socket)
            connect(socket, &QObject::destroyed, this, [this] {
                if (!m_trim.isActive())
                    m_trim.start();
            });
    }
    auto *exchange = new HttpExchange(std::move(responder), socket, incoming.closeAfterResponse);
    m_listener->setBusy(socket, true);
    auto &queue = m_queues[socket];
    queue.push_back({std::move(incoming), exchange});
    connect(exchange, &HttpExchange::done, this, [this, socket = QPointer<QTcpSocket>(socket), raw = socket, exchange] {
        exchange->deleteLater();
        if (m_listener && socket)
            m_listener->setBusy(socket, false);
        const auto it = m_queues.find(raw);
        if (it == m_queues.end())
            return;
        const bool wasFront = !it->empty() && it->front().exchange == exchange;
        std::erase_if(*it, [exchange](const Pending &pending) { return pending.exchange == exchange; });
        if (it->empty())
            m_queues.erase(it);
        else if (wasFront)
            QMetaObject::invokeMethod(this, [this, raw] { dispatchNext(raw); }, Qt::QueuedConnection);
    });
    if (queue.size() == 1) {
        const IncomingRequest copy = queue.front().request; // the queue entry may go away during the call
        handle(copy, exchange);
    }
}

void HttpServerBase::dispatchNext(QTcpSocket *socket)
{
    const auto it = m_queues.constFind(socket);
    if (it == m_queues.cend() || it->empty())
        return;
    const IncomingRequest request = it->front().request; // the queue entry may go away during the call
    HttpExchange *exchange = it->front().exchange;
    if (!exchange->responseStarted() && !exchange->finished())
        handle(request, exchange);
}

void HttpServerBase::handle(const IncomingRequest &request, HttpExchange *exchange)
{
    const QPointer<HttpExchange> guard(exchange);
    try {
        onRequest(request, exchange);
    } catch (const std::exception &error) {
        // A bug, not the client's fault; but one request must never take the gateway down. The
        // message is not logged: it may quote the request.
        qWarning("hydra: a request handler failed (%s); answered 500", typeid(error).name());
        if (!guard)
            return;
        if (exchange->responseStarted())
            exchange->abortConnection();
        else
            exchange->respond(500, "application/json",
                              R"({"error":{"message":"The gateway failed while serving this request.","type":"server_error","param":null,"code":"internal_error"}})");
    }
}

} // namespace hydra::server
