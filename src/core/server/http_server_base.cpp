#include "http_server_base.h"

#include <QHttpServerRequest>
#include <QMetaEnum>
#include <QHttpServerResponder>
#include <QTcpSocket>

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

IncomingRequest copyRequest(const QHttpServerRequest &request)
{
    IncomingRequest out;
    out.method = methodName(request.method());
    out.path = request.url().path(QUrl::FullyDecoded);
    out.query = request.query();
    for (const char *name : readHeaders) {
        const QByteArray value = request.value(name);
        if (!value.isEmpty())
            out.headers.insert(name, value);
    }
    out.body = request.body();
    out.peer = request.remoteAddress();
    return out;
}

bool wantsClose(const QHttpServerRequest &request)
{
    return request.value("connection").toLower().contains("close");
}

} // namespace

HttpServerBase::HttpServerBase(QObject *parent)
    : QAbstractHttpServer(parent)
{
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
    if (!listener->listen(address, port)) {
        if (error)
            *error = listener->errorString();
        delete listener;
        return false;
    }
    bind(listener);
    m_listener = listener;
    return true;
}

quint16 HttpServerBase::port() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

QHostAddress HttpServerBase::address() const
{
    return m_listener ? m_listener->serverAddress() : QHostAddress();
}

#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
bool HttpServerBase::handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    QTcpSocket *socket = m_listener ? m_listener->socketForPeerPort(request.remotePort()) : nullptr;
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

void HttpServerBase::accept(const QHttpServerRequest &request, std::unique_ptr<QHttpServerResponder> responder,
                            QTcpSocket *socket)
{
    if (const auto queued = m_queues.constFind(socket); queued != m_queues.cend() && queued->size() >= maxQueuedRequests) {
        // Qt parses pipelined requests while an answer is pending, and each one waiting here holds
        // its body: a client that keeps sending behind a long stream is cut off, not buffered.
        socket->abort();
        return;
    }
    auto *exchange = new HttpExchange(std::move(responder), socket, wantsClose(request));
    if (!socket) { // no connection to order answers on (should not happen): answer right away
        connect(exchange, &HttpExchange::done, exchange, &QObject::deleteLater);
        onRequest(copyRequest(request), exchange);
        return;
    }
    if (m_listener)
        m_listener->setBusy(socket, true);
    auto &queue = m_queues[socket];
    queue.push_back({copyRequest(request), exchange});
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
        onRequest(copy, exchange);
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
        onRequest(request, exchange);
}

} // namespace hydra::server
