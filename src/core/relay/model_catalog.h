#pragma once
// The upstream model list in OpenAI shape: every page of Google's models.list,
// fetched with a pool key, cached for a few minutes, shared by concurrent callers.

#include "pool/key_pool.h"
#include "translate/api_error.h"
#include "upstream/gemini_client.h"
#include "upstream/upstream_failure.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <variant>
#include <vector>

namespace hydra::relay {

class ModelCatalog : public QObject
{
    Q_OBJECT
public:
    using Result = std::variant<nlohmann::json, ApiError>; // {"object":"list","data":[...]} or why not
    using Callback = std::function<void(const Result &)>;

    ModelCatalog(pool::KeyPool &pool, upstream::GeminiClient &client, int cacheMs, QObject *parent = nullptr);

    void list(Callback callback);
    // One model by id (with or without "models/"), or a 404 in OpenAI's shape.
    void get(const QString &id, Callback callback);
    // Drops the cached list (another upstream now): the next request fetches it again.
    void forget() { m_cached.reset(); }

private:
    void fetchPage(const QString &pageToken);
    void onPage(upstream::UpstreamCall *reply);
    void retryOrFail(const upstream::UpstreamFailure &failure);
    void finish(const Result &result);

    pool::KeyPool &m_pool;
    upstream::GeminiClient &m_client;
    int m_cacheMs;
    std::optional<nlohmann::json> m_cached;
    QElapsedTimer m_cachedAt;

    std::vector<Callback> m_waiting;
    nlohmann::json m_pages = nlohmann::json::array(); // models gathered so far
    std::vector<int> m_triedKeys;
    int m_key = -1;
    int m_attempts = 0;
    QPointer<upstream::UpstreamCall> m_reply;
};

} // namespace hydra::relay
