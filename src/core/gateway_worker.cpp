#include "gateway_worker.h"

#include "relay/model_catalog.h"
#include "relay/relay_context.h"
#include "server/access_tokens.h"
#include "server/gateway_server.h"
#include "store/pool_state_file.h"
#include "store/signature_store.h"
#include "upstream/gemini_client.h"
#include "upstream/media_fetcher.h"

#include <QTcpServer>

#include <algorithm>
#include <cstdio>
#include <utility>

namespace hydra {

namespace {

// Google's free-tier limits describe Google's API; another upstream's are only learnt.
pool::LimitsTable limitsFor(const GatewayConfig &config)
{
    if (config.modelLimits)
        return *config.modelLimits;
    return config.upstream.host().compare(QStringLiteral("generativelanguage.googleapis.com"), Qt::CaseInsensitive) == 0
               ? pool::freeTierDefaults()
               : pool::LimitsTable{};
}

QString baseUrlOf(const QHostAddress &address, quint16 port)
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']'
                                                                              : address.toString();
    return QStringLiteral("http://%1:%2/v1").arg(host).arg(port);
}

// How long a listener that moved away keeps serving what was in flight on it.
constexpr int movedListenerGraceMs = 30'000;

} // namespace

GatewayWorker::GatewayWorker()
    : m_keysSignal(this) // children, so that moveToThread takes the timers along
    , m_saveState(this)
    , m_keysExpire(this)
    , m_recordsSignal(this)
{
    m_recordsSignal.setSingleShot(true);
    m_recordsSignal.setInterval(50);
    connect(&m_recordsSignal, &QTimer::timeout, this, &GatewayWorker::emitRecords);
    m_keysSignal.setSingleShot(true);
    m_keysSignal.setInterval(250);
    connect(&m_keysSignal, &QTimer::timeout, this, &GatewayWorker::emitKeys);
    m_keysExpire.setSingleShot(true);
    connect(&m_keysExpire, &QTimer::timeout, this, &GatewayWorker::keyStateMayHaveChanged);
    m_saveState.setSingleShot(true);
    m_saveState.setInterval(2000);
    connect(&m_saveState, &QTimer::timeout, this, &GatewayWorker::savePoolState);
}

void GatewayWorker::emitKeys()
{
    m_keysSignal.stop();
    if (!m_pool)
        return;
    Q_EMIT keysChanged(m_pool->snapshot());
    if (const auto next = m_pool->nextChangeMs())
        m_keysExpire.start(static_cast<int>(std::clamp<qint64>(*next - m_clock.nowMs(), 0, 3'600'000)));
    else
        m_keysExpire.stop();
}

void GatewayWorker::savePoolState()
{
    m_saveState.stop();
    if (!m_pool || (!m_stateDirty && !m_stateSaver.lastSaveFailed()) || m_statePath.isEmpty())
        return;
    m_stateDirty = false;
    m_stateSaver.submit([path = m_statePath, state = m_pool->exportState(), saver = &m_stateSaver] {
        QString error;
        const bool saved = store::savePoolState(path, state, &error);
        if (!saved && !saver->lastSaveFailed()) // said once, not every two seconds
            std::fprintf(stderr, "hydra: %s\n", qPrintable(error));
        return saved;
    });
}

void GatewayWorker::emitRecords()
{
    m_recordsSignal.stop();
    if (!m_completed.empty())
        Q_EMIT requestsCompleted(std::exchange(m_completed, {}));
}

void GatewayWorker::keyStateMayHaveChanged()
{
    if (!m_keysSignal.isActive())
        m_keysSignal.start();
}

GatewayWorker::~GatewayWorker()
{
    shutdown();
}

