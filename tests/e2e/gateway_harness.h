#pragma once
// A running gateway (the real Engine on its worker thread, real loopback HTTP) in
// front of the in-suite fake Gemini, plus a small HTTP client for the tests.

#include "engine.h"
#include "fake_gemini.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>

namespace hydra::testing {

struct HttpResult
{
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QHash<QByteArray, QByteArray> headers;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// Sends raw bytes on a new connection and returns everything received until the
// server closes the connection or `timeoutMs` passes. Runs the event loop while it
// waits (never blocks the thread): the fake Gemini lives on this thread too.
inline QByteArray rawExchange(quint16 port, const QByteArray &bytes, int timeoutMs = 3000)
{
    QTcpSocket socket;
    QByteArray received;
    QEventLoop loop;
    QObject::connect(&socket, &QTcpSocket::connected, &loop, [&] { socket.write(bytes); });
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] { received += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    socket.connectToHost(QHostAddress::LocalHost, port);
    loop.exec();
    received += socket.readAll();
    return received;
}

// Opens the engine's tunnel door (a token must exist) and returns its port; 0 if it did not open.
inline quint16 openTunnelDoor(Engine &engine)
{
    QSignalSpy opened(&engine, &Engine::tunnelDoorOpened);
    QSignalSpy failed(&engine, &Engine::tunnelDoorFailed);
    engine.openTunnelDoor();
    if (!opened.wait(5000))
        qWarning("tunnel door did not open: %s", failed.isEmpty() ? "timeout" : qPrintable(failed.first().first().toString()));
    return opened.isEmpty() ? 0 : static_cast<quint16>(opened.first().first().toUInt());
}

class GatewayHarness
{
public:
    // keys: the API keys the pool gets, in order. listen: how the fake starts listening
    // (e.g. with listenTls); plain http on a free port unless given.
    explicit GatewayHarness(QList<QByteArray> keys, std::function<void(GatewayConfig &)> tweak = {},
                            std::function<bool(fakes::FakeGemini &)> listen = {})
    {
        if (!(listen ? listen(fake) : fake.listen()))
            qFatal("fake Gemini could not listen");
        GatewayConfig config;
        config.port = 0;
        config.upstream = QUrl(fake.baseUrl());
        int index = 0;
        for (const auto &key : keys)
            config.keys.push_back({key.toStdString(), "key-" + std::to_string(++index), {}, {}, {}});
        if (tweak)
            tweak(config);
        QSignalSpy started(&engine, &Engine::started);
        QSignalSpy failed(&engine, &Engine::startFailed);
        engine.start(config);
        if (!started.wait(5000))
            qFatal("gateway did not start: %s", failed.isEmpty() ? "timeout" : qPrintable(failed.first().first().toString()));
        baseUrl = started.first().first().toString(); // http://127.0.0.1:PORT/v1
    }

    QNetworkRequest request(const QString &path) const
    {
        QNetworkRequest request(QUrl(baseUrl + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        return request;
    }

    QNetworkReply *post(const QString &path, const QByteArray &body) { return network.post(request(path), body); }
    QNetworkReply *get(const QString &path) { return network.get(request(path)); }

    static HttpResult finish(QNetworkReply *reply, int timeoutMs = 10000)
    {
        if (!reply->isFinished()) {
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
            loop.exec();
        }
        HttpResult result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.error = reply->error();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            result.headers.insert(name.toLower(), value);
        if (!reply->isFinished())
            result.status = -1; // timed out
        reply->deleteLater();
        return result;
    }

    HttpResult postJson(const QString &path, const QByteArray &body) { return finish(post(path, body)); }

    static QByteArray chat(bool stream, const QByteArray &model = "gemini-2.5-flash")
    {
        return R"({"model":")" + model + R"(","messages":[{"role":"user","content":"Say hello"}],"stream":)" +
               (stream ? "true" : "false") + "}";
    }

    // The data: payloads of an SSE body, in order.
    static QList<QByteArray> sseData(const QByteArray &body)
    {
        QList<QByteArray> out;
        for (const QByteArray &event : body.split('\n')) {
            if (event.startsWith("data: "))
                out.append(event.mid(6));
        }
        return out;
    }

    fakes::FakeGemini fake;
    Engine engine;
    QNetworkAccessManager network;
    QString baseUrl;
};

} // namespace hydra::testing
