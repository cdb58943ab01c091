#include "gateway_worker.h"

#include "relay/model_catalog.h"
#include "relay/relay_context.h"
#include "server/gateway_server.h"
#include "store/signature_store.h"
#include "upstream/gemini_client.h"
#include "upstream/media_fetcher.h"

#include <QTcpServer>

namespace hydra {

GatewayWorker::GatewayWorker()
    : m_keysSignal(this) // a child, so that moveToThread takes the timer along
{
    m_keysSignal.setSingleShot(true);
    m_keysSignal.setInterval(250);
    connect(&m_keysSignal, &QTimer::timeout, this, [this] {
        if (m_pool)
            Q_EMIT keysChanged(m_pool->snapshot());
    });
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
    m_pool = std::make_unique<pool::KeyPool>(m_clock);
    m_pool->setKeys(config.keys);
    m_client = std::make_unique<upstream::GeminiClient>(config.upstream, config.upstreamTimeoutMs);
    m_media = std::make_unique<upstream::MediaFetcher>(config.allowPrivateMediaAddresses);
    m_signatures = std::make_unique<store::SignatureStore>(
        config.configDir.isEmpty() ? QString() : config.configDir + QStringLiteral("/thought-signatures.json"));
    m_relay = std::make_unique<relay::RelayContext>(relay::RelayContext{
        *m_pool, *m_client, config.relay,
        [this](const RequestRecord &record) {
            Q_EMIT requestCompleted(record);
            keyStateMayHaveChanged();
        },
        m_signatures.get(), m_media.get(), {}});
    m_relay->translateOptions.safetySettings = config.safetySettings;
    m_relay->translateOptions.signatureFor = [store = m_signatures.get()](const std::string &id) {
        const auto stored = store->find(id);
        return stored ? std::optional<std::string>(stored->signature) : std::nullopt;
    };
    m_models = std::make_unique<relay::ModelCatalog>(*m_pool, *m_client, config.modelsCacheMs);
    m_server = std::make_unique<server::GatewayServer>(*m_relay, *m_models);

    QString error;
    if (!m_server->listenOn(config.host, config.port, config.limits, &error)) {
        // Ask the OS rather than parse the message: was the port taken?
        QTcpServer probe;
        const bool inUse = !probe.listen(config.host, config.port) &&
                           probe.serverError() == QAbstractSocket::AddressInUseError;
        shutdown();
        Q_EMIT startFailed(inUse ? QStringLiteral("port %1 on %2 is already in use")
                                       .arg(config.port)
                                       .arg(config.host.toString())
                                 : QStringLiteral("cannot listen on %1:%2: %3")
                                       .arg(config.host.toString())
                                       .arg(config.port)
                                       .arg(error),
                           inUse);
        return;
    }
    const QString host = config.host.protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' + config.host.toString() + u']'
                             : config.host.toString();
    Q_EMIT keysChanged(m_pool->snapshot());
    Q_EMIT started(QStringLiteral("http://%1:%2/v1").arg(host).arg(m_server->port()));
}

void GatewayWorker::shutdown()
{
    m_server.reset(); // ends in-flight exchanges (streams get an error event and their end)
    m_models.reset();
    m_relay.reset();
    m_signatures.reset(); // saves what is pending
    m_media.reset();
    m_client.reset();
    m_pool.reset();
}

} // namespace hydra