void GatewayWorker::start(const GatewayConfig &config)
{
    m_limits = config.limits;
    m_tokens = std::make_unique<server::AccessTokens>(config.configDir);
    // A token file that cannot be read would otherwise leave the gateway open to all.
    if (const auto error = m_tokens->reload()) {
        shutdown();
        Q_EMIT startFailed(*error, false);
        return;
    }
    if (const auto refusal = refusesAddress(config.host)) {
        shutdown();
        Q_EMIT startFailed(*refusal, false);
        return;
    }
    m_pool = std::make_unique<pool::KeyPool>(m_clock);
    m_pool->setDefaultLimits(limitsFor(config));
    m_pool->setKeys(config.keys);
    // What the pool knew before a restart (keys exhausted today stay parked); an unusable file
    // is moved aside with a warning and the pool starts clean.
    m_statePath = config.configDir.isEmpty() ? QString() : config.configDir + QStringLiteral("/pool-state.json");
    if (auto saved = store::loadPoolState(m_statePath))
        m_pool->importState(*saved);
    m_stateDirty = false;
    m_pool->setChangeListener([this] {
        keyStateMayHaveChanged();
        m_stateDirty = true;
        if (!m_statePath.isEmpty() && !m_saveState.isActive())
            m_saveState.start();
    });
    m_upstream = config.upstream;
    m_client = std::make_unique<upstream::GeminiClient>(
        config.upstream, upstream::CallTimeouts{config.upstreamFirstByteTimeoutMs, config.upstreamIdleTimeoutMs});
    m_media = std::make_unique<upstream::MediaFetcher>(config.allowPrivateMediaAddresses);
    m_signatures = std::make_unique<store::SignatureStore>(
        config.configDir.isEmpty() ? QString() : config.configDir + QStringLiteral("/thought-signatures.json"));
    m_relay = std::make_unique<relay::RelayContext>(relay::RelayContext{
        *m_pool, *m_client, config.relay,
        [this](const RequestRecord &record) {
            m_completed.push_back(record);
            if (!m_recordsSignal.isActive())
                m_recordsSignal.start();
            keyStateMayHaveChanged();
        },
        m_signatures.get(), m_media.get(), {}, config.claudeModels});
    m_relay->translateOptions.safetySettings = config.safetySettings;
    m_relay->translateOptions.signatureFor = [store = m_signatures.get()](const std::string &id) {
        const auto stored = store->find(id);
        return stored ? std::optional<std::string>(stored->signature) : std::nullopt;
    };
    m_models = std::make_unique<relay::ModelCatalog>(*m_pool, *m_client, config.modelsCacheMs);
    QString error;
    bool inUse = false;
    m_server = listenLocally(config, &error, &inUse);
    if (!m_server) {
        shutdown();
        Q_EMIT startFailed(error, inUse);
        return;
    }
    m_host = config.host;
    m_port = config.port;
    emitKeys();
    Q_EMIT started(baseUrlOf(config.host, m_server->port()));
}

std::optional<QString> GatewayWorker::refusesAddress(const QHostAddress &host)
{
    if (host.isLoopback())
        return std::nullopt;
    m_tokens->reload(); // a token created a moment ago counts
    if (!m_tokens->empty())
        return std::nullopt;
    return QStringLiteral("refusing to listen on %1: a gateway reachable from other machines needs an "
                          "access token; create one with: hydra tokens create --name NAME")
        .arg(host.toString());
}

std::unique_ptr<server::GatewayServer> GatewayWorker::listenLocally(const GatewayConfig &config, QString *error,
                                                                    bool *inUse)
{
    auto server = std::make_unique<server::GatewayServer>(*m_relay, *m_models, *m_tokens, server::Door::Local,
                                                          config.limits);
    QString reason;
    if (server->listenOn(config.host, config.port, config.limits, &reason))
        return server;
    // Ask the OS rather than parse the message: was the port taken?
    QTcpServer probe;
    *inUse = !probe.listen(config.host, config.port) && probe.serverError() == QAbstractSocket::AddressInUseError;
    *error = *inUse ? QStringLiteral("port %1 on %2 is already in use").arg(config.port).arg(config.host.toString())
                    : QStringLiteral("cannot listen on %1:%2: %3").arg(config.host.toString()).arg(config.port).arg(reason);
    return nullptr;
}

void GatewayWorker::reconfigure(const GatewayConfig &config)
{
    if (!m_server) {
        Q_EMIT reconfigureFailed(QStringLiteral("the gateway is not running"), false);
        return;
    }
    // The listener first: when it cannot move, nothing else changes either.
    if (config.host != m_host || config.port != m_port) {
        if (const auto refusal = refusesAddress(config.host)) {
            Q_EMIT reconfigureFailed(*refusal, false);
            return;
        }
        // The old listener stops listening first: the new one may want the same port.
        std::unique_ptr<server::GatewayServer> old = std::move(m_server);
        old->drain();
        QString error;
        bool inUse = false;
        m_server = listenLocally(config, &error, &inUse);
        if (!m_server) {
            // Back where it was: the old address was free a moment ago.
            GatewayConfig previous = config;
            previous.host = m_host;
            previous.port = old->port();
            QString ignored;
            bool ignoredInUse = false;
            m_server = listenLocally(previous, &ignored, &ignoredInUse);
            if (m_server)
                retire(std::move(old), movedListenerGraceMs);
            else
                m_server = std::move(old); // cannot happen but by a race; keeps serving what it has
            Q_EMIT reconfigureFailed(error, inUse);
            return;
        }
        retire(std::move(old), movedListenerGraceMs);
        m_host = config.host;
        m_port = config.port;
    }
    m_limits = config.limits;
    m_pool->setDefaultLimits(limitsFor(config));
    m_pool->setKeys(config.keys);
    m_client->setTarget(config.upstream, {config.upstreamFirstByteTimeoutMs, config.upstreamIdleTimeoutMs});
    if (config.upstream != std::exchange(m_upstream, config.upstream))
        m_models->forget();
    m_relay->settings = config.relay;
    m_relay->translateOptions.safetySettings = config.safetySettings;
    m_relay->claudeModels = config.claudeModels;
    keyStateMayHaveChanged();
    Q_EMIT reconfigured(baseUrlOf(m_host, m_server->port()));
}

