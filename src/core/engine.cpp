#include "engine.h"

#include "gateway_worker.h"

#include <QCoreApplication>
#include <QThread>

#include <utility>

namespace hydra {

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
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("hydra-gateway"));
    auto *worker = new GatewayWorker;
    worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, worker, &QObject::deleteLater);
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
    m_worker = worker;
    m_thread->start();
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

void Engine::closeTunnelDoor()
{
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &GatewayWorker::closeTunnelDoor, Qt::QueuedConnection);
}

void Engine::stop()
{
    if (!m_thread)
        return;
    if (m_worker)
        QMetaObject::invokeMethod(m_worker, &GatewayWorker::shutdown, Qt::BlockingQueuedConnection);
    QThread *thread = std::exchange(m_thread, nullptr);
    m_worker = nullptr;
    thread->quit();
    thread->wait();
    delete thread;
    // What the worker signalled last (the requests that stopping ended, or a failed start) is still
    // queued for this thread; delivered now, so that a log or the stats see every request even when
    // the caller exits right after stop(). The engine already counts as stopped: a handler that
    // calls stop() or start() again finds no thread to wait for.
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    Q_EMIT stopped();
}

} // namespace hydra
