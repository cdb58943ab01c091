#include "embeddings_relay.h"

#include "server/replies.h"
#include "translate/json_depth.h"

using nlohmann::json;

namespace hydra::relay {

EmbeddingsRelay::EmbeddingsRelay(RelayContext &context, translate::EmbeddingsRequest request,
                                 server::HttpExchange *exchange, server::HeaderList responseHeaders)
    : UnaryRelay(context, exchange, std::move(responseHeaders), request.model, QStringLiteral("embeddings"))
    , m_request(std::move(request))
    , m_body(QByteArray::fromStdString(m_request.geminiBody.dump(-1, ' ', false, json::error_handler_t::replace)))
{
}

upstream::UpstreamCall *EmbeddingsRelay::send(const pool::KeyInfo &key)
{
    return m_context.client.call("POST", QStringLiteral("models/") + QString::fromStdString(m_request.model) +
                                             QStringLiteral(":batchEmbedContents"),
                                 {}, m_body, key.secret);
}

std::optional<std::string> EmbeddingsRelay::deliverWhole(const QByteArray &body)
{
    const json response = translate::parseBounded(std::string_view(body.constData(), static_cast<std::size_t>(body.size())));
    auto embeddings = translate::toOpenAiEmbeddings(response, m_request);
    if (!embeddings)
        return "Gemini sent embeddings Hydra could not read.";
    server::replyJson(m_exchange, 200, *embeddings, m_responseHeaders);
    return std::nullopt;
}

} // namespace hydra::relay