void GatewayWorker::retire(std::unique_ptr<server::GatewayServer> server, int graceMs)
{
    server::GatewayServer *raw = server.get();
    const auto forget = [this, raw] {
        // Deleted from the event loop: this may run inside the server's own signal.
        const auto it = std::find_if(m_retiring.begin(), m_retiring.end(), [raw](const auto &s) { return s.get() == raw; });
        if (it == m_retiring.end())
            return;
        std::unique_ptr<server::GatewayServer> gone = std::move(*it);
        m_retiring.erase(it);
        gone.release()->deleteLater();
    };
    connect(raw, &server::HttpServerBase::drained, this, forget, Qt::QueuedConnection);
    QTimer::singleShot(graceMs, raw, forget); // what is still in flight then is ended
    m_retiring.push_back(std::move(server));
    raw->drain();
}

void GatewayWorker::drain(int graceMs)
{
    if (!m_server) {
        Q_EMIT drained();
        return;
    }
    if (std::exchange(m_drainPending, true))
        return; // already draining: drained() follows once
    const auto finish = [this] {
        if (std::exchange(m_drainPending, false))
            Q_EMIT drained();
    };
    std::vector<server::GatewayServer *> doors{m_server.get()};
    if (m_tunnelServer)
        doors.push_back(m_tunnelServer.get());
    for (const auto &retiring : m_retiring)
        doors.push_back(retiring.get());
    m_draining = static_cast<int>(doors.size());
    for (server::GatewayServer *door : doors) {
        connect(door, &server::HttpServerBase::drained, this, [this, finish] {
            if (--m_draining == 0)
                finish();
        });
        door->drain();
    }
    QTimer::singleShot(graceMs, this, finish);
}

void GatewayWorker::openTunnelDoor()
{
    if (!m_server) {
        Q_EMIT tunnelDoorFailed(QStringLiteral("the gateway is not running"));
        return;
    }
    if (m_tunnelServer) {
        Q_EMIT tunnelDoorOpened(m_tunnelServer->port());
        return;
    }
    m_tokens->reload(); // a token created a moment ago counts, without waiting for the next look
    if (m_tokens->empty()) {
        Q_EMIT tunnelDoorFailed(QStringLiteral("no access token exists, and the tunnel would let nobody in; create one "
                                               "first (hydra tokens create --name NAME)"));
        return;
    }
    // Every connection to this door is cloudflared's, from 127.0.0.1: a cap per address would be
    // one cap for the whole internet, which anyone could fill. Clients are told apart by their
    // CF-Connecting-IP once their request's head is in, and capped there.
    server::ListenerLimits limits = m_limits;
    limits.maxConnectionsPerAddress = limits.maxConnections;
    auto door = std::make_unique<server::GatewayServer>(*m_relay, *m_models, *m_tokens, server::Door::Tunnel, limits);
    QString error;
    if (!door->listenOn(QHostAddress(QHostAddress::LocalHost), 0, limits, &error)) {
        Q_EMIT tunnelDoorFailed(QStringLiteral("cannot open the tunnel's listener on 127.0.0.1: %1").arg(error));
        return;
    }
    m_tunnelServer = std::move(door);
    Q_EMIT tunnelDoorOpened(m_tunnelServer->port());
}

void GatewayWorker::closeTunnelDoor()
{
    m_tunnelServer.reset(); // ends its in-flight exchanges
}

void GatewayWorker::shutdown()
{
    m_retiring.clear();
    m_tunnelServer.reset();
    m_server.reset(); // ends in-flight exchanges (streams get an error event and their end)
    m_models.reset();
    m_relay.reset();
    m_tokens.reset(); // records pending "last used" times
    m_signatures.reset(); // saves what is pending
    m_media.reset();
    m_client.reset();
    savePoolState(); // what is pending, now
    m_stateSaver.waitIdle();
    m_keysSignal.stop();
    m_keysExpire.stop();
    m_pool.reset();
    emitRecords(); // including the requests that shutting down ended
}

} // namespace hydra
