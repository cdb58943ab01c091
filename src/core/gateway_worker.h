#pragma once
// The objects of one running gateway, created and destroyed on the engine's worker thread.

#include "gateway_config.h"
#include "pool/key_pool.h"
#include "stats/request_record.h"
#include "store/background_saver.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>
#include <vector>

namespace hydra {

namespace upstream { class GeminiClient; class MediaFetcher; }
namespace relay { class ModelCatalog; struct RelayContext; }
namespace store { class SignatureStore; }
namespace server { class AccessTokens; class GatewayServer; }

class GatewayWorker : public QObject
{
    Q_OBJECT
public:
    GatewayWorker();
    ~GatewayWorker() override;

    // All run on the worker thread.
    void start(const GatewayConfig &config);
    void shutdown();
    // The tunnel door: a second listener on 127.0.0.1 (a port the OS picks) that cloudflared
    // forwards to, sharing this gateway's pool. It always requires an access token, so it
    // opens only when one exists. Opening it again reports the same port.
    void openTunnelDoor();
    // Closes it; requests in flight through it are ended (streams get an error event).
    void closeTunnelDoor();
    // Applies a changed configuration to the running gateway in place: keys (requests in flight
    // finish on the key they started with), limits, upstream and its timeouts. A new address or
    // port moves the local listener (the old one lets its requests finish for a while first);
    // the tunnel door stays where it is. reconfigured() or reconfigureFailed() follows.
    void reconfigure(const GatewayConfig &config);
    // Stops taking requests on every door and lets those in flight finish, for graceMs at most;
    // drained() follows. shutdown() then ends whatever is left.
    void drain(int graceMs);

Q_SIGNALS:
    void started(const QString &baseUrl);
    void startFailed(const QString &message, bool addressInUse);
    // Finished requests, oldest first, a few times a second rather than one signal per request:
    // each queued signal wakes the receiving thread, and at thousands of requests a second those
    // wake-ups competed with this thread for the CPU and showed in the gateway's tail latency.
    void requestsCompleted(const std::vector<hydra::RequestRecord> &records);
    void keysChanged(const std::vector<hydra::pool::KeySnapshot> &keys);
    void tunnelDoorOpened(quint16 port);
    void tunnelDoorFailed(const QString &message);
    void reconfigured(const QString &baseUrl);
    // The change was not applied (the new address could not be listened on, say): the gateway
    // goes on as it was.
    void reconfigureFailed(const QString &message, bool addressInUse);
    void drained();

private:
    void keyStateMayHaveChanged();
    void emitKeys();
    void emitRecords();
    void savePoolState();
    // Why this gateway may not listen on `host` now, if it may not.
    std::optional<QString> refusesAddress(const QHostAddress &host);
    std::unique_ptr<server::GatewayServer> listenLocally(const GatewayConfig &config, QString *error, bool *inUse);
    void retire(std::unique_ptr<server::GatewayServer> server, int graceMs);

    pool::SystemClock m_clock;
    QTimer m_keysSignal; // coalesces key-state updates: the GUI wants a few per second, not one per request
    QTimer m_saveState;  // coalesces pool-state.json writes: one every couple of seconds at most
    QTimer m_keysExpire; // key states also change with time (a cooldown ends): signalled then too
    QTimer m_recordsSignal; // coalesces requestsCompleted
    std::vector<RequestRecord> m_completed; // not yet signalled
    QString m_statePath; // empty: the pool state is not kept
    bool m_stateDirty = false;
    store::BackgroundSaver m_stateSaver; // writes pool-state.json off this thread
    std::unique_ptr<pool::KeyPool> m_pool;
    std::unique_ptr<upstream::GeminiClient> m_client;
    std::unique_ptr<upstream::MediaFetcher> m_media;
    std::unique_ptr<store::SignatureStore> m_signatures;
    std::unique_ptr<relay::RelayContext> m_relay;
    std::unique_ptr<relay::ModelCatalog> m_models;
    std::unique_ptr<server::AccessTokens> m_tokens;
    server::ListenerLimits m_limits;
    QHostAddress m_host; // what the local listener was asked to listen on
    quint16 m_port = 0;  // as asked (0: any), not as bound
    QUrl m_upstream;
    bool m_drainPending = false; // drain() was called and drained() has not followed yet
    int m_draining = 0;          // listeners still draining
    // Declared last: destroyed first.
    std::unique_ptr<server::GatewayServer> m_server;
    std::unique_ptr<server::GatewayServer> m_tunnelServer;
    // Listeners that stopped listening and are letting their last requests finish.
    std::vector<std::unique_ptr<server::GatewayServer>> m_retiring;
};

} // namespace hydra
