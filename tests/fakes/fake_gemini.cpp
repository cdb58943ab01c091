// The socket side of the fake Gemini: HTTP/1.1 parsing, keep-alive, chunked framing, pacing and
// client aborts. What each request earns is decided in fake_gemini_routes.cpp; the bodies come
// from fake_gemini_bodies.cpp and the request checks from fake_gemini_checks.cpp.

#include "fake_gemini_state.h"

#include <QDateTime>
#include <QTimeZone>
#include <QElapsedTimer>
#include <QLocale>
#include <QPointer>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace hydra::fakes {

using detail::Outgoing;
using detail::HttpRequest;

namespace {

constexpr qsizetype kMaxHeadBytes = 64 * 1024;

const char *const kBehaviourNames[] = {
    "Ok",        "RateLimitPerMinute", "RateLimitPerDay", "RateLimitBare", "RateLimitNoFreeTier",
    "KeyInvalid", "KeyExpired",        "KeyLeaked",       "Overloaded",    "Internal",
    "GatewayTimeout", "ClientError",   "Stall",           "MidStreamError", "DropMidStream",
    "ModelForbidden", "RateLimitFirstEvent", "DropBeforeFirstEvent", "Cancelled", "StallMidStream",
};
static_assert(sizeof(kBehaviourNames) / sizeof(*kBehaviourNames) == int(Behaviour::StallMidStream) + 1);

const char *reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 499: return "Client Closed Request";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Unknown";
    }
}

QByteArray chunk(const QByteArray &payload)
{
    return QByteArray::number(payload.size(), 16) + "\r\n" + payload + "\r\n";
}

// The listening socket. Plain TCP unless listenTls() gave it a configuration; then each accepted
// socket is a QSslSocket already doing the server side of the handshake, so a Connection only
// ever sees decrypted bytes (and whatever it writes before the handshake ends waits for it).
class Server final : public QTcpServer {
public:
    using QTcpServer::QTcpServer;

    QSslConfiguration tls; // null: plain HTTP
    int accepted = 0;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        ++accepted;
        if (tls.isNull()) {
            QTcpServer::incomingConnection(descriptor);
            return;
        }
        auto *socket = new QSslSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        socket->setSslConfiguration(tls);
        socket->startServerEncryption();
        addPendingConnection(socket);
    }
};

} // namespace

QByteArray FakeGemini::State::head(const Outgoing &a, bool close, bool chunked)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (now != dateSecond) { // formatting a date per request would show up in the benchmark
        dateSecond = now;
        dateHeader = QLocale::c()
                         .toString(QDateTime::fromSecsSinceEpoch(now, QTimeZone::utc()), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'")
                         .toLatin1();
    }
    // The headers Google's front end sends on every generativelanguage answer.
    QByteArray h;
    h.reserve(400);
    h += "HTTP/1.1 " + QByteArray::number(a.status) + ' ' + reasonPhrase(a.status) + "\r\n";
    h += "Content-Type: " + a.contentType + "\r\n";
    h += "Vary: Origin, X-Origin, Referer\r\n";
    h += "Date: " + dateHeader + "\r\n";
    h += "Server: scaffolding on HTTPServer2\r\n";
    h += "X-XSS-Protection: 0\r\n";
    h += "X-Frame-Options: SAMEORIGIN\r\n";
    h += "X-Content-Type-Options: nosniff\r\n";
    h += "Server-Timing: gfet4t7; dur=" + QByteArray::number(a.elapsedMs) + "\r\n";
    if (chunked)
        h += "Transfer-Encoding: chunked\r\n";
    if (close)
        h += "Connection: close\r\n";
    h += "\r\n";
    return h;
}

// --- one client connection --------------------------------------------------------------------

class FakeGemini::Connection : public QObject {
public:
    Connection(State *state, QTcpSocket *socket, QObject *parent)
        : QObject(parent), m_state(state), m_socket(socket)
    {
        socket->setParent(this);
        // Small writes must leave at once: Nagle plus delayed ACK would add 40 ms per request.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &Connection::sendNextPiece);
        connect(socket, &QTcpSocket::readyRead, this, &Connection::readInput);
        connect(socket, &QTcpSocket::disconnected, this, &Connection::onDisconnected);
    }

private:
    enum class Parse { Incomplete, Complete, Malformed };

    void readInput()
    {
        m_in += m_socket->readAll();
        if (!m_busy)
            processInput();
    }

