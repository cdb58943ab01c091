#include "count_tokens_relay.h"

#include "messages_face.h"
#include "server/replies.h"
#include "translate/json_depth.h"
#include "translate/messages_request.h"

using nlohmann::json;

namespace hydra::relay {

CountTokensRelay::CountTokensRelay(RelayContext &context, const translate::ChatRequest &request,
                                   server::HttpExchange *exchange, server::HeaderList responseHeaders)
    // countTokens spends no generate quota: its own bucket, as on the native passthrough.
    : UnaryRelay(context, exchange, std::move(responseHeaders), request.model + ":countTokens",
                 QStringLiteral("count_tokens"))
    , m_path(QStringLiteral("models/") + QString::fromStdString(request.model) + QStringLiteral(":countTokens"))
    , m_body(QByteArray::fromStdString(
          translate::countTokensBody(request).dump(-1, ' ', false, json::error_handler_t::replace)))
{
}

upstream::UpstreamCall *CountTokensRelay::send(const pool::KeyInfo &key)
{
    return m_context.client.call("POST", m_path, {}, m_body, key.secret);
}

std::optional<std::string> CountTokensRelay::deliverWhole(const QByteArray &body)
{
    const auto answer = translate::inputTokensAnswer(
        translate::parseBounded(std::string_view(body.constData(), static_cast<std::size_t>(body.size()))));
    if (!answer)
        return "Gemini sent a token count Hydra could not read.";
    server::replyJson(m_exchange, 200, *answer, m_responseHeaders);
    return std::nullopt;
}

void CountTokensRelay::replyError(const ApiError &error, const server::HeaderList &headers)
{
    MessagesFace::reply(m_exchange, error, headers);
}

} // namespace hydra::relay
