#include "http_client.h"

#include <QNetworkProxyFactory>
#include <QNetworkProxyQuery>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>

#include <utility>

namespace hydra::upstream {
namespace {

constexpr int idleConnectionMs = 30'000;  // well under the idle limits of Google's front ends
constexpr int connectTimeoutMs = 10'000;  // an unreachable host fails fast and the next key is tried
constexpr qsizetype maxIdlePerOrigin = 256;

QString originOf(const QUrl &url, const QHostAddress &address)
{
    return url.scheme() + QStringLiteral("://") + url.host() + QLatin1Char(':') +
           QString::number(url.port(url.scheme() == u"https" ? 443 : 80)) +
           (address.isNull() ? QString() : u'@' + address.toString());
}

} // namespace

// ---- UpstreamCall

UpstreamCall::UpstreamCall(HttpClient *client, QUrl url, QByteArray request, CallTimeouts timeouts)
    : QObject(client)
    , m_client(client)
    , m_url(std::move(url))
    , m_request(std::move(request))
    , m_timeouts(timeouts)
{
    m_inactivity.setSingleShot(true);
    m_inactivity.setInterval(timeouts.firstByteMs);
    connect(&m_inactivity, &QTimer::timeout, this, [this] {
        const double seconds = m_inactivity.interval() / 1000.0;
        if (!m_requestSent) { // not a timeout of the answer: the host could not be reached
            fail(QStringLiteral("could not connect to %1 within %2 s").arg(m_url.host()).arg(seconds));
            return;
        }
        m_timedOut = true; // fail() closes the connection: the upstream stops working for nobody
        fail(m_gotBody ? QStringLiteral("%1 sent nothing more for %2 s").arg(m_url.host()).arg(seconds)
                       : QStringLiteral("%1 sent no answer within %2 s").arg(m_url.host()).arg(seconds));
    });
}

UpstreamCall::~UpstreamCall()
{
    abort();
}

void UpstreamCall::start(QTcpSocket *socket, bool reused)
{
    m_socket = socket;
    m_reused = reused;
    m_requestSent = false;
    socket->setParent(this);
    connect(socket, &QTcpSocket::readyRead, this, &UpstreamCall::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &UpstreamCall::onDisconnected);
    connect(socket, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error == QAbstractSocket::RemoteHostClosedError)
            return; // handled by onDisconnected, which knows whether the answer was complete
        fail(m_socket ? m_socket->errorString() : QStringLiteral("connection failed"));
    });
    if (auto *ssl = qobject_cast<QSslSocket *>(socket)) {
        connect(ssl, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            fail(QStringLiteral("TLS error with %1: %2").arg(m_url.host(), errors.value(0).errorString()));
        });
    }
    if (socket->state() == QAbstractSocket::ConnectedState && (!qobject_cast<QSslSocket *>(socket) ||
                                                              qobject_cast<QSslSocket *>(socket)->isEncrypted())) {
        sendRequest();
    } else {
        m_inactivity.start(qMin(connectTimeoutMs, m_timeouts.firstByteMs));
        const auto sendWhenReady = [this] {
            if (m_socket)
                sendRequest();
        };
        if (auto *ssl = qobject_cast<QSslSocket *>(socket))
            connect(ssl, &QSslSocket::encrypted, this, sendWhenReady);
        else
            connect(socket, &QTcpSocket::connected, this, sendWhenReady);
    }
}

void UpstreamCall::sendRequest()
{
    m_inactivity.start(m_timeouts.firstByteMs); // connected: now the answer may take its time
    m_requestSent = true;
    m_socket->write(m_request);
    // Into the kernel now rather than on the next pass of the event loop (QSslSocket would even
    // queue the encryption for a later pass): under load that pass, with its poll() over every
    // connection and its wake-ups, was a good part of what a request cost. A write error here
    // arrives synchronously (see m_starting).
    if (m_socket)
        m_socket->flush();
}

QByteArray UpstreamCall::readAll()
{
    QByteArray out = QByteArray::fromStdString(m_body);
    m_body.clear();
    return out;
}