    // Answers every complete request in the buffer, stopping while an answer is still going out.
    void processInput()
    {
        while (!m_busy && m_socket->state() == QAbstractSocket::ConnectedState) {
            HttpRequest r;
            int status = 0;
            const Parse p = parse(r, status);
            if (p == Parse::Incomplete)
                return;
            if (p == Parse::Malformed) {
                m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
                                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                m_socket->disconnectFromHost();
                return;
            }
            QElapsedTimer clock;
            clock.start();
            if (m_state->recording) {
                QByteArray key = r.header("x-goog-api-key");
                if (key.isEmpty())
                    key = detail::queryValue(r.query, "key");
                m_state->requests.append(ReceivedRequest{key, r.method, r.path, r.query, r.body, r.headers});
            }
            QPointer<Connection> alive(this);
            Q_EMIT m_state->q->requestReceived();
            if (!alive || m_socket->state() != QAbstractSocket::ConnectedState)
                return;
            Outgoing a = m_state->route(r);
            a.elapsedMs = clock.elapsed();
            m_close = !r.keepAlive;
            m_chunked = !r.http10;
            start(std::move(a));
        }
    }

    Parse parse(HttpRequest &r, int &status)
    {
        const qsizetype headEnd = m_in.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            if (m_in.size() > kMaxHeadBytes) {
                status = 431;
                return Parse::Malformed;
            }
            return Parse::Incomplete;
        }
        status = 400;
        const QList<QByteArray> lines = m_in.left(headEnd).split('\n');
        const QList<QByteArray> start = lines.first().trimmed().split(' ');
        if (start.size() != 3 || !start[2].startsWith("HTTP/1."))
            return Parse::Malformed;
        r.method = start[0];
        const qsizetype q = start[1].indexOf('?');
        r.path = q < 0 ? start[1] : start[1].left(q);
        r.query = q < 0 ? QByteArray() : start[1].mid(q + 1);
        r.http10 = start[2] == "HTTP/1.0";
        r.keepAlive = !r.http10;
        qint64 contentLength = 0;
        bool chunked = false;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray &line = lines[i];
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                return Parse::Malformed;
            QByteArray name = line.left(colon).trimmed().toLower();
            QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-length") {
                bool ok = false;
                contentLength = value.toLongLong(&ok);
                if (!ok || contentLength < 0)
                    return Parse::Malformed;
            } else if (name == "transfer-encoding") {
                chunked = value.toLower().contains("chunked");
            } else if (name == "connection") {
                const QByteArray v = value.toLower();
                if (v.contains("close"))
                    r.keepAlive = false;
                else if (v.contains("keep-alive"))
                    r.keepAlive = true;
            }
            r.headers.append({std::move(name), std::move(value)});
        }

        qsizetype consumed = headEnd + 4;
        if (chunked) {
            qsizetype pos = consumed;
            for (;;) {
                const qsizetype eol = m_in.indexOf("\r\n", pos);
                if (eol < 0)
                    return waitForBody(r);
                bool ok = false;
                const qsizetype size = m_in.mid(pos, eol - pos).split(';').first().trimmed().toLongLong(&ok, 16);
                if (!ok || size < 0)
                    return Parse::Malformed;
                if (size == 0) {
                    // "0\r\n", optional trailer lines, then an empty line
                    const qsizetype trailerEnd = m_in.indexOf("\r\n\r\n", eol);
                    if (trailerEnd < 0)
                        return waitForBody(r);
                    consumed = trailerEnd + 4;
                    break;
                }
                if (m_in.size() < eol + 2 + size + 2)
                    return waitForBody(r);
                r.body += m_in.mid(eol + 2, size);
                pos = eol + 2 + size + 2;
            }
        } else {
            if (m_in.size() - consumed < contentLength)
                return waitForBody(r);
            r.body = m_in.mid(consumed, contentLength);
            consumed += contentLength;
        }
        m_in.remove(0, consumed);
        m_sent100 = false;
        return Parse::Complete;
    }

    // curl and others hold a large body back until told "100 Continue".
    Parse waitForBody(const HttpRequest &r)
    {
        if (!m_sent100 && r.header("expect").toLower() == "100-continue") {
            m_sent100 = true;
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        }
        return Parse::Incomplete;
    }

    void start(Outgoing a)
    {
        m_answer = std::move(a);
        m_next = 0;
        if (m_answer.end == Outgoing::End::Never) {
            m_busy = true; // stalled until the client gives up
            return;
        }
        if (m_answer.paced && !m_answer.pieces.isEmpty()) {
            m_busy = true;
            m_timer.start(m_state->eventDelayMs);
            return;
        }
        // Unpaced: everything in one write, the fast path the benchmark measures.
        QByteArray out = head();
        for (const QByteArray &p : std::as_const(m_answer.pieces))
            out += frame(p);
        finish(out);
    }

    void sendNextPiece()
    {
        QByteArray out;
        if (m_next == 0)
            out = head();
        out += frame(m_answer.pieces[m_next++]);
        if (m_next < m_answer.pieces.size()) {
            m_socket->write(out);
            m_timer.start(m_state->eventDelayMs);
            return;
        }
        finish(out);
        processInput(); // requests pipelined behind the paced answer
    }

    void finish(QByteArray out)
    {
        m_busy = false;
        if (m_answer.end == Outgoing::End::Hang) {
            // What was sent stays sent; the rest never comes, and the connection stays open.
            m_socket->write(out);
            m_busy = true; // until the client gives up
            return;
        }
        if (m_answer.end == Outgoing::End::Drop) {
            // The stream breaks: what was sent stays sent, the last chunk never comes.
            if (!out.isEmpty())
                m_socket->write(out);
            m_socket->disconnectFromHost();
            return;
        }
        if (m_chunked)
            out += "0\r\n\r\n";
        m_socket->write(out);
        if (m_close || !m_chunked) // an HTTP/1.0 body ends where the connection does
            m_socket->disconnectFromHost();
    }

    QByteArray head() const
    {
        return m_answer.status ? m_state->head(m_answer, m_close || !m_chunked, m_chunked) : QByteArray();
    }

    QByteArray frame(const QByteArray &piece) const { return m_chunked ? chunk(piece) : piece; }

    void onDisconnected()
    {
        m_timer.stop();
        if (m_busy) { // the client left before the answer was complete
            m_busy = false;
            ++m_state->aborted;
            Q_EMIT m_state->q->clientAborted();
        }
        deleteLater();
    }

    State *m_state;
    QTcpSocket *m_socket;
    QTimer m_timer;
    QByteArray m_in;
    Outgoing m_answer;
    qsizetype m_next = 0;
    bool m_busy = false;
    bool m_sent100 = false;
    bool m_close = false;   // the client asked for Connection: close
    bool m_chunked = true;  // false for HTTP/1.0 clients
};

