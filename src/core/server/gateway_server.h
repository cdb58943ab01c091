#pragma once
// The gateway's HTTP front: who may call (the door's rules, access tokens, browser-safety
// checks, CORS), routing, request parsing, and handing each API call to the piece that
// serves it.

#include "door_policy.h"
#include "failure_throttle.h"
#include "http_server_base.h"
#include "relay/model_catalog.h"
#include "relay/relay_context.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>

namespace hydra::server {

class AccessTokens;

// The door a request came through decides what it may do, not its address: tunneled
// requests arrive from 127.0.0.1 too.
enum class Door {
    // The user's own listener. Open without a token only while it listens on loopback and no
    // token exists (then foreign browser origins and Host names are refused); otherwise every
    // request needs a token.
    Local,
    // Where cloudflared forwards the internet to: always needs a token, serves only the API
    // routes (no /health), and counts clients by their CF-Connecting-IP.
    Tunnel,
};

class GatewayServer : public HttpServerBase
{
    Q_OBJECT
public:
    GatewayServer(relay::RelayContext &relay, relay::ModelCatalog &models, AccessTokens &tokens, Door door,
                  const ListenerLimits &limits, QObject *parent = nullptr);

    ~GatewayServer() override;

    Door door() const { return m_door; }

protected:
    Admission admit(IncomingRequest &request) override;
    void onRequest(const IncomingRequest &request, HttpExchange *exchange) override;

private:
    struct Admitted;

    // Whether a request must show a token on this door now.
    bool tokenRequired() const;
    // The listener's answer for a request refused from its head, in the route's API shape.
    static Admission refuse(const ApiError &error, ErrorShape shape, const HeaderList &headers, int delayMs = 0);
    static nlohmann::json errorBody(const ApiError &error, ErrorShape shape);
    void serve(const IncomingRequest &request, const struct RouteMatch &match, HttpExchange *exchange,
               const HeaderList &headers);
    // The body as JSON, or nothing after answering 400 (unparsable, or nested absurdly deep).
    std::optional<nlohmann::json> jsonBody(const IncomingRequest &request, HttpExchange *exchange,
                                           const HeaderList &headers, ErrorShape shape = ErrorShape::OpenAi);
    void serveChat(const nlohmann::json &body, HttpExchange *exchange, const HeaderList &headers,
                   bool legacyCompletion);
    void serveEmbeddings(const nlohmann::json &body, HttpExchange *exchange, const HeaderList &headers);
    void serveMessages(const nlohmann::json &body, HttpExchange *exchange, const HeaderList &headers,
                       bool countTokens);
    void serveModels(const QString &modelId, HttpExchange *exchange, const HeaderList &headers);
    void serveNative(const IncomingRequest &request, const struct RouteMatch &match, HttpExchange *exchange,
                     const HeaderList &headers);

    relay::RelayContext &m_relay;
    relay::ModelCatalog &m_models;
    AccessTokens &m_tokens;
    Door m_door;
    int m_maxInFlightPerClient;
    FailureThrottle m_failures;
    // Tunnel door: requests in flight per client address. Shared with the admission tickets that
    // hold a slot, which may outlive this object while its listener is torn down.
    std::shared_ptr<QHash<QByteArray, int>> m_inFlight;
};

} // namespace hydra::server
