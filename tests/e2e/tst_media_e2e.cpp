// Images given by URL: fetched and inlined, but never from the user's own network.

#include "gateway_harness.h"

#include <QTcpServer>
#include <QTcpSocket>

using hydra::testing::GatewayHarness;
using hydra::testing::HttpResult;

namespace {

// A one-trick web server: every request gets the same answer.
class TinyWebServer : public QTcpServer
{
public:
    TinyWebServer(QByteArray contentType, QByteArray body)
        : m_contentType(std::move(contentType))
        , m_body(std::move(body))
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    if (!socket->readAll().contains("\r\n\r\n"))
                        return;
                    ++requests;
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: " + m_contentType + "\r\nContent-Length: " +
                                  QByteArray::number(m_body.size()) + "\r\nConnection: close\r\n\r\n" + m_body);
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    QString url(const QString &path) const { return QStringLiteral("http://127.0.0.1:%1%2").arg(serverPort()).arg(path); }
    int requests = 0;

private:
    QByteArray m_contentType;
    QByteArray m_body;
};

QByteArray chatWithImage(const QString &url)
{
    return "{\"model\":\"gemini-2.5-flash\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":"
           "\"What is this?\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + url.toUtf8() + "\"}}]}]}";
}

const QByteArray pngBytes = QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

} // namespace

class MediaEndToEnd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void imageUrlIsFetchedAndInlined()
    {
        TinyWebServer web("image/png", pngBytes);
        GatewayHarness gateway({"key-a"}, [](hydra::GatewayConfig &config) { config.allowPrivateMediaAddresses = true; });
        const HttpResult result = gateway.postJson("/chat/completions", chatWithImage(web.url("/cat.png")));
        QVERIFY2(result.status == 200, result.body);
        QCOMPARE(web.requests, 1);
        const QJsonObject sent = QJsonDocument::fromJson(gateway.fake.requests().first().body).object();
        const QJsonArray parts = sent["contents"].toArray()[0].toObject()["parts"].toArray();
        QCOMPARE(parts.size(), 2);
        const QJsonObject inlineData = parts[1].toObject()["inlineData"].toObject();
        QCOMPARE(inlineData["mimeType"].toString(), "image/png");
        QCOMPARE(QByteArray::fromBase64(inlineData["data"].toString().toLatin1()), pngBytes);
    }

    void somethingThatIsNotAnImageIsRefused()
    {
        TinyWebServer web("text/html", "<html>not an image</html>");
        GatewayHarness gateway({"key-a"}, [](hydra::GatewayConfig &config) { config.allowPrivateMediaAddresses = true; });
        const HttpResult result = gateway.postJson("/chat/completions", chatWithImage(web.url("/page")));
        QCOMPARE(result.status, 400);
        QVERIFY(result.json()["error"].toObject()["message"].toString().contains("not an image"));
        QCOMPARE(gateway.fake.requests().size(), 0);
    }

    void theUsersOwnNetworkIsNeverFetched_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("why");
        TinyWebServer web("image/png", pngBytes);
        QTest::newRow("loopback") << QStringLiteral("http://127.0.0.1:9/x.png") << QStringLiteral("loopback");
        QTest::newRow("localhost") << QStringLiteral("http://localhost:9/x.png") << QStringLiteral("loopback");
        QTest::newRow("metadata") << QStringLiteral("http://169.254.169.254/latest/meta-data/") << QStringLiteral("metadata");
        QTest::newRow("private") << QStringLiteral("http://10.1.2.3/x.png") << QStringLiteral("private");
        QTest::newRow("mapped") << QStringLiteral("http://[::ffff:127.0.0.1]/x.png") << QStringLiteral("loopback");
        QTest::newRow("ipv6 loopback") << QStringLiteral("http://[::1]/x.png") << QStringLiteral("loopback");
        QTest::newRow("decimal") << QStringLiteral("http://2130706433/x.png") << QStringLiteral("loopback");
        QTest::newRow("file") << QStringLiteral("file:///etc/passwd") << QStringLiteral("image_url");
    }

    void theUsersOwnNetworkIsNeverFetched()
    {
        QFETCH(QString, url);
        QFETCH(QString, why);
        TinyWebServer web("image/png", pngBytes); // reachable, and still never asked
        GatewayHarness gateway({"key-a"});
        const QString target = url.contains(":9/") ? QString(url).replace(":9/", QStringLiteral(":%1/").arg(web.serverPort())) : url;
        const HttpResult result = gateway.postJson("/chat/completions", chatWithImage(target));
        QCOMPARE(result.status, 400);
        QVERIFY2(result.json()["error"].toObject()["message"].toString().contains(why, Qt::CaseInsensitive), result.body);
        QCOMPARE(web.requests, 0);
        QCOMPARE(gateway.fake.requests().size(), 0);
    }
};

QTEST_GUILESS_MAIN(MediaEndToEnd)
#include "tst_media_e2e.moc"
