#include "generate_relay.h"

#include "secrets.h"
#include "server/replies.h"
#include "translate/content_parts.h"
#include "translate/json_depth.h"
#include "translate/signature_carrier.h"
#include "translate/thinking.h"

#include <QPointer>

#include <algorithm>
#include <set>

using nlohmann::json;

namespace hydra::relay {

GenerateRelay::GenerateRelay(RelayContext &context, translate::ChatRequest request, server::HttpExchange *exchange,
                             server::HeaderList responseHeaders, std::unique_ptr<GenerateFace> face, QString route)
    : FailoverRelay(context, exchange, std::move(responseHeaders), request.model, std::move(route), request.stream)
    , m_request(std::move(request))
    , m_face(std::move(face))
    , m_body(QByteArray::fromStdString(m_request.geminiBody.dump(-1, ' ', false, json::error_handler_t::replace)))
{
    m_heartbeat.setInterval(m_context.settings.heartbeatMs);
    connect(&m_heartbeat, &QTimer::timeout, this, [this] {
        // A thinking model can be silent for minutes before its first event, so after one
        // interval of silence the client's stream is opened to carry the heartbeat (giving up
        // the chance to retry on another key).
        openClientStream();
        write(m_face->heartbeat());
    });
}

void GenerateRelay::prepare(std::function<void(std::optional<ApiError>)> ready)
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
        QPointer<GenerateRelay> self(this);
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

upstream::UpstreamCall *GenerateRelay::send(const pool::KeyInfo &key)
{
    // Silence is measured from the start: Gemini may not even send its headers before
    // a thinking model has something to say.
    if (m_request.stream && !m_heartbeat.isActive())
        m_heartbeat.start();
    return m_context.client.generate(m_request.model, m_request.stream, bodyFor(key), key.secret);
}

QByteArray GenerateRelay::bodyFor(const pool::KeyInfo &key) const
{
    if (m_skipEverySignature) {
        // The first call of every model turn goes with the sentinel, whatever it carried; no
        // other part keeps one.
        json body = m_request.geminiBody;
        for (json &content : body["contents"]) {
            if (content.value("role", "") != "model")
                continue;
            bool firstCall = true;
            for (json &part : content["parts"]) {
                if (part.contains("functionCall") && firstCall) {
                    part["thoughtSignature"] = translate::skipSignatureSentinel;
                    firstCall = false;
                } else {
                    part.erase("thoughtSignature");
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
    if (!enforced)
        return m_body;
    std::set<std::string> foreign; // kept by Hydra, by tool call id
    if (m_context.signatures) {
        for (const std::string &id : m_request.historyToolCallIds) {
            if (const auto stored = m_context.signatures->find(id); stored && stored->keyFingerprint != key.fingerprint)
                foreign.insert(stored->signature);
        }
    }
    const std::string keyTag = translate::signatureKeyTag(key.fingerprint);
    const auto carriedElsewhere = std::any_of(m_request.carriedSignatures.begin(), m_request.carriedSignatures.end(),
                                              [&keyTag](const auto &carried) { return carried.keyTag != keyTag; });
    if (foreign.empty() && !carriedElsewhere)
        return m_body;
    json body = m_request.geminiBody;
    for (const translate::CarriedSignatureRef &carried : m_request.carriedSignatures) {
        if (carried.keyTag != keyTag)
            body[carried.part]["thoughtSignature"] = translate::skipSignatureSentinel;
    }
    for (json &content : body["contents"]) {
        for (json &part : content["parts"]) {
            const auto signature = part.find("thoughtSignature");
            if (signature != part.end() && signature->is_string() && foreign.count(signature->get<std::string>()))
                *signature = translate::skipSignatureSentinel;
        }
    }
    return QByteArray::fromStdString(body.dump(-1, ' ', false, json::error_handler_t::replace));
}

bool GenerateRelay::retryClientFault(const upstream::UpstreamFailure &failure)
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

int GenerateRelay::preferredKey() const
{
    // Signatures may not validate on another key: the newest one decides, carried by the client
    // (its key named by tag) or kept by Hydra under a tool call id.
    if (!m_request.carriedSignatures.empty()) {
        const std::string &tag = m_request.carriedSignatures.back().keyTag;
        return m_context.pool.findConfigured(
            [&tag](const pool::KeyInfo &key) { return translate::signatureKeyTag(key.fingerprint) == tag; });
    }
    if (!m_context.signatures)
        return -1;
    for (auto id = m_request.historyToolCallIds.rbegin(); id != m_request.historyToolCallIds.rend(); ++id) {
        if (const auto stored = m_context.signatures->find(*id))
            return m_context.pool.indexOf(stored->keyFingerprint);
    }
    return -1;
}

AnswerContext GenerateRelay::answerContext()
{
    return {signatureSink(), m_context.pool.key(m_key).fingerprint};
}

translate::SignatureSink GenerateRelay::signatureSink()
{
    if (!m_context.signatures)
        return {};
    return [this](const translate::ToolCallSignature &signature) {
        m_context.signatures->remember(signature.toolCallId,
                                       {signature.signature, m_context.pool.key(m_key).fingerprint});
    };
}

std::optional<std::string> GenerateRelay::deliverWhole(const QByteArray &body)
{
    const json response = translate::parseBounded(std::string_view(body.constData(), static_cast<std::size_t>(body.size())));
    if (!response.is_object())
        return "Gemini sent an answer that is not JSON.";
    if (auto problem = translate::unusableAnswer(response))
        return problem;
    json answer;
    try {
        answer = m_face->answer(response, answerContext());
    } catch (const json::exception &) { // a field of a type Google never sends
        return "Gemini sent an answer Hydra could not read.";
    }
    if (const auto usage = response.find("usageMetadata"); usage != response.end())
        noteUsage(*usage);
    server::replyJson(m_exchange, 200, answer, m_responseHeaders);
    return std::nullopt;
}

void GenerateRelay::beginStream()
{
    // Upstream said 200. The client's 200 waits for the first event the face passes on, so an
    // answer that turns out unusable before that (a malformed function call, an empty answer)
    // can be retried.
    m_parser = upstream::SseParser();
    m_face->beginStream(answerContext());
    if (!m_heartbeat.isActive())
        m_heartbeat.start();
}

void GenerateRelay::failAfterStart(const ApiError &error)
{
    endStreamWithError(error);
}

void GenerateRelay::replyError(const ApiError &error, const server::HeaderList &headers)
{
    m_face->replyError(m_exchange, error, headers);
}

void GenerateRelay::openClientStream()
{
    if (!m_exchange || m_exchange->responseStarted())
        return;
    server::HeaderList headers = m_responseHeaders;
    headers.emplace_back("Content-Type", "text/event-stream; charset=utf-8");
    headers.emplace_back("Cache-Control", "no-cache");
    headers.emplace_back("X-Accel-Buffering", "no");
    m_exchange->beginStream(200, headers);
    m_exchange->setInterruptionTrailer(m_face->errorEvent(
        ApiError::serverError(503, "The gateway is shutting down; the answer was cut short.", "shutdown")));
    m_heartbeat.start();
}

void GenerateRelay::write(const QByteArray &bytes)
{
    if (!m_exchange || bytes.isEmpty())
        return;
    openClientStream();
    m_exchange->writeChunk(bytes);
    m_heartbeat.start(); // silence is measured from the last byte sent
}

StreamOutcome GenerateRelay::streamBytes(const QByteArray &bytes)
{
    return forwardEvents(m_parser.feed(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size()))));
}

StreamOutcome GenerateRelay::forwardEvents(const std::vector<std::string> &events)
{
    // Everything one read brought goes out in one write.
    QByteArray out;
    for (const std::string &data : events) {
        if (!m_exchange || m_exchange->finished())
            return KeepStreaming{};
        const json event = translate::parseBounded(data);
        if (event.is_discarded())
            continue; // not JSON: nothing a client could use
        if (const auto error = event.find("error"); error != event.end() && error->is_object()) {
            if (!clientStreamOpen() && out.isEmpty()) {
                // Nothing reached the client yet: judged like the same error before a stream (a
                // 429 cools the key down and the next key is tried).
                const auto code = error->find("code");
                const int status = code != error->end() && code->is_number_integer() &&
                                           code->get<int>() >= 400 && code->get<int>() < 600
                                       ? code->get<int>()
                                       : 502;
                return RetryBeforeAnswer{upstream::classifyHttpFailure(status, data), QByteArray::fromStdString(data)};
            }
            // Google (or a proxy) failed mid-stream: the client already has its 200.
            write(out);
            const auto message = error->find("message");
            const auto status = error->find("status");
            endStreamWithError(ApiError::serverError(
                502,
                message != error->end() && message->is_string() ? redactSecrets(message->get<std::string>())
                                                                : "Gemini failed mid-stream.",
                status != error->end() && status->is_string() ? status->get<std::string>() : "upstream_error"));
            return KeepStreaming{};
        }
        if (const auto usage = event.find("usageMetadata"); usage != event.end())
            noteUsage(*usage);
        try {
            m_face->onEvent(event, out);
        } catch (const json::exception &) {
            write(out);
            endStreamWithError(ApiError::serverError(502, "Gemini sent an event Hydra could not read.", "upstream_error"));
            return KeepStreaming{};
        }
    }
    write(out);
    return KeepStreaming{};
}

StreamOutcome GenerateRelay::endStream(const std::optional<std::string> &failure)
{
    StreamOutcome outcome = forwardEvents(m_parser.finish());
    if (!std::holds_alternative<KeepStreaming>(outcome))
        return outcome; // the last event was an error: another key is tried
    if (!m_exchange || m_exchange->finished())
        return KeepStreaming{}; // a mid-stream error event already closed it
    if (const auto problem = m_face->problem()) {
        if (!clientStreamOpen()) // nothing reached the client: another try
            return UnusableAnswer{*problem};
        endStreamWithError(ApiError::serverError(502, *problem, "upstream_unusable_answer"));
        return KeepStreaming{};
    }
    if (!m_face->complete()) {
        const bool timedOut = upstreamTimedOut();
        const std::string problem = (timedOut ? "The Gemini stream stalled before the answer was complete ("
                                              : "The Gemini stream ended before the answer was complete (") +
                                    failure.value_or("no finishReason was sent") + ").";
        if (!clientStreamOpen()) // a dropped or silent connection before any event: another try
            return RetryBeforeAnswer{timedOut ? upstream::timeoutFailure(problem) : upstream::networkFailure(problem), {}};
        endStreamWithError(timedOut ? ApiError::serverError(504, problem, "upstream_timeout")
                                    : ApiError::serverError(502, problem, "upstream_truncated"));
        return KeepStreaming{};
    }
    QByteArray out;
    m_face->finish(out);
    openClientStream();
    m_exchange->writeChunk(out);
    m_heartbeat.stop();
    m_exchange->endStream();
    finishStream();
    return KeepStreaming{};
}

void GenerateRelay::endStreamWithError(const ApiError &error)
{
    abortUpstream();
    openClientStream(); // an error before the first event still ends a stream
    m_heartbeat.stop();
    if (m_exchange) {
        m_exchange->writeChunk(m_face->errorEvent(error));
        m_exchange->endStream();
    }
    record(200, QString::fromStdString(error.message));
}

} // namespace hydra::relay
