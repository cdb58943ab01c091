#include "failover_relay.h"

#include "server/replies.h"

#include <QDateTime>

#include <algorithm>
#include <typeinfo>

using nlohmann::json;

namespace hydra::relay {
namespace {

constexpr qsizetype maxErrorBodyBytes = 1024 * 1024;
// Google counts an unusable answer against the day's quota (20 requests on some free tiers), and
// the same prompt often gets the same answer again: one more try, not one per transient retry.
constexpr int maxUnusableRetries = 1;

// "5 h 12 min", "12 min", "45 s".
std::string formatWait(std::int64_t ms)
{
    if (ms < 60'000)
        return std::to_string(std::max<std::int64_t>(1, (ms + 999) / 1000)) + " s";
    const std::int64_t minutes = (ms + 59'999) / 60'000;
    if (minutes < 60)
        return std::to_string(minutes) + " min";
    return std::to_string(minutes / 60) + " h" + (minutes % 60 ? " " + std::to_string(minutes % 60) + " min" : "");
}

// What the client hears when no key can serve: 503 without keys, 429 with Retry-After when the
// wait is per-minute, 429 with x-should-retry: false when the quota is gone for the day.
std::pair<ApiError, server::HeaderList> exhaustedError(const pool::PoolExhausted &exhausted, const std::string &model,
                                                       size_t keyCount,
                                                       const std::optional<upstream::UpstreamFailure> &lastFailure)
{
    using Reason = pool::PoolExhausted::Reason;
    switch (exhausted.reason) {
    case Reason::NoKeys:
        return {ApiError::serverError(503, "Hydra has no Gemini API keys. Add keys (hydra keys add, or "
                                           "hydra gateway --keys-file keys.json) and try again.",
                                      "no_api_keys"),
                {{"x-should-retry", "false"}}}; // the openai SDKs would retry twice for nothing
    case Reason::AllDead:
        return {ApiError::serverError(503, "All " + std::to_string(keyCount) + " Gemini API keys are invalid" +
                                               (lastFailure ? " (last error: " + lastFailure->message + ")" : "") +
                                               ". Replace them and try again.",
                                      "no_valid_api_keys"),
                {{"x-should-retry", "false"}}};
    case Reason::AllParkedForDay: {
        const std::string when = "midnight Pacific time (in " + formatWait(exhausted.retryAfterMs) + ")";
        const std::string message =
            exhausted.noFreeTier
                ? "Model '" + model + "' has no free tier on any of your Gemini API keys (Google answered \"limit: 0\"). "
                  "Hydra tries it again after " + when + "; until then use another model or a key with billing enabled."
                : "Every Gemini API key has used up today's quota for model '" + model + "'. Quota returns at " + when +
                      ".";
        // The openai SDKs honour x-should-retry: waiting hours is not a retry.
        return {ApiError{429, "insufficient_quota", message, std::nullopt, "insufficient_quota"},
                {{"x-should-retry", "false"}}};
    }
    case Reason::AllCoolingDown:
        break;
    }
    const long long seconds = std::max<long long>(1, (exhausted.retryAfterMs + 999) / 1000);
    return {ApiError{429, "rate_limit_exceeded",
                     "Every Gemini API key is rate-limited for model '" + model + "' this minute. The first one is "
                     "free again in " + std::to_string(seconds) + " s.",
                     std::nullopt, "rate_limit_exceeded"},
            {{"Retry-After", QByteArray::number(seconds)}}};
}

} // namespace

pool::RateLimitReport rateLimitReport(const upstream::UpstreamFailure &failure)
{
    pool::RateLimitReport report;
    report.scope = failure.scope;
    report.retryDelayMs = failure.retryDelayMs;
    report.quotaValue = failure.requestLimit;
    report.noFreeTier = failure.noFreeTier;
    report.message = failure.message;
    return report;
}

FailoverRelay::FailoverRelay(RelayContext &context, server::HttpExchange *exchange, server::HeaderList responseHeaders,
                             std::string model, QString route, bool streamed)
    : QObject(exchange)
    , m_context(context)
    , m_exchange(exchange)
    , m_responseHeaders(std::move(responseHeaders))
    , m_model(std::move(model))
    , m_route(std::move(route))
    , m_attribution(exchange ? exchange->attribution() : server::Attribution{})
    , m_streamed(streamed)
{
}

FailoverRelay::~FailoverRelay()
{
    abortUpstream();
}

void FailoverRelay::start()
{
    m_elapsed.start();
    m_startedAtMs = QDateTime::currentMSecsSinceEpoch();
    connect(m_exchange, &server::HttpExchange::clientDisconnected, this, &FailoverRelay::onClientGone);
    m_pinnedKey = preferredKey();
    prepare([this](std::optional<ApiError> error) {
        if (error)
            fail(*error);
        else if (m_exchange && m_exchange->clientConnected())
            attempt();
    });
}

void FailoverRelay::attempt()
{
    auto picked = m_context.pool.pick(m_model, m_triedKeys, m_pinnedKey);
    if (const auto *exhausted = std::get_if<pool::PoolExhausted>(&picked)) {
        auto [error, headers] = exhaustedError(*exhausted, m_model, m_context.pool.size(), m_lastFailure);
        fail(error, std::move(headers));
        return;
    }
    m_key = std::get<int>(picked);
    if (m_refusal && std::find(m_triedKeys.begin(), m_triedKeys.end(), m_key) != m_triedKeys.end()) {
        replyClientFaultOnce(m_refusal->first, m_refusal->second); // every key was tried: none may
        return;
    }
    m_triedKeys.push_back(m_key);
    m_errorBody.clear();
    m_call = send(m_context.pool.key(m_key));
    connect(m_call, &upstream::UpstreamCall::readyRead, this, [this] { shielded(&FailoverRelay::onUpstreamData); });
    connect(m_call, &upstream::UpstreamCall::finished, this, [this] { shielded(&FailoverRelay::onUpstreamFinished); });
}

void FailoverRelay::shielded(void (FailoverRelay::*step)())
{
    // Google's bytes are parsed and translated below this point. Qt is not exception-safe: a bug
    // that throws must cost this one request, never the process and every other stream with it.
    try {
        (this->*step)();
    } catch (const std::exception &error) {
        qWarning("hydra: reading Google's answer failed (%s)", typeid(error).name());
        abortUpstream();
        fail(ApiError::serverError(502, "The gateway failed to read Google's answer.", "internal_error"),
             {{"x-should-retry", "false"}});
    }
}

void FailoverRelay::onUpstreamData()
{
    if (!m_call)
        return;
    if (m_call->status() != 200) {
        m_errorBody += m_call->read(qMax<qint64>(0, maxErrorBodyBytes - m_errorBody.size()));
        return;
    }
    if (!m_streamed)
        return; // read whole when it has finished
    acceptStream();
    const QByteArray bytes = m_call->readAll();
    if (!bytes.isEmpty())
        act(streamBytes(bytes));
}

void FailoverRelay::acceptStream()
{
    if (m_upstreamAccepted)
        return;
    // Upstream said yes. The client's 200 is the subclass's to send (with the first event it can
    // pass on), so every failure before that can still be retried on another key.
    m_upstreamAccepted = true;
    beginStream();
}

void FailoverRelay::act(StreamOutcome outcome)
{
    if (auto *retry = std::get_if<RetryBeforeAnswer>(&outcome))
        retryBeforeAnswer(retry->failure, retry->googleBody);
    else if (const auto *unusable = std::get_if<UnusableAnswer>(&outcome))
        retryUnusableAnswer(unusable->problem);
}

void FailoverRelay::onUpstreamFinished()
{
    upstream::UpstreamCall *call = m_call;
    if (!call)
        return;
    call->deleteLater();
    if (!m_exchange || !m_exchange->clientConnected()) {
        m_call = nullptr;
        onClientGone();
        return;
    }
    const int status = call->status();
    m_call = nullptr;
    if (m_streamed && status == 200) {
        acceptStream();
        const QByteArray rest = call->readAll(); // whatever arrived together with the end
        StreamOutcome outcome = rest.isEmpty() ? StreamOutcome(KeepStreaming{}) : streamBytes(rest);
        if (std::holds_alternative<KeepStreaming>(outcome) && m_exchange && !m_exchange->finished()) {
            m_upstreamTimedOut = call->timedOut();
            outcome = endStream(call->failed() ? std::optional<std::string>(call->errorString().toStdString())
                                               : std::nullopt);
        }
        act(std::move(outcome));
        return;
    }
    if (status == 0 || (status == 200 && call->failed())) {
        // Nothing reached the client: a silent upstream is retried like a dropped connection.
        const std::string why = call->errorString().toStdString();
        handleFailure(call->timedOut() ? upstream::timeoutFailure(why) : upstream::networkFailure(why), {});
        return;
    }
    if (status != 200) {
        m_errorBody += call->read(qMax<qint64>(0, maxErrorBodyBytes - m_errorBody.size()));
        handleFailure(upstream::classifyHttpFailure(status, std::string_view(m_errorBody.constData(), m_errorBody.size())),
                      m_errorBody);
        return;
    }
    if (const auto problem = deliverWhole(call->readAll())) {
        retryUnusableAnswer(*problem);
        return;
    }
    m_context.pool.recordSuccess(m_key, m_model);
    record(200, {});
}

void FailoverRelay::finishStream()
{
    m_context.pool.recordSuccess(m_key, m_model);
    record(200, {});
}

void FailoverRelay::handleFailure(const upstream::UpstreamFailure &failure, const QByteArray &body)
{
    using upstream::Verdict;
    m_lastFailure = failure;
    switch (failure.verdict) {
    case Verdict::RateLimited:
        m_context.pool.recordRateLimited(m_key, m_model, rateLimitReport(failure));
        break;
    case Verdict::KeyInvalid:
        m_context.pool.recordDead(m_key, failure.message);
        m_context.pool.refund(m_key, m_model); // its project's quota was not touched
        break;
    case Verdict::Transient:
        m_context.pool.recordTransient(m_key, m_model, failure.message);
        if (failure.httpStatus >= 500) // Google failed: no quota used (a dropped call may have used some)
            m_context.pool.refund(m_key, m_model);
        if (++m_transientFailures > m_context.settings.maxTransientRetries) {
            if (failure.timedOut)
                fail(ApiError::serverError(504,
                                           "Gemini did not answer in time (" + std::to_string(m_transientFailures) +
                                               " attempts): " + failure.message,
                                           "upstream_timeout"));
            else
                fail(ApiError::serverError(failure.httpStatus == 504 ? 504 : 503,
                                           "Gemini is unavailable after " + std::to_string(m_transientFailures) +
                                               " attempts: " + failure.message,
                                           "upstream_unavailable"));
            return;
        }
        break;
    case Verdict::Forbidden:
        m_context.pool.refund(m_key, m_model); // refused before any work: no quota used
        m_refusal.emplace(failure, body);
        break; // another key's project may be allowed
    case Verdict::ClientFault:
        m_context.pool.refund(m_key, m_model); // refused as malformed: no quota used
        if (!retryClientFault(failure)) {
            replyClientFaultOnce(failure, body);
            return;
        }
        break;
    }
    ++m_failovers;
    attempt();
}

void FailoverRelay::replyError(const ApiError &error, const server::HeaderList &headers)
{
    server::replyError(m_exchange, error, headers);
}

void FailoverRelay::replyClientFaultOnce(const upstream::UpstreamFailure &failure, const QByteArray &body)
{
    if (m_exchange && m_exchange->responseStarted()) {
        // A heartbeat already opened the client's stream (Google took over one interval to
        // refuse): the refusal ends it as an error event, or the client would wait forever.
        fail(upstream::clientErrorFor(failure));
        return;
    }
    if (m_exchange)
        replyClientFault(failure, body);
    record(failure.httpStatus, QString::fromStdString(failure.message));
}

void FailoverRelay::replyClientFault(const upstream::UpstreamFailure &failure, const QByteArray &)
{
    replyError(upstream::clientErrorFor(failure), m_responseHeaders);
}

void FailoverRelay::fail(const ApiError &error, server::HeaderList extraHeaders)
{
    if (m_exchange && !m_exchange->responseStarted()) {
        server::HeaderList headers = m_responseHeaders;
        headers.insert(headers.end(), extraHeaders.begin(), extraHeaders.end());
        replyError(error, headers);
    } else if (m_exchange && !m_exchange->finished()) {
        failAfterStart(error);
    }
    record(error.httpStatus, QString::fromStdString(error.message));
}

void FailoverRelay::failAfterStart(const ApiError &)
{
    m_exchange->abortConnection();
}

void FailoverRelay::retryBeforeAnswer(const upstream::UpstreamFailure &failure, const QByteArray &googleBody)
{
    abortUpstream(); // an error event may come before Google closes the stream
    m_upstreamAccepted = false; // the next attempt's stream starts afresh
    handleFailure(failure, googleBody);
}

void FailoverRelay::retryUnusableAnswer(const std::string &problem)
{
    abortUpstream();
    m_upstreamAccepted = false;
    m_lastFailure = upstream::networkFailure(problem);
    if (++m_unusableAnswers > maxUnusableRetries) {
        // Retrying by the client's SDK would cost the same quota for the same answer.
        fail(ApiError::serverError(502, problem + " Tried " + std::to_string(m_unusableAnswers) + " times.",
                                   "upstream_unusable_answer"),
             {{"x-should-retry", "false"}});
        return;
    }
    ++m_failovers; // on another key when there is one: not the key's fault, so it is not held against it
    attempt();
}

void FailoverRelay::abortUpstream()
{
    if (!m_call)
        return;
    disconnect(m_call, nullptr, this, nullptr);
    m_call->abort();
    m_call->deleteLater();
    m_call = nullptr;
}

void FailoverRelay::onClientGone()
{
    // The client left: stop spending quota on an answer nobody reads. Not the key's fault.
    abortUpstream();
    record(499, QStringLiteral("client closed the connection"));
}

void FailoverRelay::record(int status, const QString &error)
{
    if (m_recorded || !m_context.recordRequest)
        return;
    m_recorded = true;
    RequestRecord record;
    record.startedAtMs = m_startedAtMs;
    record.route = m_route;
    record.model = QString::fromStdString(m_model);
    record.keyLabel = m_key >= 0 ? QString::fromStdString(m_context.pool.key(m_key).label) : QString();
    record.status = status;
    record.latencyMs = m_elapsed.elapsed();
    record.stream = m_streamed;
    record.failovers = m_failovers;
    if (m_lastUsage.is_object()) {
        const auto count = [this](const char *field) -> qint64 {
            const auto it = m_lastUsage.find(field);
            return it != m_lastUsage.end() && it->is_number_integer() ? it->get<qint64>() : 0;
        };
        record.promptTokens = count("promptTokenCount");
        record.completionTokens = count("candidatesTokenCount") + count("thoughtsTokenCount");
    }
    record.error = error;
    record.tokenName = m_attribution.tokenName;
    record.tunnel = m_attribution.tunnel;
    m_context.recordRequest(record);
}

} // namespace hydra::relay
