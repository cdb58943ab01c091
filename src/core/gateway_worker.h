#pragma once
// The objects of one running gateway, created and destroyed on the engine's worker thread.

#include "gateway_config.h"
#include "pool/key_pool.h"
#include "stats/request_record.h"
#include "store/background_saver.h"

#include <QObject>
#include <QTimer>

#include <memory>
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

private:
    void keyStateMayHaveChanged();
    void emitKeys();
    void emitRecords();
    void savePoolState();

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
    // Declared last: destroyed first.
    std::unique_ptr<server::GatewayServer> m_server;
    std::unique_ptr<server::GatewayServer> m_tunnelServer;
};

} // namespace hydra
