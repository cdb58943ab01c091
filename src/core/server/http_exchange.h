#pragma once
// The response side of one HTTP request, usable after the route handler has
// returned: async answers, SSE streams, and knowing when the client has left.
// Every QHttpServer API difference between Qt 6.4 and 6.8 lives in
// http_exchange.cpp and http_server_base.cpp; nothing else sees QHttpServerResponder.

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>
#include <utility>
#include <vector>

class QHttpServerResponder;
class QTcpSocket;

namespace hydra::server {

using HeaderList = std::vector<std::pair<QByteArray, QByteArray>>;

// Whose request this is, for the stats: the access token's name (never the token), and
// whether it came through the tunnel.
struct Attribution
{
    QString tokenName; // empty: the gateway was open, no token was needed
    bool tunnel = false;
};

class HttpExchange : public QObject
{
    Q_OBJECT
public:
    HttpExchange(std::unique_ptr<QHttpServerResponder> responder, QTcpSocket *socket, bool closeAfterResponse,
                 QObject *parent = nullptr);
    ~HttpExchange() override;

    // `status` when QHttpServer has a reason phrase for it; otherwise the nearest generic one
    // (400 for 4xx, 502 for 5xx, 500 else). Qt 6.4 looks the phrase up with std::map::at, so an
    // upstream's 499 relayed as it came would throw and end the process.
    static int sendableStatus(int status);

    // A complete response with a Content-Length.
    void respond(int status, const QByteArray &contentType, const QByteArray &body, const HeaderList &headers = {});
    // A chunked response whose body follows in writeChunk() calls.
    void beginStream(int status, const HeaderList &headers);
    void writeChunk(const QByteArray &data);
    void endStream();
    // Cuts the connection without ending the body: how HTTP tells a client that a
    // stream broke off when the body's own format has no way to say it.
    void abortConnection();

    // What to write if the stream is cut short because the gateway shuts down
    // (for SSE: an error event), before the stream's end is written.
    void setInterruptionTrailer(const QByteArray &trailer) { m_interruptionTrailer = trailer; }

    void setAttribution(Attribution attribution) { m_attribution = std::move(attribution); }
    const Attribution &attribution() const { return m_attribution; }

    bool clientConnected() const;
    bool responseStarted() const { return m_started; }
    bool finished() const { return m_finished; }

Q_SIGNALS:
    void clientDisconnected();
    // The response is complete (or can never be), and the connection may carry the next request.
    void done();

private:
    void finish();

    std::unique_ptr<QHttpServerResponder> m_responder;
    QPointer<QTcpSocket> m_socket;
    QByteArray m_interruptionTrailer;
    Attribution m_attribution;
    bool m_closeAfterResponse;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace hydra::server
