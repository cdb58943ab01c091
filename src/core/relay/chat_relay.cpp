#include "chat_relay.h"

#include "secrets.h"
#include "server/replies.h"
#include "translate/content_parts.h"
#include "translate/json_depth.h"
#include "translate/thinking.h"

#include <QDateTime>
#include <QPointer>

#include <set>

using nlohmann::json;

namespace hydra::relay {
namespace {

QByteArray sseData(const json &object)
{
    return "data: " + QByteArray::fromStdString(object.dump(-1, ' ', false, json::error_handler_t::replace)) + "\n\n";
}

} // namespace

ChatRelay::ChatRelay(RelayContext &context, translate::ChatRequest request, server::HttpExchange *exchange,
                     server::HeaderList responseHeaders, Reshape reshape, QString route)
    : FailoverRelay(context, exchange, std::move(responseHeaders), request.model, std::move(route), request.stream)
    , m_request(std::move(request))
    , m_body(QByteArray::fromStdString(m_request.geminiBody.dump(-1, ' ', false, json::error_handler_t::replace)))
    , m_reshape(std::move(reshape))
    , m_identity(translate::newCompletionIdentity(m_request.requestedModel, QDateTime::currentSecsSinceEpoch()))
{
    m_heartbeat.setInterval(m_context.settings.heartbeatMs);
    connect(&m_heartbeat, &QTimer::timeout, this, [this] {
        // An SSE comment: clients ignore it, proxies and idle timers see traffic. A thinking
        // model can be silent for minutes before its first chunk, so after one interval of
        // silence the client's stream is opened to carry it (giving up the chance to retry).
        openClientStream();
        if (m_exchange)
            m_exchange->writeChunk(QByteArrayLiteral(": keep-alive\n\n"));
    });
}

void ChatRelay::prepare(std::function<void(std::optional<ApiError>)> ready)
{
    if (m_request.remoteImages.empty() || !m_context.media) {
        if (!m_request.remoteImages.empty())
            ready(ApiError::invalidRequest("Image URLs cannot be fetched here; send the image as a data: URL."));
        else
            ready(std::nullopt);
        return;
    }
    m_imagesPending = static_cast<int>(m_request.remoteImages.size());
    for (const auto &[where, url] : m_request.remoteImages) {
        QPointer<ChatRelay> self(this);
        m_context.media->fetch(QUrl(QString::fromStdString(url), QUrl::StrictMode),
                               [self, where = where, ready](const upstream::FetchedMedia &media) {
            if (!self)
                return; // the client left
            if (!media.error.isEmpty() && !self->m_mediaError)
                self->m_mediaError = ApiError::invalidRequest("Could not use the image: " + media.error.toStdString(),
                                                              "messages", "invalid_image_url");
            else if (media.error.isEmpty())
                self->m_request.geminiBody[where] = {{"inlineData",
                                                      {{"mimeType", media.mimeType.toStdString()},
                                                       {"data", media.data.toBase64().toStdString()}}}};
            if (--self->m_imagesPending > 0)
                return;
            self->m_body = QByteArray::fromStdString(
                self->m_request.geminiBody.dump(-1, ' ', false, json::error_handler_t::replace));
            ready(self->m_mediaError);
        });
    }
}

upstream::UpstreamCall *ChatRelay::send(const pool::KeyInfo &key)
{
    // Silence is measured from the start: Gemini may not even send its headers before
    // a thinking model has something to say.
    if (m_request.stream && !m_heartbeat.isActive())
        m_heartbeat.start();
    return m_context.client.generate(m_request.model, m_request.stream, bodyFor(key), key.secret);
}

QByteArray ChatRelay::bodyFor(const pool::KeyInfo &key) const
{
    if (m_skipEverySignature) {
        // The first call of every model turn goes with the sentinel, whatever it carried.
        json body = m_request.geminiBody;
        for (json &content : body["contents"]) {
            if (content.value("role", "") != "model")
                continue;
            for (json &part : content["parts"]) {
                if (part.contains("functionCall")) {
                    part["thoughtSignature"] = translate::skipSignatureSentinel;
                    break;
                }
            }
        }
        return QByteArray::fromStdString(body.dump(-1, ' ', false, json::error_handler_t::replace));
    }
    // A signature only validates on the key that issued it. When the conversation has to move
    // (its key is cooling down, or failed this request), the other key's signatures give way
    // to Google's skip sentinel, as for a conversation Hydra never saw (Gemini 3, which
    // enforces signatures; older models are sent what they issued).
    const bool enforced = translate::thinkingRangeFor(m_request.model).family == translate::ThinkingFamily::Level3;
    if (!m_context.signatures || !enforced)
        return m_body;
    std::set<std::string> foreign;
    for (const std::string &id : m_request.historyToolCallIds) {
        if (const auto stored = m_context.signatures->find(id); stored && stored->keyFingerprint != key.fingerprint)
            foreign.insert(stored->signature);
    }
    if (foreign.empty())
        return m_body;
    json body = m_request.geminiBody;
    for (json &content : body["contents"]) {
        for (json &part : content["parts"]) {
            const auto signature = part.find("thoughtSignature");
            if (signature != part.end() && signature->is_string() && foreign.count(signature->get<std::string>()))
                *signature = translate::skipSignatureSentinel;
        }
    }
    return QByteArray::fromStdString(body.dump(-1, ' ', false, json::error_handler_t::replace));
}

bool ChatRelay::retryClientFault(const upstream::UpstreamFailure &failure)
{
    // Google refused a thought signature of the history: one Hydra kept from another model, one
    // that no longer validates, or none where a model alias turned out to be Gemini 3. Rather than
    // leave the conversation stuck on that 400, once more with Google's documented sentinel on
    // every call.
    const std::string &message = failure.message;
    const bool aboutSignatures = message.find("thought_signature") != std::string::npos ||
                                 message.find("hought signature") != std::string::npos;
    if (m_skipEverySignature || failure.httpStatus != 400 || !aboutSignatures)
        return false;
    m_skipEverySignature = true;
    return true;
}

int ChatRelay::preferredKey() const
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

std::optional<std::string> ChatRelay::deliverWhole(const QByteArray &body)
{
    const json response = translate::parseBounded(std::string_view(body.constData(), static_cast<std::size_t>(body.size())));
    if (!response.is_object())
        return "Gemini sent an answer that is not JSON.";
    if (auto problem = translate::unusableAnswer(response))
        return problem;
    json completion;
    try {
        completion = translate::toChatCompletion(response, m_identity, signatureSink());
    } catch (const json::exception &) { // a field of a type Google never sends
        return "Gemini sent an answer Hydra could not read.";
    }
    if (const auto usage = response.find("usageMetadata"); usage != response.end())
        noteUsage(*usage);
    server::replyJson(m_exchange, 200, m_reshape ? m_reshape(std::move(completion)) : completion, m_responseHeaders);
    return std::nullopt;
}

void ChatRelay::beginStream()
{
    // Upstream said 200. The client's 200 waits for the first chunk, so an answer that turns
    // out unusable before that (a malformed function call, an empty answer) can be retried.
    m_parser = upstream::SseParser();
    m_translator.emplace(m_identity, m_request.includeUsage, signatureSink());
    if (!m_heartbeat.isActive())
        m_heartbeat.start();
}

void ChatRelay::failAfterStart(const ApiError &error)
{
    endStreamWithError(error);
}

void ChatRelay::openClientStream()
{
    if (m_clientStreamOpen || !m_exchange)
        return;
    m_clientStreamOpen = true;
    server::HeaderList headers = m_responseHeaders;
    headers.emplace_back("Content-Type", "text/event-stream; charset=utf-8");
    headers.emplace_back("Cache-Control", "no-cache");
    headers.emplace_back("X-Accel-Buffering", "no");
    m_exchange->beginStream(200, headers);
    m_exchange->setInterruptionTrailer(sseData(
        ApiError::serverError(503, "The gateway is shutting down; the answer was cut short.", "shutdown").toJson()));
    m_heartbeat.start();
}

void ChatRelay::streamBytes(const QByteArray &bytes)
{
    forwardEvents(m_parser.feed(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size()))));
}

