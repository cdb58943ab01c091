#pragma once
// A minimal HTTP/1.1 server on loopback for tests: serves fixed bodies by path (one request per
// connection, Content-Length framing) and counts requests.

#include <QHash>
#include <QTcpServer>
#include <QTcpSocket>

namespace hydra::testing {

class StaticHttpServer
{
public:
    StaticHttpServer()
    {
        if (!m_server.listen(QHostAddress::LocalHost, 0))
            qFatal("cannot listen");
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                auto buffer = std::make_shared<QByteArray>();
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                    buffer->append(socket->readAll());
                    if (!buffer->contains("\r\n\r\n"))
                        return;
                    const QByteArray path = buffer->split(' ').value(1);
                    ++requests;
                    lastRequest = *buffer;
                    const auto found = m_files.constFind(path);
                    const int status = found == m_files.constEnd() ? 404 : 200;
                    const QByteArray body = status == 200 ? *found : QByteArray("not found");
                    socket->write("HTTP/1.1 " + QByteArray::number(status) + (status == 200 ? " OK" : " Not Found") +
                                  "\r\nContent-Type: application/octet-stream\r\nContent-Length: " +
                                  QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                    socket->disconnectFromHost();
                });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    void serve(const QByteArray &path, const QByteArray &body) { m_files.insert(path, body); }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }

    int requests = 0;
    QByteArray lastRequest; // request line and headers of the latest request

private:
    QTcpServer m_server;
    QHash<QByteArray, QByteArray> m_files;
};

} // namespace hydra::testing