// --- public API -------------------------------------------------------------------------------

QString behaviourName(Behaviour b)
{
    return QString::fromLatin1(kBehaviourNames[int(b)]);
}

std::optional<Behaviour> behaviourFromName(QStringView name)
{
    for (int i = 0; i <= int(Behaviour::Cancelled); ++i)
        if (name == QLatin1String(kBehaviourNames[i]))
            return Behaviour(i);
    return std::nullopt;
}

FakeGemini::FakeGemini(QObject *parent)
    : QObject(parent), d(std::make_unique<State>())
{
    d->q = this;
    d->signatureSecret = QRandomGenerator::global()->generate64();
    d->server = new Server(this);
    d->server->setListenBacklogSize(1024); // benchmarks open many connections at once
    connect(d->server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *s = d->server->nextPendingConnection())
            new Connection(d.get(), s, d->server);
    });
}

FakeGemini::~FakeGemini()
{
    // Connections are children of the server and point at the state: end them first.
    delete d->server;
    d->server = nullptr;
}

bool FakeGemini::listen(quint16 port)
{
    return d->server->listen(QHostAddress::LocalHost, port);
}

bool FakeGemini::listenTls(const QSslCertificate &certificate, const QSslKey &key, quint16 port)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(certificate);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // no client certificates
    tls.setAllowedNextProtocols({QByteArrayLiteral("http/1.1")});
    static_cast<Server *>(d->server)->tls = tls;
    return listen(port);
}

quint16 FakeGemini::port() const
{
    return d->server->serverPort();
}

QString FakeGemini::baseUrl() const
{
    const bool tls = !static_cast<Server *>(d->server)->tls.isNull();
    return QStringLiteral("%1://127.0.0.1:%2").arg(tls ? QStringLiteral("https") : QStringLiteral("http")).arg(port());
}

int FakeGemini::connectionCount() const
{
    return static_cast<Server *>(d->server)->accepted;
}

void FakeGemini::script(const QByteArray &apiKey, QList<Behaviour> behaviours)
{
    d->scripts.insert(apiKey, std::move(behaviours));
}

void FakeGemini::setDefaultBehaviour(Behaviour b)
{
    d->defaultBehaviour = b;
}

void FakeGemini::setReplyChunks(QStringList texts)
{
    d->chunks.clear();
    for (const QString &t : texts)
        d->chunks.push_back(t.toStdString());
}

void FakeGemini::setEventDelayMs(int ms)
{
    d->eventDelayMs = std::max(0, ms);
}

void FakeGemini::setRetryDelay(const QString &delay)
{
    d->quota.retryDelay = delay.toStdString();
}

void FakeGemini::setQuotaValue(const QString &value)
{
    d->quota.quotaValue = value.toStdString();
}

void FakeGemini::setMaxPageSize(int n)
{
    d->maxPageSize = std::max(1, n);
}

QList<ReceivedRequest> FakeGemini::requests() const
{
    return d->requests;
}

void FakeGemini::clearRequests()
{
    d->requests.clear();
}

void FakeGemini::setRecording(bool on)
{
    d->recording = on;
}

int FakeGemini::abortedCount() const
{
    return d->aborted;
}

} // namespace hydra::fakes
