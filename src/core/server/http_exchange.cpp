#include "http_exchange.h"

#include <QHttpServerResponder>
#include <QMetaEnum>
#include <QTcpSocket>

namespace hydra::server {
namespace {

QHttpServerResponder::StatusCode statusCode(int status)
{
    return static_cast<QHttpServerResponder::StatusCode>(HttpExchange::sendableStatus(status));
}

#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
QHttpHeaders toHttpHeaders(const HeaderList &headers)
{
    QHttpHeaders out;
    for (const auto &[name, value] : headers)
        out.append(name, value);
    return out;
}
#endif

} // namespace

int HttpExchange::sendableStatus(int status)
{
    static const QMetaEnum known = QMetaEnum::fromType<QHttpServerResponder::StatusCode>();
    if (known.valueToKey(status))
        return status;
    return status >= 400 && status < 500 ? 400 : status >= 500 && status < 600 ? 502 : 500;
}

HttpExchange::HttpExchange(std::unique_ptr<QHttpServerResponder> responder, QTcpSocket *socket,
                           bool closeAfterResponse, QObject *parent)
    : QObject(parent)
    , m_responder(std::move(responder))
    , m_socket(socket)
    , m_closeAfterResponse(closeAfterResponse)
{
    if (m_socket) {
        connect(m_socket, &QTcpSocket::disconnected, this, [this] {
            Q_EMIT clientDisconnected();
            finish();
        });
    }
}

HttpExchange::~HttpExchange()
{
    // A handler that forgot to answer must not leave the client hanging.
    blockSignals(true);
    if (m_finished || !clientConnected())
        return;
    if (!m_started) {
        respond(503, "application/json",
                R"({"error":{"message":"The gateway is shutting down.","type":"server_error","param":null,"code":null}})");
    } else {
        writeChunk(m_interruptionTrailer);
        endStream();
    }
}

bool HttpExchange::clientConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpExchange::respond(int status, const QByteArray &contentType, const QByteArray &body,
                           const HeaderList &headers)
{
    if (m_started || m_finished)
        return;
    m_started = true;
    if (clientConnected()) {
        HeaderList all = headers;
        all.emplace_back("Content-Type", contentType);
        if (m_closeAfterResponse)
            all.emplace_back("Connection", "close");
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
        m_responder->write(body, toHttpHeaders(all), statusCode(status));
#else
        // 6.4–6.7: write() takes only an initializer_list of headers, so write the parts by hand.
        all.emplace_back("Content-Length", QByteArray::number(body.size()));
        m_responder->writeStatusLine(statusCode(status));
        for (const auto &[name, value] : all)
            m_responder->writeHeader(name, value);
        m_responder->writeBody(body);
#endif
        // Sent now, not on the next pass of the event loop (see writeChunk).
        if (m_socket)
            m_socket->flush();
    }
    finish();
}

void HttpExchange::beginStream(int status, const HeaderList &headers)
{
    if (m_started || m_finished)
        return;
    m_started = true;
    if (!clientConnected())
        return;
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    m_responder->writeBeginChunked(toHttpHeaders(headers), statusCode(status));
#else
    m_responder->writeStatusLine(statusCode(status));
    for (const auto &[name, value] : headers)
        m_responder->writeHeader(name, value);
    m_responder->writeHeader("Transfer-Encoding", "chunked");
    if (m_closeAfterResponse)
        m_responder->writeHeader("Connection", "close");
    m_responder->writeBody(QByteArray()); // ends the header block
#endif
    if (m_socket)
        m_socket->flush();
}

void HttpExchange::writeChunk(const QByteArray &data)
{
    if (!m_started || m_finished || data.isEmpty() || !clientConnected())
        return;
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    m_responder->writeChunk(data);
#else
    m_responder->writeBody(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
#endif
    // Hand the bytes to the kernel now instead of on the next event-loop pass:
    // a streamed event must reach the client the moment it arrives.
    if (m_socket)
        m_socket->flush();
}

void HttpExchange::endStream()
{
    if (!m_started || m_finished)
        return;
    if (clientConnected()) {
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
        m_responder->writeEndChunked(QByteArray());
#else
        m_responder->writeBody(QByteArrayLiteral("0\r\n\r\n"));
#endif
        if (m_socket)
            m_socket->flush();
    }
    finish();
}

void HttpExchange::abortConnection()
{
    if (m_socket)
        m_socket->abort();
    finish();
}

void HttpExchange::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_responder.reset(); // 6.5+: lets the server read the connection's next request
    if (m_closeAfterResponse && clientConnected())
        m_socket->disconnectFromHost();
    Q_EMIT done();
}

} // namespace hydra::server