void ChatRelay::forwardEvents(const std::vector<std::string> &events)
{
    for (const std::string &data : events) {
        if (!m_exchange || m_exchange->finished())
            return;
        const json event = translate::parseBounded(data);
        if (event.is_discarded())
            continue; // not JSON: nothing a client could use
        if (const auto error = event.find("error"); error != event.end() && error->is_object()) {
            if (!m_clientStreamOpen) {
                // Nothing reached the client yet: judged like the same error before a stream (a
                // 429 cools the key down and the next key is tried).
                const auto code = error->find("code");
                const int status = code != error->end() && code->is_number_integer() &&
                                           code->get<int>() >= 400 && code->get<int>() < 600
                                       ? code->get<int>()
                                       : 502;
                retryBeforeAnswer(upstream::classifyHttpFailure(status, data), QByteArray::fromStdString(data));
                return;
            }
            // Google (or a proxy) failed mid-stream: the client already has its 200.
            const auto message = error->find("message");
            const auto status = error->find("status");
            endStreamWithError(ApiError::serverError(
                502,
                message != error->end() && message->is_string() ? redactSecrets(message->get<std::string>())
                                                                : "Gemini failed mid-stream.",
                status != error->end() && status->is_string() ? status->get<std::string>() : "upstream_error"));
            return;
        }
        if (const auto usage = event.find("usageMetadata"); usage != event.end())
            noteUsage(*usage);
        std::vector<json> chunks;
        try {
            chunks = m_translator->onEvent(event);
        } catch (const json::exception &) {
            endStreamWithError(ApiError::serverError(502, "Gemini sent an event Hydra could not read.", "upstream_error"));
            return;
        }
        for (json &chunk : chunks)
            writeEvent(std::move(chunk));
    }
}

