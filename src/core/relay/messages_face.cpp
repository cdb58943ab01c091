#include "messages_face.h"

#include "server/replies.h"
#include "translate/signature_carrier.h"

using nlohmann::json;

namespace hydra::relay {

MessagesFace::MessagesFace(std::string requestedModel)
    : m_requestedModel(std::move(requestedModel))
    , m_id(translate::newMessageId())
{
}

translate::MessageIdentity MessagesFace::identityFor(const AnswerContext &context) const
{
    return {m_id, m_requestedModel, translate::signatureKeyTag(context.keyFingerprint)};
}

json MessagesFace::answer(const json &geminiResponse, const AnswerContext &context)
{
    return translate::toAnthropicMessage(geminiResponse, identityFor(context));
}

void MessagesFace::beginStream(const AnswerContext &context)
{
    m_translator.emplace(identityFor(context));
}

void MessagesFace::onEvent(const json &geminiEvent, QByteArray &out)
{
    std::string events;
    m_translator->onEvent(geminiEvent, events);
    out += QByteArray::fromStdString(events);
}

std::optional<std::string> MessagesFace::problem() const
{
    return m_translator ? m_translator->problem() : std::nullopt;
}

bool MessagesFace::complete() const
{
    return m_translator && m_translator->complete();
}

void MessagesFace::finish(QByteArray &out)
{
    std::string events;
    m_translator->finish(events);
    out += QByteArray::fromStdString(events);
}

QByteArray MessagesFace::errorEvent(const ApiError &error) const
{
    return QByteArray::fromStdString(translate::anthropicErrorEvent(error));
}

QByteArray MessagesFace::heartbeat() const
{
    return QByteArrayLiteral("event: ping\ndata: {\"type\": \"ping\"}\n\n");
}

void MessagesFace::replyError(server::HttpExchange *exchange, const ApiError &error,
                              const server::HeaderList &headers) const
{
    reply(exchange, error, headers);
}

void MessagesFace::reply(server::HttpExchange *exchange, const ApiError &error, const server::HeaderList &headers)
{
    // The loop's Retry-After on a 429 is the header Anthropic's SDKs read too.
    server::replyJson(exchange, error.httpStatus, translate::anthropicError(error), headers);
}

} // namespace hydra::relay
