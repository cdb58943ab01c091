#pragma once
// POST /v1/embeddings: one batchEmbedContents call with failover, answered in OpenAI's shape.

#include "unary_relay.h"
#include "translate/embeddings.h"

namespace hydra::relay {

class EmbeddingsRelay : public UnaryRelay
{
    Q_OBJECT
public:
    EmbeddingsRelay(RelayContext &context, translate::EmbeddingsRequest request, server::HttpExchange *exchange,
                    server::HeaderList responseHeaders);

protected:
    upstream::UpstreamCall *send(const pool::KeyInfo &key) override;
    std::optional<std::string> deliverWhole(const QByteArray &body) override;

private:
    translate::EmbeddingsRequest m_request;
    QByteArray m_body;
};

} // namespace hydra::relay
