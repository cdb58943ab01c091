#pragma once
// QAbstractHttpServer adapted to Hydra: requests arrive as IncomingRequest values
// with an HttpExchange to answer through, one at a time per connection.
// The Qt 6.4 / 6.5–6.7 / 6.8 signatures of handleRequest are confined to this class.

#include "guarded_tcp_server.h"
#include "http_exchange.h"
#include "incoming_request.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <memory>

namespace hydra::server {

class HttpServerBase : public QAbstractHttpServer
{
    Q_OBJECT
public:
    explicit HttpServerBase(QObject *parent = nullptr);
    ~HttpServerBase() override;

    // Listens on address:port with the given limits; false with a reason on failure.
    bool listenOn(const QHostAddress &address, quint16 port, const ListenerLimits &limits, QString *error);
    quint16 port() const;
    QHostAddress address() const; // what listenOn() bound to (null before)
    // Stops listening; requests in flight are answered, then their connections closed.
    // drained() follows when none is left (GuardedTcpServer::drain).
    void drain();
    int connectionCount() const;

Q_SIGNALS:
    void drained();

protected:
    // Decides about a request from its head, before any of its body is read (`request` has no
    // body yet). A server may attach what it decided as `request.admission`; onRequest() gets
    // it back. By default every request is admitted with the listener's full body limit.
    virtual Admission admit(IncomingRequest &request);
    // The exchange stays owned by the server and is deleted after done(); handlers that
    // need to live as long as the exchange can make it their parent.
    virtual void onRequest(const IncomingRequest &request, HttpExchange *exchange) = 0;
    qint64 maxBodyBytes() const { return m_limits.maxBodyBytes; }
    qint64 smallBodyBytes() const { return m_limits.smallBodyBytes; }

#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    void missingHandler(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
#else
    void missingHandler(const QHttpServerRequest &request, QHttpServerResponder &&responder) override;
#endif
#else
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;
#endif

private:
    struct Pending
    {
        IncomingRequest request;
        HttpExchange *exchange;
    };

    Admission admitHead(const RequestHead &head, const QHostAddress &peer);
    void accept(const QHttpServerRequest &request, std::unique_ptr<QHttpServerResponder> responder,
                QTcpSocket *socket);
    void dispatchNext(QTcpSocket *socket);
    // Calls onRequest(); an exception must never leave it (Qt is not exception-safe).
    void handle(const IncomingRequest &request, HttpExchange *exchange);

    ListenerLimits m_limits;
    QPointer<GuardedTcpServer> m_listener;
    QTimer m_trim; // trimFreedMemory() after a connection that carried a large body is gone
    quint16 m_port = 0; // kept: a listener that stopped listening no longer knows it
    QHostAddress m_address;
    // Qt 6.4 parses a pipelined request while the previous answer is still pending;
    // answers must still go out in order, so later requests wait here.
    QHash<QTcpSocket *, std::deque<Pending>> m_queues;
    static constexpr std::size_t maxQueuedRequests = 32; // per connection, the one being answered included
    static constexpr qsizetype largeBodyBytes = 1024 * 1024; // a connection that carried more is closed after it
};

} // namespace hydra::server