void ChatRelay::writeEvent(const json &chunk)
{
    if (!m_exchange)
        return;
    openClientStream();
    m_exchange->writeChunk(sseData(m_reshape ? m_reshape(chunk) : chunk));
    m_heartbeat.start(); // silence is measured from the last byte sent
}

void ChatRelay::endStream(const std::optional<std::string> &failure)
{
    const std::size_t attempt = attempts();
    forwardEvents(m_parser.finish());
    if (attempts() != attempt)
        return; // the last event was an error, and another key is being tried
    if (!m_exchange || m_exchange->finished())
        return; // a mid-stream error event already closed it
    if (const auto problem = m_translator->problem()) {
        if (!m_clientStreamOpen) { // nothing reached the client: another try
            retryUnusableAnswer(*problem);
            return;
        }
        endStreamWithError(ApiError::serverError(502, *problem, "upstream_unusable_answer"));
        return;
    }
    if (!m_translator->complete()) {
        const bool timedOut = upstreamTimedOut();
        const std::string problem = (timedOut ? "The Gemini stream stalled before the answer was complete ("
                                              : "The Gemini stream ended before the answer was complete (") +
                                    failure.value_or("no finishReason was sent") + ").";
        if (!m_clientStreamOpen) // a dropped or silent connection before any event: another try
            retryBeforeAnswer(timedOut ? upstream::timeoutFailure(problem) : upstream::networkFailure(problem));
        else if (timedOut)
            endStreamWithError(ApiError::serverError(504, problem, "upstream_timeout"));
        else
            endStreamWithError(ApiError::serverError(502, problem, "upstream_truncated"));
        return;
    }
    for (const json &chunk : m_translator->finish())
        writeEvent(chunk);
    openClientStream();
    m_exchange->writeChunk(QByteArrayLiteral("data: [DONE]\n\n"));
    m_heartbeat.stop();
    m_exchange->endStream();
    finishStream();
}

void ChatRelay::endStreamWithError(const ApiError &error)
{
    abortUpstream();
    openClientStream(); // an error before the first chunk still ends a stream
    m_heartbeat.stop();
    if (m_exchange) {
        m_exchange->writeChunk(sseData(error.toJson()));
        m_exchange->endStream();
    }
    record(200, QString::fromStdString(error.message));
}

} // namespace hydra::relay
