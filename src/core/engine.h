#pragma once
// The facade both faces (command line, desktop app) drive. The gateway itself (HTTP
// server, upstream client, key pool) lives on a worker thread of its own, so a busy
// or blocked GUI never stalls a request; everything here talks to it through queued
// signals.

#include "gateway_config.h"
#include "gateway_worker.h"
#include "pool/key_pool.h"
#include "stats/request_record.h"

#include <QObject>

#include <thread>
#include <vector>

class QEventLoop;

namespace hydra {

class Engine : public QObject
{
    Q_OBJECT
public:
    explicit Engine(QObject *parent = nullptr);
    ~Engine() override;

    // Starts the gateway; started() or startFailed() follows.
    void start(const GatewayConfig &config);
    // Stops it: in-flight streams are ended, the port is released. Returns when done.
    void stop();
    // Stops taking requests at once and lets those in flight finish for graceMs at most, then
    // stops (stopped() follows; stop() meanwhile ends it at once). Returns immediately.
    void stopGracefully(int graceMs);
    static constexpr int gracefulStopMs = 5000; // what the tray, quitting and SIGTERM allow
    bool isRunning() const { return m_worker != nullptr; }
    bool isStopping() const { return m_stopping; }
    // Applies a changed configuration to the running gateway without interrupting it (see
    // GatewayWorker::reconfigure); reconfigured() or reconfigureFailed() follows.
    void reconfigure(const GatewayConfig &config);
    // The latest per-key, per-model state (what keysChanged last carried): the one read-only
    // snapshot a window reads when it opens, without waiting for the next change.
    const std::vector<pool::KeySnapshot> &keys() const { return m_keys; }

    // The tunnel door: a second listener on 127.0.0.1 (port chosen by the OS) for cloudflared to
    // forward to. It requires an access token on every request and serves only the API routes.
    // tunnelDoorOpened(port) or tunnelDoorFailed(message) follows (also when already open: the
    // same port). Fails while the gateway is not running or no access token exists.
    void openTunnelDoor();
    // Closes it; requests in flight through it are ended. Stopping the gateway closes it too.
    void closeTunnelDoor();

Q_SIGNALS:
    void started(const QString &baseUrl);
    void startFailed(const QString &message, bool addressInUse);
    void stopped();
    // Each finished request, in order, within about 50 ms of its end (the worker hands them over
    // in batches); every request is signalled by the time stop() returns.
    void requestCompleted(const hydra::RequestRecord &record);
    void keysChanged(const std::vector<hydra::pool::KeySnapshot> &keys);
    void tunnelDoorOpened(quint16 port);
    void tunnelDoorFailed(const QString &message);
    void reconfigured(const QString &baseUrl);
    void reconfigureFailed(const QString &message, bool addressInUse);

private:
    // Not a QThread: Qt starts those detached, and QThread::wait() returns before the thread's
    // thread-local destructors have run (OpenSSL's per-thread state among them). A process that
    // exits right after stop() then ran OpenSSL's exit-time cleanup against those destructors:
    // a double free that AddressSanitizer caught at `hydra gateway` shutdown. A std::thread is
    // joined, so stop() returns only once the thread is entirely gone.
    std::thread m_thread;
    GatewayWorker *m_worker = nullptr; // lives on m_thread, from start() until stop() returns
    QEventLoop *m_loop = nullptr;      // m_thread's event loop
    std::vector<pool::KeySnapshot> m_keys;
    bool m_stopping = false; // stopGracefully() is waiting for requests in flight
};

} // namespace hydra
