#pragma once
// What every relayed request shares: the key pool, the upstream client and the
// retry settings. Owned by the engine on its worker thread.

#include "pool/key_pool.h"
#include "store/signature_store.h"
#include "translate/chat_request.h"
#include "translate/messages_request.h"
#include "stats/request_record.h"
#include "upstream/gemini_client.h"
#include "upstream/media_fetcher.h"

#include <functional>

namespace hydra::relay {

struct RelaySettings
{
    int maxTransientRetries = 3;   // 5xx / network failures retried before giving up
    int heartbeatMs = 15'000;      // SSE comment while upstream is silent
};

struct RelayContext
{
    pool::KeyPool &pool;
    upstream::GeminiClient &client;
    RelaySettings settings;
    std::function<void(const RequestRecord &)> recordRequest;
    store::SignatureStore *signatures = nullptr; // thought signatures by tool-call id
    upstream::MediaFetcher *media = nullptr;     // images given by URL
    translate::TranslateOptions translateOptions;
    translate::ClaudeModelMap claudeModels; // the Messages API's claude-* names
};

} // namespace hydra::relay
