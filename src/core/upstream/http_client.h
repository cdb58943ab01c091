#pragma once
// A small HTTP/1.1 client for the one job the gateway has: many concurrent POSTs
// to one upstream, answers streamed through as they arrive. It keeps a pool of
// keep-alive connections per origin and does all its work on the calling thread.
//
// Why not QNetworkAccessManager: it runs HTTP on a thread of its own (two thread
// hops per request), reads chunked bodies in tiny pieces and allows six
// connections per host; measured, it capped the gateway at under 2,000
// requests/s with half a millisecond added per request (bench/README.md).

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QNetworkProxy>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include "http_response_parser.h"

#include <utility>
#include <vector>

class QTcpSocket;

namespace hydra::upstream {

class HttpClient;

// How long a call may wait for its answer, once the request went out (connecting has its own,
// shorter limit). A call that waits longer fails with timedOut() set and its connection closed.
struct CallTimeouts
{
    int firstByteMs; // until the first byte of the answer's body: headers alone do not count
    int idleMs;      // then between one piece of the body and the next
    static CallTimeouts both(int ms) { return {ms, ms}; }
};

// One request and its response. Emits readyRead as body bytes arrive and finished
// once (success or failure). Delete it (deleteLater) when done; deleting it early aborts.
class UpstreamCall : public QObject
{
    Q_OBJECT
public:
    ~UpstreamCall() override;

    int status() const { return m_parser.headersComplete() ? m_parser.status() : 0; }
    // A response header (lower-case name), once the headers are in.
    QByteArray header(const char *lowerCaseName) const { return QByteArray::fromStdString(m_parser.header(lowerCaseName)); }
    QByteArray readAll();
    QByteArray read(qint64 maxBytes);
    bool isFinished() const { return m_finished; }
    // True when no complete HTTP answer arrived (connection, TLS or timeout failure).
    bool failed() const { return !m_error.isEmpty(); }
    // True when it failed because the answer did not come in time (CallTimeouts).
    bool timedOut() const { return m_timedOut; }
    QString errorString() const { return m_error; }
    // Stops the call; finished is not emitted afterwards.
    void abort();

Q_SIGNALS:
    void readyRead();
    void finished();

private:
    friend class HttpClient;
    UpstreamCall(HttpClient *client, QUrl url, QByteArray request, CallTimeouts timeouts);

    void start(QTcpSocket *socket, bool reused);
    void sendRequest();
    void onReadyRead();
    void onDisconnected();
    void fail(const QString &error);
    void complete();
    void emitFinished();
    void release();

    QPointer<HttpClient> m_client;
    QUrl m_url;
    QByteArray m_request;
    QHostAddress m_address; // where to connect; null: resolve m_url's host
    QString m_origin;       // the idle pool this connection came from and goes back to
    CallTimeouts m_timeouts;
    QTcpSocket *m_socket = nullptr;
    bool m_reused = false;
    bool m_gotBytes = false;
    bool m_gotBody = false;  // a byte of the answer's body arrived: from now on silence is timed by idleMs
    bool m_timedOut = false;
    bool m_requestSent = false; // connected (and encrypted): from here on it waits for an answer
    bool m_finished = false;
    bool m_starting = false; // inside HttpClient::send(): finished is queued, never emitted there
    HttpResponseParser m_parser;
    std::string m_body;
    QString m_error;
    QTimer m_inactivity;
};

class HttpClient : public QObject
{
    Q_OBJECT
public:
    explicit HttpClient(QObject *parent = nullptr);
    ~HttpClient() override;

    using Headers = std::vector<std::pair<QByteArray, QByteArray>>;
    // `address`, when given, is where to connect instead of resolving the URL's host
    // (already vetted by the caller); the host name still goes in Host and TLS SNI.
    UpstreamCall *send(const QByteArray &method, const QUrl &url, const Headers &headers, const QByteArray &body,
                       CallTimeouts timeouts, const QHostAddress &address = {});

private:
    friend class UpstreamCall;
    QTcpSocket *takeIdle(const QString &origin);
    QTcpSocket *connectTo(const QUrl &url, const QHostAddress &address);
    void giveBack(const QString &origin, QTcpSocket *socket);
    void retryFresh(UpstreamCall *call);

    QHash<QString, QList<QTcpSocket *>> m_idle;
    QHash<QString, QNetworkProxy> m_proxies; // system proxy per origin
};

} // namespace hydra::upstream
