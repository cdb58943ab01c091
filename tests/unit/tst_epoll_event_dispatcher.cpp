// The gateway thread's epoll event dispatcher, on a thread of its own as the engine runs it:
// timers, socket notifiers, wake-ups from other threads, and a descriptor number reused.

#include "epoll_event_dispatcher.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QPointer>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <functional>
#include <future>
#include <thread>

#include <unistd.h>

namespace {

// Runs `body` on a new thread whose event loop uses EpollEventDispatcher, and returns the loop's
// exit code: 0 when the body's events called loop.quit(), 1 when nothing did within 10 s.
// `started`, when given, is fulfilled once the loop is about to run.
int runOnEpollThread(const std::function<void(QEventLoop &)> &body, std::promise<QEventLoop *> *started = nullptr)
{
    int result = -1;
    std::thread thread([&] {
        QThread::currentThread()->setEventDispatcher(new hydra::EpollEventDispatcher);
        QEventLoop loop;
        QTimer::singleShot(10'000, &loop, [&loop] { loop.exit(1); }); // a safety net, never the point of a test
        body(loop);
        if (started)
            started->set_value(&loop);
        result = loop.exec();
    });
    thread.join();
    return result;
}

} // namespace

class EpollEventDispatcherTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timersFireNotEarlyAndRepeatUntilStopped()
    {
        int singleShots = 0;
        qint64 singleShotAfterMs = -1;
        int ticks = 0;
        const int result = runOnEpollThread([&](QEventLoop &loop) {
            auto *clock = new QElapsedTimer;
            clock->start();
            QTimer::singleShot(30, Qt::PreciseTimer, &loop, [&, clock] {
                ++singleShots;
                singleShotAfterMs = clock->elapsed();
                delete clock;
            });
            auto *repeating = new QTimer(&loop);
            repeating->setInterval(5);
            QObject::connect(repeating, &QTimer::timeout, &loop, [&, repeating] {
                if (++ticks == 5) {
                    repeating->stop();
                    QTimer::singleShot(60, &loop, &QEventLoop::quit); // time for stray ticks to show
                }
            });
            repeating->start();
        });
        QCOMPARE(result, 0);
        QCOMPARE(singleShots, 1);
        QVERIFY2(singleShotAfterMs >= 30, qPrintable(QString::number(singleShotAfterMs)));
        QCOMPARE(ticks, 5);
    }

    void aTimerStoppedByAnotherTimersHandlerNeverFires()
    {
        bool stoppedOneFired = false;
        int remainingBeforeStop = -2;
        const int result = runOnEpollThread([&](QEventLoop &loop) {
            auto *victim = new QTimer(&loop);
            victim->setSingleShot(true);
            QObject::connect(victim, &QTimer::timeout, &loop, [&] { stoppedOneFired = true; });
            victim->start(40);
            QTimer::singleShot(10, &loop, [&, victim] {
                remainingBeforeStop = victim->remainingTime();
                victim->stop();
                QTimer::singleShot(80, &loop, &QEventLoop::quit);
            });
        });
        QCOMPARE(result, 0);
        QVERIFY(!stoppedOneFired);
        QVERIFY2(remainingBeforeStop > 0 && remainingBeforeStop <= 40, qPrintable(QString::number(remainingBeforeStop)));
    }

    void socketsConnectExchangeBytesAndSeeTheHangUp()
    {
        QByteArray serverGot;
        QByteArray clientGot;
        bool clientSawDisconnect = false;
        const int result = runOnEpollThread([&](QEventLoop &loop) {
            auto *server = new QTcpServer(&loop);
            if (!server->listen(QHostAddress::LocalHost, 0))
                return;
            QObject::connect(server, &QTcpServer::newConnection, &loop, [&, server] {
                QTcpSocket *peer = server->nextPendingConnection();
                QObject::connect(peer, &QTcpSocket::readyRead, &loop, [&, peer] {
                    serverGot += peer->readAll();
                    if (serverGot == "ping") {
                        peer->write("pong");
                        peer->disconnectFromHost(); // after the bytes: the client reads, then sees the end
                    }
                });
            });
            auto *client = new QTcpSocket(&loop);
            QObject::connect(client, &QTcpSocket::connected, &loop, [client] { client->write("ping"); });
            QObject::connect(client, &QTcpSocket::readyRead, &loop, [&, client] { clientGot += client->readAll(); });
            QObject::connect(client, &QTcpSocket::disconnected, &loop, [&] {
                clientSawDisconnect = true;
                loop.quit();
            });
            client->connectToHost(QHostAddress::LocalHost, server->serverPort());
        });
        QCOMPARE(result, 0);
        QCOMPARE(serverGot, QByteArray("ping"));
        QCOMPARE(clientGot, QByteArray("pong"));
        QVERIFY(clientSawDisconnect);
    }

    // Nothing is due for 10 s, so the thread sleeps in epoll_wait; only the dispatcher's wake-up
    // gets the other thread's call (and the deleteLater it makes) run.
    void eventsPostedFromAnotherThreadWakeTheLoop()
    {
        std::promise<QEventLoop *> started;
        auto loopFuture = started.get_future();
        bool deleted = false;
        std::thread poster([&] {
            QEventLoop *loop = loopFuture.get();
            QThread::msleep(50); // let it settle into its wait
            QMetaObject::invokeMethod(loop, [&, loop] {
                auto *doomed = new QObject;
                QObject::connect(doomed, &QObject::destroyed, loop, [&, loop] {
                    deleted = true;
                    loop->quit();
                });
                doomed->deleteLater();
            });
        });
        const int result = runOnEpollThread([](QEventLoop &) {}, &started);
        poster.join();
        QCOMPARE(result, 0);
        QVERIFY(deleted);
    }

    // A descriptor closed while its notifier stayed enabled, and its number handed to a new pipe:
    // the new notifier must still be woken (the kernel forgot the old registration).
    void aReusedDescriptorNumberIsWatchedAgain()
    {
        bool newOneFired = false;
        const int result = runOnEpollThread([&](QEventLoop &loop) {
            int first[2];
            if (::pipe(first) != 0)
                return;
            auto *stale = new QSocketNotifier(first[0], QSocketNotifier::Read, &loop);
            const int reusedNumber = first[0];
            ::close(first[0]);
            ::close(first[1]);
            int second[2];
            if (::pipe(second) != 0 || second[0] != reusedNumber) {
                ::close(second[0]);
                ::close(second[1]);
                return; // the safety net ends the loop, and the test fails
            }
            auto *fresh = new QSocketNotifier(second[0], QSocketNotifier::Read, &loop);
            delete stale; // unregistering the old notifier must not drop the new one
            QObject::connect(fresh, &QSocketNotifier::activated, &loop, [&, second] {
                newOneFired = true;
                ::close(second[0]);
                ::close(second[1]);
                loop.quit();
            });
            [[maybe_unused]] const auto written = ::write(second[1], "x", 1);
        });
        QCOMPARE(result, 0);
        QVERIFY(newOneFired);
    }
};

QTEST_GUILESS_MAIN(EpollEventDispatcherTest)
#include "tst_epoll_event_dispatcher.moc"
