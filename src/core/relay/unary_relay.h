#pragma once
// A relay whose answer is never streamed (embeddings, token counts): FailoverRelay's stream
// steps do nothing, and the whole answer goes through deliverWhole.

#include "failover_relay.h"

namespace hydra::relay {

class UnaryRelay : public FailoverRelay
{
public:
    UnaryRelay(RelayContext &context, server::HttpExchange *exchange, server::HeaderList responseHeaders,
               std::string model, QString route)
        : FailoverRelay(context, exchange, std::move(responseHeaders), std::move(model), std::move(route), false)
    {
    }

protected:
    void beginStream() override {}
    StreamOutcome streamBytes(const QByteArray &) override { return KeepStreaming{}; }
    StreamOutcome endStream(const std::optional<std::string> &) override { return KeepStreaming{}; }
};

} // namespace hydra::relay