QByteArray UpstreamCall::read(qint64 maxBytes)
{
    const auto take = static_cast<std::size_t>(qMin<qint64>(maxBytes, static_cast<qint64>(m_body.size())));
    QByteArray out(m_body.data(), static_cast<qsizetype>(take));
    m_body.erase(0, take);
    return out;
}

void UpstreamCall::onReadyRead()
{
    if (!m_socket || m_finished)
        return;
    const QByteArray bytes = m_socket->readAll();
    if (bytes.isEmpty())
        return;
    m_gotBytes = true;
    const std::size_t before = m_body.size();
    const bool wasHeaders = m_parser.headersComplete();
    if (!m_parser.feed(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())), m_body)) {
        fail(QString::fromStdString(m_parser.error()));
        return;
    }
    // The first-byte limit runs until the body starts (a thinking model's answer may come with
    // its headers, or only when it is done); after that, any byte restarts the idle limit.
    if (m_body.size() != before)
        m_gotBody = true;
    if (m_gotBody)
        m_inactivity.start(m_timeouts.idleMs);
    if (m_body.size() != before || (!wasHeaders && m_parser.headersComplete()))
        Q_EMIT readyRead();
    if (m_parser.done())
        complete();
}

void UpstreamCall::onDisconnected()
{
    if (m_finished)
        return;
    if (!m_gotBytes && m_reused && m_client) {
        // A pooled connection the server had already closed: nothing was processed,
        // so the request goes again on a fresh connection.
        release();
        m_client->retryFresh(this);
        return;
    }
    m_parser.connectionClosed();
    if (m_parser.done())
        complete();
    else
        fail(QString::fromStdString(m_parser.error()));
}

void UpstreamCall::complete()
{
    m_finished = true;
    m_inactivity.stop();
    if (m_socket && m_client && m_parser.reusable() && m_socket->bytesAvailable() == 0) {
        QTcpSocket *socket = m_socket;
        m_socket = nullptr;
        disconnect(socket, nullptr, this, nullptr);
        m_client->giveBack(m_origin, socket);
    } else {
        release();
    }
    emitFinished();
}

void UpstreamCall::fail(const QString &error)
{
    if (m_finished)
        return;
    m_error = error.isEmpty() ? QStringLiteral("upstream connection failed") : error;
    m_finished = true;
    m_inactivity.stop();
    release();
    emitFinished();
}

void UpstreamCall::emitFinished()
{
    if (m_starting) // inside HttpClient::send(): the caller has not connected to finished yet
        QMetaObject::invokeMethod(this, [this] { Q_EMIT finished(); }, Qt::QueuedConnection);
    else
        Q_EMIT finished();
}

void UpstreamCall::abort()
{
    m_finished = true;
    m_inactivity.stop();
    release();
}

void UpstreamCall::release()
{
    if (!m_socket)
        return;
    QTcpSocket *socket = m_socket;
    m_socket = nullptr;
    disconnect(socket, nullptr, this, nullptr);
    socket->abort();
    socket->deleteLater();
}

// ---- HttpClient

HttpClient::HttpClient(QObject *parent)
    : QObject(parent)
{
}

HttpClient::~HttpClient()
{
    // A socket's destructor emits disconnected, and the pool's handler for it edits m_idle: the
    // list being walked. So the pool is taken out first and each socket cut off before it goes.
    const auto idle = std::exchange(m_idle, {});
    for (const auto &sockets : idle) {
        for (QTcpSocket *socket : sockets) {
            disconnect(socket, nullptr, this, nullptr);
            delete socket;
        }
    }
}

UpstreamCall *HttpClient::send(const QByteArray &method, const QUrl &url, const Headers &headers,
                               const QByteArray &body, CallTimeouts timeouts, const QHostAddress &address)
{
    QByteArray request;
    request.reserve(body.size() + 512);
    request += method + ' ' + url.path(QUrl::FullyEncoded).toLatin1();
    if (url.hasQuery())
        request += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    request += " HTTP/1.1\r\nHost: " + url.host(QUrl::FullyEncoded).toLatin1();
    if (url.port() > 0)
        request += ':' + QByteArray::number(url.port());
    request += "\r\n";
    for (const auto &[name, value] : headers)
        request += name + ": " + value + "\r\n";
    if (method != "GET" || !body.isEmpty())
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    request += "\r\n" + body;

    auto *call = new UpstreamCall(this, url, std::move(request), timeouts);
    call->m_address = address;
    call->m_origin = originOf(url, address);
    call->m_starting = true;
    if (QTcpSocket *idle = takeIdle(call->m_origin))
        call->start(idle, true);
    else
        call->start(connectTo(url, address), false);
    call->m_starting = false;
    return call;
}

