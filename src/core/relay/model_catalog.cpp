#include "model_catalog.h"

#include "failover_relay.h"
#include "translate/chat_request.h"
#include "translate/json_depth.h"
#include "translate/models.h"

using nlohmann::json;

namespace hydra::relay {
namespace {
// Model listing has its own quota bucket name in the pool, apart from any chat model.
const std::string listingBucket = "models.list";
constexpr int maxAttempts = 4;
} // namespace

ModelCatalog::ModelCatalog(pool::KeyPool &pool, upstream::GeminiClient &client, int cacheMs, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_client(client)
    , m_cacheMs(cacheMs)
{
    m_pool.exemptFromBudget(listingBucket); // listing costs no generate quota: never budgeted
}

void ModelCatalog::list(Callback callback)
{
    if (m_cached && m_cachedAt.isValid() && m_cachedAt.elapsed() < m_cacheMs) {
        callback(*m_cached);
        return;
    }
    m_waiting.push_back(std::move(callback));
    if (m_waiting.size() > 1)
        return; // a fetch is already under way
    m_pages = json::array();
    m_triedKeys.clear();
    m_attempts = 0;
    fetchPage({});
}

void ModelCatalog::get(const QString &id, Callback callback)
{
    auto bareId = translate::normaliseModelName(id.toStdString());
    if (auto *error = std::get_if<ApiError>(&bareId)) {
        callback(*error);
        return;
    }
    list([wanted = std::get<std::string>(bareId), callback = std::move(callback)](const Result &result) {
        if (const auto *models = std::get_if<json>(&result)) {
            for (const auto &model : (*models)["data"]) {
                if (model.value("id", "") == wanted) {
                    callback(model);
                    return;
                }
            }
            ApiError missing = ApiError::invalidRequest("The model '" + wanted + "' does not exist", "model",
                                                        "model_not_found");
            missing.httpStatus = 404;
            callback(missing);
            return;
        }
        callback(result);
    });
}

void ModelCatalog::fetchPage(const QString &pageToken)
{
    auto picked = m_pool.pick(listingBucket, m_triedKeys);
    if (const auto *exhausted = std::get_if<pool::PoolExhausted>(&picked)) {
        using Reason = pool::PoolExhausted::Reason;
        finish(exhausted->reason == Reason::AllCoolingDown || exhausted->reason == Reason::AllParkedForDay
                   ? ApiError{429, "rate_limit_exceeded", "Every Gemini API key is rate-limited; try again shortly.",
                              std::nullopt, "rate_limit_exceeded"}
                   : ApiError::serverError(503, exhausted->reason == Reason::NoKeys
                                                    ? "Hydra has no Gemini API keys, so it cannot list models."
                                                    : "All Gemini API keys are invalid, so Hydra cannot list models.",
                                           "no_api_keys"));
        return;
    }
    m_key = std::get<int>(picked);
    m_triedKeys.push_back(m_key);
    QString query = QStringLiteral("pageSize=1000");
    if (!pageToken.isEmpty())
        query += QStringLiteral("&pageToken=") + QString::fromLatin1(QUrl::toPercentEncoding(pageToken));
    m_reply = m_client.get(QStringLiteral("models"), query, m_pool.key(m_key).secret);
    connect(m_reply, &upstream::UpstreamCall::finished, this, [this, reply = m_reply.data()] { onPage(reply); });
}

void ModelCatalog::onPage(upstream::UpstreamCall *reply)
{
    reply->deleteLater();
    const int status = reply->status();
    const QByteArray body = reply->readAll();
    if (status == 0 || (status == 200 && reply->failed())) {
        retryOrFail(upstream::networkFailure(reply->errorString().toStdString()));
        return;
    }
    if (status != 200) {
        retryOrFail(upstream::classifyHttpFailure(status, std::string_view(body.constData(), body.size())));
        return;
    }
    const json page = translate::parseBounded(std::string_view(body.constData(), static_cast<std::size_t>(body.size())));
    if (!page.is_object()) {
        retryOrFail(upstream::networkFailure("Gemini sent a model list that is not JSON."));
        return;
    }
    m_pool.recordSuccess(m_key, listingBucket);
    if (page.value("models", json()).is_array()) {
        for (const auto &model : page["models"])
            m_pages.push_back(model);
    }
    const json next = page.value("nextPageToken", json());
    if (next.is_string() && !next.get_ref<const std::string &>().empty()) {
        m_triedKeys.clear(); // each page may use any key again
        fetchPage(QString::fromStdString(next.get<std::string>()));
        return;
    }
    try {
        m_cached = translate::toOpenAiModelList(m_pages);
    } catch (const json::exception &) {
        finish(ApiError::serverError(502, "Gemini sent a model list Hydra could not read.", "upstream_error"));
        return;
    }
    m_cachedAt.start();
    finish(*m_cached);
}

void ModelCatalog::retryOrFail(const upstream::UpstreamFailure &failure)
{
    using upstream::Verdict;
    switch (failure.verdict) {
    case Verdict::KeyInvalid:
        m_pool.recordDead(m_key, failure.message);
        break;
    case Verdict::RateLimited:
        m_pool.recordRateLimited(m_key, listingBucket, rateLimitReport(failure));
        break;
    case Verdict::Transient:
        m_pool.recordTransient(m_key, listingBucket, failure.message);
        break;
    case Verdict::Forbidden: // this project may not list; another may
        break;
    case Verdict::ClientFault:
        finish(upstream::clientErrorFor(failure));
        return;
    }
    if (++m_attempts >= maxAttempts) {
        finish(ApiError::serverError(502, "Could not list models: " + failure.message, "upstream_unavailable"));
        return;
    }
    m_pages = json::array(); // start over: page tokens may be tied to the key that issued them
    fetchPage({});
}

void ModelCatalog::finish(const Result &result)
{
    auto waiting = std::move(m_waiting);
    m_waiting.clear();
    for (auto &callback : waiting)
        callback(result);
}

} // namespace hydra::relay
