#include "engine.h"

#include "gateway_worker.h"
#include "memory_release.h"

#ifdef Q_OS_LINUX
#include "epoll_event_dispatcher.h"
#endif

#include <QCoreApplication>
#include <QEventLoop>
#include <QThread>

#include <future>
#include <utility>

#if defined(Q_OS_LINUX) || defined(Q_OS_MACOS)
#include <pthread.h>
#endif

namespace hydra {
namespace {

// The name debuggers, `top -H` and sanitizer reports show for the gateway's thread.
void nameThisThread(const char *name)
{
    QThread::currentThread()->setObjectName(QString::fromLatin1(name));
#if defined(Q_OS_LINUX)
    pthread_setname_np(pthread_self(), name);
#elif defined(Q_OS_MACOS)
    pthread_setname_np(name);
#endif
}

struct GatewayThread
{
    GatewayWorker *worker;
    QEventLoop *loop;
};

// The body of the gateway's thread: the worker and its event loop live here until stop()
// quits the loop; everything the worker owns is deleted before the thread ends.
void runGatewayThread(std::promise<GatewayThread> &created)
{
    nameThisThread("hydra-gateway");
#ifdef Q_OS_LINUX
    // Installed before anything asks for the thread's dispatcher (the event loop below would
    // create Qt's default one). HYDRA_EVENT_DISPATCHER=qt keeps Qt's own, the one Windows and
    // macOS users get, so that the test suite and the benchmarks can run on it here too.
    if (qEnvironmentVariable("HYDRA_EVENT_DISPATCHER") != QLatin1String("qt"))
        QThread::currentThread()->setEventDispatcher(new EpollEventDispatcher);
#endif
    QEventLoop loop; // gives this thread an event dispatcher, which the worker's timers and sockets need
    auto worker = std::make_unique<GatewayWorker>();
    created.set_value({worker.get(), &loop});
    loop.exec();
    worker.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete); // what shutting down deleteLater'd
}

} // namespace

Engine::Engine(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<hydra::RequestRecord>();
    qRegisterMetaType<std::vector<hydra::RequestRecord>>();
    qRegisterMetaType<std::vector<hydra::pool::KeySnapshot>>();
}

Engine::~Engine()
{
    stop();
}

void Engine::start(const GatewayConfig &config)
{
    stop();
    returnLargeBuffersToTheSystem(); // before the first request body is read (memory_release.h)
    std::promise<GatewayThread> created;
    m_thread = std::thread([&created] { runGatewayThread(created); });
    const GatewayThread thread = created.get_future().get(); // the thread's first microseconds
    m_worker = thread.worker;
    m_loop = thread.loop;
    GatewayWorker *worker = m_worker;
    connect(worker, &GatewayWorker::started, this, &Engine::started);
    connect(worker, &GatewayWorker::startFailed, this, [this](const QString &message, bool inUse) {
        stop();
        Q_EMIT startFailed(message, inUse);
    });
    connect(worker, &GatewayWorker::requestsCompleted, this, [this](const std::vector<RequestRecord> &records) {
        for (const RequestRecord &record : records)
            Q_EMIT requestCompleted(record);
    });
    connect(worker, &GatewayWorker::keysChanged, this, [this](const std::vector<pool::KeySnapshot> &keys) {
        m_keys = keys;
        Q_EMIT keysChanged(m_keys);
    });
    connect(worker, &GatewayWorker::tunnelDoorOpened, this, &Engine::tunnelDoorOpened);
    connect(worker, &GatewayWorker::tunnelDoorFailed, this, &Engine::tunnelDoorFailed);
    connect(worker, &GatewayWorker::reconfigured, this, &Engine::reconfigured);
    connect(worker, &GatewayWorker::reconfigureFailed, this, &Engine::reconfigureFailed);
    connect(worker, &GatewayWorker::drained, this, [this] {
        if (m_stopping)
            stop();
    });
    QMetaObject::invokeMethod(worker, [worker, config] { worker->start(config); }, Qt::QueuedConnection);
}

void Engine::openTunnelDoor()
{
    if (!m_worker) {
        // Queued like the worker's answer would be, so callers see one behaviour.
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT tunnelDoorFailed(QStringLiteral("the gateway is not running")); },
            Qt::QueuedConnection);
        return;
    }
    QMetaObject::invokeMethod(m_worker, &GatewayWorker::openTunnelDoor, Qt::QueuedConnection);
}

void Engine::reconfigure(const GatewayConfig &config)
{
    if (!m_worker) {
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT reconfigureFailed(QStringLiteral("the gateway is not running"), false); },
            Qt::QueuedConnection);
        return;
    }
    GatewayWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, config] { worker->reconfigure(config); }, Qt::QueuedConnection);
}

void Engine::stopGracefully(int graceMs)
{
    if (!m_worker || m_stopping)
        return;
    m_stopping = true;
    GatewayWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker, graceMs] { worker->drain(graceMs); }, Qt::QueuedConnection);
}

void Engine::closeTunnelDoor()
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &GatewayWorker::closeTunnelDoor, Qt::QueuedConnection);
}

void Engine::stop()
{
    m_stopping = false;
    if (!m_thread.joinable())
        return;
    GatewayWorker *worker = std::exchange(m_worker, nullptr);
    QEventLoop *loop = std::exchange(m_loop, nullptr);
    QMetaObject::invokeMethod(
        worker,
        [worker, loop] {
            worker->shutdown();
            loop->quit();
        },
        Qt::BlockingQueuedConnection);
    std::exchange(m_thread, {}).join();
    // What the worker signalled last (the requests that stopping ended, or a failed start) is still
    // queued for this thread; delivered now, so that a log or the stats see every request even when
    // the caller exits right after stop(). The engine already counts as stopped: a handler that
    // calls stop() or start() again finds no thread to wait for.
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    Q_EMIT stopped();
}

} // namespace hydra
