#pragma once
// POST /v1/messages/count_tokens: the Messages request, translated as for an answer, counted by
// Gemini's countTokens with failover; answered as Anthropic's {"input_tokens": N}.

#include "unary_relay.h"
#include "translate/chat_request.h"

namespace hydra::relay {

class CountTokensRelay final : public UnaryRelay
{
    Q_OBJECT
public:
    CountTokensRelay(RelayContext &context, const translate::ChatRequest &request, server::HttpExchange *exchange,
                     server::HeaderList responseHeaders);

protected:
    upstream::UpstreamCall *send(const pool::KeyInfo &key) override;
    std::optional<std::string> deliverWhole(const QByteArray &body) override;
    void replyError(const ApiError &error, const server::HeaderList &headers) override;

private:
    QString m_path;
    QByteArray m_body;
};

} // namespace hydra::relay
