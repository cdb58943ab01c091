// The next free port offered when the gateway's port is taken.

#include "app/shell/port_finder.h"

#include <QTcpServer>
#include <QTest>

#include <memory>
#include <vector>

using namespace hydra::app;

class TstPortFinder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void skipsTakenPorts()
    {
        // Take a port and, where possible, the next two; the finder must step over all taken ones.
        QTcpServer first;
        QVERIFY(first.listen(QHostAddress::LocalHost, 0));
        const quint16 base = first.serverPort();
        std::vector<std::unique_ptr<QTcpServer>> taken;
        quint16 lastTaken = base;
        for (quint16 port = base + 1; port <= base + 2 && port != 0; ++port) {
            auto server = std::make_unique<QTcpServer>();
            if (!server->listen(QHostAddress::LocalHost, port))
                break;
            lastTaken = port;
            taken.push_back(std::move(server));
        }
        const auto free = nextFreePort(QHostAddress::LocalHost, base);
        QVERIFY(free.has_value());
        QVERIFY(*free > lastTaken);
        QTcpServer check;
        QVERIFY2(check.listen(QHostAddress::LocalHost, *free), qPrintable(check.errorString()));
    }

    void givesUpAtTheEndOfTheRange()
    {
        QCOMPARE(nextFreePort(QHostAddress::LocalHost, 65535), std::nullopt);
    }

    void givesUpAfterTheAttempts()
    {
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        QCOMPARE(nextFreePort(QHostAddress::LocalHost, taken.serverPort() - 1, 1), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TstPortFinder)
#include "tst_port_finder.moc"
