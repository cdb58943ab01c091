#include "chat_face.h"

#include "server/replies.h"

using nlohmann::json;

namespace hydra::relay {
namespace {

void appendData(const json &object, QByteArray &out)
{
    out += "data: ";
    out += QByteArray::fromStdString(object.dump(-1, ' ', false, json::error_handler_t::replace));
    out += "\n\n";
}

} // namespace

ChatFace::ChatFace(translate::CompletionIdentity identity, bool includeUsage, Reshape reshape)
    : m_identity(std::move(identity))
    , m_includeUsage(includeUsage)
    , m_reshape(std::move(reshape))
{
}

json ChatFace::answer(const json &geminiResponse, const AnswerContext &context)
{
    json completion = translate::toChatCompletion(geminiResponse, m_identity, context.signatures);
    return m_reshape ? m_reshape(std::move(completion)) : completion;
}

void ChatFace::beginStream(const AnswerContext &context)
{
    m_translator.emplace(m_identity, m_includeUsage, context.signatures);
}

void ChatFace::append(json &&chunk, QByteArray &out) const
{
    if (m_reshape)
        appendData(m_reshape(std::move(chunk)), out);
    else
        appendData(chunk, out);
}

void ChatFace::onEvent(const json &geminiEvent, QByteArray &out)
{
    for (json &chunk : m_translator->onEvent(geminiEvent))
        append(std::move(chunk), out);
}

std::optional<std::string> ChatFace::problem() const
{
    return m_translator ? m_translator->problem() : std::nullopt;
}

bool ChatFace::complete() const
{
    return m_translator && m_translator->complete();
}

void ChatFace::finish(QByteArray &out)
{
    for (json &chunk : m_translator->finish())
        append(std::move(chunk), out);
    out += "data: [DONE]\n\n";
}

QByteArray ChatFace::errorEvent(const ApiError &error) const
{
    QByteArray out;
    appendData(error.toJson(), out);
    return out;
}

QByteArray ChatFace::heartbeat() const
{
    // An SSE comment: clients ignore it, proxies and idle timers see traffic.
    return QByteArrayLiteral(": keep-alive\n\n");
}

void ChatFace::replyError(server::HttpExchange *exchange, const ApiError &error, const server::HeaderList &headers) const
{
    server::replyError(exchange, error, headers);
}

} // namespace hydra::relay
