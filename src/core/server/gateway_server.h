#pragma once
// The gateway's HTTP front: browser-safety checks, CORS, routing, request parsing,
// and handing each API call to the piece that serves it.

#include "http_server_base.h"
#include "relay/model_catalog.h"
#include "relay/relay_context.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace hydra::server {

class GatewayServer : public HttpServerBase
{
    Q_OBJECT
public:
    GatewayServer(relay::RelayContext &relay, relay::ModelCatalog &models, QObject *parent = nullptr);

protected:
    void onRequest(const IncomingRequest &request, HttpExchange *exchange) override;

private:
    // The body as JSON, or nothing after answering 400 (unparsable, or nested absurdly deep).
    std::optional<nlohmann::json> jsonBody(const IncomingRequest &request, HttpExchange *exchange,
                                           const HeaderList &headers);
    void serveChat(const nlohmann::json &body, HttpExchange *exchange, const HeaderList &headers,
                   bool legacyCompletion);
    void serveEmbeddings(const nlohmann::json &body, HttpExchange *exchange, const HeaderList &headers);
    void serveModels(const QString &modelId, HttpExchange *exchange, const HeaderList &headers);
    void serveNative(const IncomingRequest &request, const struct RouteMatch &match, HttpExchange *exchange,
                     const HeaderList &headers);

    relay::RelayContext &m_relay;
    relay::ModelCatalog &m_models;
};

} // namespace hydra::server