QTcpSocket *HttpClient::takeIdle(const QString &origin)
{
    auto it = m_idle.find(origin);
    while (it != m_idle.end() && !it->isEmpty()) {
        QTcpSocket *socket = it->takeLast(); // the most recently used is the least likely to be stale
        if (auto *timer = socket->findChild<QTimer *>(QStringLiteral("idle"), Qt::FindDirectChildrenOnly))
            timer->stop();
        if (socket->state() == QAbstractSocket::ConnectedState && socket->bytesAvailable() == 0) {
            disconnect(socket, nullptr, this, nullptr);
            return socket;
        }
        socket->deleteLater();
    }
    return nullptr;
}

QTcpSocket *HttpClient::connectTo(const QUrl &url, const QHostAddress &address)
{
    const bool tls = url.scheme() == u"https";
    QTcpSocket *socket = tls ? new QSslSocket : new QTcpSocket;
    // Honour the system's proxy settings (HTTPS_PROXY and friends): people in many
    // places reach Google only through one.
    // Looked up once per origin: the lookup blocks and re-reads system files every time.
    const QString origin = originOf(url, {});
    auto proxy = m_proxies.constFind(origin);
    if (proxy == m_proxies.cend()) {
        const QList<QNetworkProxy> proxies = QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(url));
        proxy = m_proxies.insert(origin, proxies.isEmpty() ? QNetworkProxy(QNetworkProxy::DefaultProxy) : proxies.first());
    }
    if (proxy->type() != QNetworkProxy::DefaultProxy)
        socket->setProxy(*proxy);
    // Set before connecting, socket options are silently dropped (Qt applies them only to an
    // open socket), so they go on once the TCP connection stands, ahead of the TLS handshake.
    connect(socket, &QAbstractSocket::connected, socket, [socket] {
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    });
    const quint16 port = static_cast<quint16>(url.port(tls ? 443 : 80));
    if (auto *ssl = qobject_cast<QSslSocket *>(socket)) {
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setAllowedNextProtocols({QByteArrayLiteral("http/1.1")});
        ssl->setSslConfiguration(config);
        if (address.isNull())
            ssl->connectToHostEncrypted(url.host(), port);
        else // the certificate is still checked against the name
            ssl->connectToHostEncrypted(address.toString(), port, url.host());
    } else if (address.isNull()) {
        socket->connectToHost(url.host(), port);
    } else {
        socket->connectToHost(address, port);
    }
    return socket;
}

void HttpClient::giveBack(const QString &origin, QTcpSocket *socket)
{
    auto &idle = m_idle[origin];
    if (idle.size() >= maxIdlePerOrigin) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    socket->setParent(this);
    idle.append(socket);
    // Dropped from the pool when the server closes it or it sits unused too long.
    const auto drop = [this, origin, socket] {
        m_idle[origin].removeOne(socket);
        disconnect(socket, nullptr, this, nullptr);
        socket->abort();
        socket->deleteLater();
    };
    connect(socket, &QTcpSocket::disconnected, this, drop);
    connect(socket, &QTcpSocket::readyRead, this, drop); // an idle connection must stay silent
    auto *timer = socket->findChild<QTimer *>(QStringLiteral("idle"), Qt::FindDirectChildrenOnly);
    if (!timer) {
        timer = new QTimer(socket);
        timer->setObjectName(QStringLiteral("idle"));
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, socket, &QTcpSocket::disconnectFromHost);
    }
    timer->start(idleConnectionMs);
}

void HttpClient::retryFresh(UpstreamCall *call)
{
    call->start(connectTo(call->m_url, call->m_address), false);
}

} // namespace hydra::upstream
