#pragma once
// Everything the engine needs to run one gateway. Filled by the command line or
// the desktop app; plain values, copied into the engine's thread.

#include "pool/key_pool.h"
#include "relay/relay_context.h"
#include "server/guarded_tcp_server.h"
#include "translate/chat_request.h"

#include <QHostAddress>
#include <QUrl>

#include <optional>
#include <vector>

namespace hydra {

struct GatewayConfig
{
    QHostAddress host = QHostAddress::LocalHost;
    quint16 port = 8000;
    QUrl upstream = QUrl(QStringLiteral("https://generativelanguage.googleapis.com"));
    std::vector<pool::KeyInfo> keys;
    server::ListenerLimits limits;
    relay::RelaySettings relay;
    // How long Gemini (or the --upstream proxy) may keep a request waiting; past either limit the
    // attempt fails like a dropped connection (docs/architecture.md, "Upstream timeouts").
    int upstreamFirstByteTimeoutMs = 300'000; // until its answer starts: a thinking model is silent meanwhile
    int upstreamIdleTimeoutMs = 120'000;      // silence within an answer that has started
    int modelsCacheMs = 300'000;
    QString configDir; // where state files live (thought signatures, pool-state.json); empty: memory only
    // Per-model request limits the pool budgets against until Google names the real ones in a
    // 429 (learnt values win). Unset: pool::freeTierDefaults() when the upstream is Google's own
    // API; none for any other upstream (a proxy, a test double), whose limits are only learnt.
    std::optional<pool::LimitsTable> modelLimits;
    nlohmann::json safetySettings = translate::defaultSafetySettings();
    translate::ClaudeModelMap claudeModels; // which Gemini models answer claude-* names (Messages API)
    bool allowPrivateMediaAddresses = false; // tests only: lets a local server stand in for the web
};

} // namespace hydra
