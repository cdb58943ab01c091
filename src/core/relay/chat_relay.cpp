#include "chat_relay.h"

#include "secrets.h"
#include "server/replies.h"

#include <QDateTime>

using nlohmann::json;

namespace hydra::relay {
namespace {

constexpr qsizetype maxErrorBodyBytes = 1024 * 1024;

int httpStatus(upstream::UpstreamCall *call)
{
    return call->status();
}

ApiError exhaustedError(const pool::PoolExhausted &exhausted, const std::string &model, size_t keyCount,
                        const std::optional<upstream::UpstreamFailure> &lastFailure)
{
    using Reason = pool::PoolExhausted::Reason;
    switch (exhausted.reason) {
    case Reason::NoKeys:
        return ApiError::serverError(503, "Hydra has no Gemini API keys. Add keys (hydra keys add, or "
                                          "hydra gateway --keys-file keys.json) and try again.",
                                     "no_api_keys");
    case Reason::AllDead:
        return ApiError::serverError(503, "All " + std::to_string(keyCount) + " Gemini API keys are invalid" +
                                              (lastFailure ? " (last error: " + lastFailure->message + ")" : "") +
                                              ". Replace them and try again.",
                                     "no_valid_api_keys");
    case Reason::AllCoolingDown:
        break;
    }
    const long long seconds = (exhausted.retryAfterMs + 999) / 1000;
    return {429, "rate_limit_exceeded",
            "Every Gemini API key is rate-limited for model '" + model + "'. The first one is free again in " +
                std::to_string(seconds) + " s.",
            std::nullopt, "rate_limit_exceeded"};
}

} // namespace

ChatRelay::ChatRelay(RelayContext &context, translate::ChatRequest request, server::HttpExchange *exchange,
                     server::HeaderList responseHeaders)
    : QObject(exchange)
    , m_context(context)
    , m_request(std::move(request))
    , m_body(QByteArray::fromStdString(m_request.geminiBody.dump(-1, ' ', false, json::error_handler_t::replace)))
    , m_exchange(exchange)
    , m_responseHeaders(std::move(responseHeaders))
{
    m_heartbeat.setInterval(m_context.settings.heartbeatMs);
    connect(&m_heartbeat, &QTimer::timeout, this, [this] {
        // An SSE comment: clients ignore it, proxies and idle timers see traffic.
        if (m_exchange)
            m_exchange->writeChunk(QByteArrayLiteral(": keep-alive\n\n"));
    });
}

ChatRelay::~ChatRelay()
{
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void ChatRelay::start()
{
    m_elapsed.start();
    m_startedAtMs = QDateTime::currentMSecsSinceEpoch();
    m_identity = translate::newCompletionIdentity(m_request.requestedModel, m_startedAtMs / 1000);
    connect(m_exchange, &server::HttpExchange::clientDisconnected, this, &ChatRelay::onClientGone);
    m_pinnedKey = pinnedKey();
    attempt();
}

void ChatRelay::attempt()
{
    auto picked = m_context.pool.pick(m_request.model, m_triedKeys, m_pinnedKey);
    if (const auto *exhausted = std::get_if<pool::PoolExhausted>(&picked)) {
        server::HeaderList headers;
        if (exhausted->reason == pool::PoolExhausted::Reason::AllCoolingDown)
            headers.emplace_back("Retry-After", QByteArray::number(qMax<qint64>(1, (exhausted->retryAfterMs + 999) / 1000)));
        fail(exhaustedError(*exhausted, m_request.model, m_context.pool.size(), m_lastFailure), headers);
        return;
    }
    m_key = std::get<int>(picked);
    m_triedKeys.push_back(m_key);
    m_errorBody.clear();
    m_reply = m_context.client.generate(m_request.model, m_request.stream, m_body, m_context.pool.key(m_key).secret);
    connect(m_reply, &upstream::UpstreamCall::readyRead, this, &ChatRelay::onUpstreamData);
    connect(m_reply, &upstream::UpstreamCall::finished, this, &ChatRelay::onUpstreamFinished);
}

bool ChatRelay::upstreamAccepted() const
{
    return m_reply && httpStatus(m_reply) == 200;
}

void ChatRelay::onUpstreamData()
{
    if (!m_reply)
        return;
    if (!upstreamAccepted()) {
        if (m_errorBody.size() < maxErrorBodyBytes)
            m_errorBody += m_reply->read(maxErrorBodyBytes - m_errorBody.size());
        else
            m_reply->readAll();
        return;
    }
    if (!m_request.stream)
        return; // read whole in onUpstreamFinished
    if (!m_translator) {
        // Upstream said yes: only now does the client get its 200, so every failure
        // before this point could still be retried on another key.
        m_translator.emplace(m_identity, m_request.includeUsage, signatureSink());
        server::HeaderList headers = m_responseHeaders;
        headers.emplace_back("Content-Type", "text/event-stream; charset=utf-8");
        headers.emplace_back("Cache-Control", "no-cache");
        headers.emplace_back("X-Accel-Buffering", "no");
        m_exchange->beginStream(200, headers);
        m_exchange->setInterruptionTrailer(
            "data: " +
            QByteArray::fromStdString(
                ApiError::serverError(503, "The gateway is shutting down; the answer was cut short.", "shutdown")
                    .toBody()) +
            "\n\n");
        m_heartbeat.start();
    }
    const QByteArray bytes = m_reply->readAll();
    forwardEvents(m_parser.feed(std::string_view(bytes.constData(), bytes.size())));
}

void ChatRelay::forwardEvents(const std::vector<std::string> &events)
{
    for (const std::string &data : events) {
        if (!m_reply && !m_translator)
            return;
        const json event = json::parse(data, nullptr, false);
        if (event.is_discarded())
            continue; // not JSON: nothing a client could use
        if (const auto error = event.find("error"); error != event.end() && error->is_object()) {
            // Google (or a proxy) failed mid-stream: the client already has its 200.
            const json message = error->value("message", json());
            const json status = error->value("status", json());
            endStreamWithError(ApiError::serverError(
                502, message.is_string() ? redactSecrets(message.get<std::string>()) : "Gemini failed mid-stream.",
                status.is_string() ? status.get<std::string>() : "upstream_error"));
            return;
        }
        if (const auto usage = event.find("usageMetadata"); usage != event.end())
            m_lastUsage = *usage;
        std::vector<json> chunks;
        try {
            chunks = m_translator->onEvent(event);
        } catch (const json::exception &) { // a field of a type Google never sends
            endStreamWithError(ApiError::serverError(502, "Gemini sent an event Hydra could not read.", "upstream_error"));
            return;
        }
        for (const json &chunk : chunks)
            writeEvent(chunk);
    }
}

void ChatRelay::writeEvent(const json &chunk)
{
    if (!m_exchange)
        return;
    m_exchange->writeChunk("data: " + QByteArray::fromStdString(chunk.dump(-1, ' ', false, json::error_handler_t::replace)) +
                           "\n\n");
    m_heartbeat.start(); // silence is measured from the last byte sent
}

void ChatRelay::onUpstreamFinished()
{
    upstream::UpstreamCall *reply = m_reply;
    if (!reply)
        return;
    reply->deleteLater();
    if (!m_exchange || !m_exchange->clientConnected()) {
        m_reply = nullptr;
        onClientGone();
        return;
    }
    const int status = httpStatus(reply);
    if (m_request.stream && status == 200 && !m_translator)
        onUpstreamData(); // an answer that arrived with the finished signal alone

    if (m_translator) {
        forwardEvents(m_parser.feed(reply->readAll().toStdString()));
        m_reply = nullptr;
        if (m_exchange && m_exchange->finished())
            return; // a mid-stream error event already closed it
        forwardEvents(m_parser.finish());
        if (const auto &problem = m_translator->problem()) {
            endStreamWithError(ApiError::serverError(502, *problem, "upstream_unusable_answer"));
            return;
        }
        if (!m_translator->complete()) {
            const std::string why = reply->failed() ? reply->errorString().toStdString()
                                                                              : "no finishReason was sent";
            endStreamWithError(ApiError::serverError(
                502, "The Gemini stream ended before the answer was complete (" + why + ").", "upstream_truncated"));
            return;
        }
        for (const json &chunk : m_translator->finish())
            writeEvent(chunk);
        m_exchange->writeChunk(QByteArrayLiteral("data: [DONE]\n\n"));
        m_heartbeat.stop();
        m_exchange->endStream();
        m_context.pool.recordSuccess(m_key);
        record(200, {});
        return;
    }

    m_reply = nullptr;
    if (status == 0 || (status == 200 && reply->failed())) {
        handleFailure(upstream::networkFailure(reply->errorString().toStdString()));
        return;
    }
    if (status != 200) {
        m_errorBody += reply->read(qMax<qint64>(0, maxErrorBodyBytes - m_errorBody.size()));
        handleFailure(upstream::classifyHttpFailure(status, std::string_view(m_errorBody.constData(), m_errorBody.size())));
        return;
    }
    const QByteArray body = reply->readAll();
    const json response = json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
    if (!response.is_object()) {
        handleFailure(upstream::networkFailure("Gemini sent an answer that is not JSON."));
        return;
    }
    if (const auto problem = translate::unusableAnswer(response)) {
        // A malformed function call or an empty answer: another try (on another key)
        // usually gives a real one; after the retry limit the client hears why.
        handleFailure(upstream::networkFailure(*problem));
        return;
    }
    if (const auto usage = response.find("usageMetadata"); usage != response.end())
        m_lastUsage = *usage;
    json completion;
    try {
        completion = translate::toChatCompletion(response, m_identity, signatureSink());
    } catch (const json::exception &) {
        handleFailure(upstream::networkFailure("Gemini sent an answer Hydra could not read."));
        return;
    }
    server::replyJson(m_exchange, 200, completion, m_responseHeaders);
    m_context.pool.recordSuccess(m_key);
    record(200, {});
}

void ChatRelay::handleFailure(const upstream::UpstreamFailure &failure)
{
    using upstream::Verdict;
    m_lastFailure = failure;
    switch (failure.verdict) {
    case Verdict::RateLimited:
        m_context.pool.recordRateLimited(m_key, m_request.model,
                                         failure.retryDelayMs.value_or(pool::KeyPool::defaultCooldownMs),
                                         failure.message);
        break;
    case Verdict::KeyInvalid:
        m_context.pool.recordDead(m_key, failure.message);
        break;
    case Verdict::Transient:
        m_context.pool.recordTransient(m_key, failure.message);
        if (++m_transientFailures > m_context.settings.maxTransientRetries) {
            fail(ApiError::serverError(failure.httpStatus == 504 ? 504 : 503,
                                       "Gemini is unavailable after " + std::to_string(m_transientFailures) +
                                           " attempts: " + failure.message,
                                       "upstream_unavailable"));
            return;
        }
        break;
    case Verdict::ClientFault:
        fail(upstream::clientErrorFor(failure));
        return;
    }
    ++m_failovers;
    attempt();
}

void ChatRelay::endStreamWithError(const ApiError &error)
{
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
        m_reply = nullptr;
    }
    m_heartbeat.stop();
    if (m_exchange) {
        m_exchange->writeChunk("data: " + QByteArray::fromStdString(error.toBody()) + "\n\n");
        m_exchange->endStream();
    }
    record(200, QString::fromStdString(error.message));
}

void ChatRelay::fail(const ApiError &error, server::HeaderList extraHeaders)
{
    if (m_exchange && !m_exchange->responseStarted()) {
        server::HeaderList headers = m_responseHeaders;
        headers.insert(headers.end(), extraHeaders.begin(), extraHeaders.end());
        server::replyError(m_exchange, error, headers);
    }
    record(error.httpStatus, QString::fromStdString(error.message));
}

void ChatRelay::onClientGone()
{
    // The client left: stop spending quota on an answer nobody reads. Not the key's fault.
    if (m_reply) {
        disconnect(m_reply, nullptr, this, nullptr);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    m_heartbeat.stop();
    record(499, QStringLiteral("client closed the connection"));
}

int ChatRelay::pinnedKey() const
{
    // Signatures may not validate on another key: the newest call that has one decides.
    if (!m_context.signatures)
        return -1;
    for (auto id = m_request.historyToolCallIds.rbegin(); id != m_request.historyToolCallIds.rend(); ++id) {
        if (const auto stored = m_context.signatures->find(*id))
            return m_context.pool.indexOf(stored->keyFingerprint);
    }
    return -1;
}

translate::SignatureSink ChatRelay::signatureSink()
{
    if (!m_context.signatures)
        return {};
    return [this](const translate::ToolCallSignature &signature) {
        m_context.signatures->remember(signature.toolCallId,
                                       {signature.signature, m_context.pool.key(m_key).fingerprint});
    };
}

void ChatRelay::record(int status, const QString &error)
{
    if (m_recorded || !m_context.recordRequest)
        return;
    m_recorded = true;
    RequestRecord record;
    record.startedAtMs = m_startedAtMs;
    record.route = QStringLiteral("chat");
    record.model = QString::fromStdString(m_request.model);
    record.keyLabel = m_key >= 0 ? QString::fromStdString(m_context.pool.key(m_key).label) : QString();
    record.status = status;
    record.latencyMs = m_elapsed.elapsed();
    record.stream = m_request.stream;
    record.failovers = m_failovers;
    if (m_lastUsage.is_object()) {
        const json usage = translate::mapUsage(m_lastUsage);
        record.promptTokens = usage.value("prompt_tokens", 0LL);
        record.completionTokens = usage.value("completion_tokens", 0LL);
    }
    record.error = error;
    m_context.recordRequest(record);
}

} // namespace hydra::relay
