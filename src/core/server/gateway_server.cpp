#include "gateway_server.h"

#include "access_policy.h"
#include "relay/chat_relay.h"
#include "replies.h"
#include "routes.h"
#include "translate/chat_request.h"
#include "translate/json_depth.h"

using nlohmann::json;

namespace hydra::server {
namespace {

HeaderList corsHeaders(const AccessDecision &decision)
{
    if (decision.allowOrigin.isEmpty())
        return {};
    return {{"Access-Control-Allow-Origin", decision.allowOrigin}, {"Vary", "Origin"}};
}

void answerPreflight(const IncomingRequest &request, HttpExchange *exchange, HeaderList headers)
{
    QByteArray allowHeaders = request.header("access-control-request-headers");
    if (allowHeaders.isEmpty())
        allowHeaders = "authorization, content-type, x-api-key, x-goog-api-key";
    headers.emplace_back("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    headers.emplace_back("Access-Control-Allow-Headers", allowHeaders);
    headers.emplace_back("Access-Control-Max-Age", "600");
    exchange->respond(204, "text/plain", QByteArray(), headers);
}

} // namespace

GatewayServer::GatewayServer(relay::RelayContext &relay, relay::ModelCatalog &models, QObject *parent)
    : HttpServerBase(parent)
    , m_relay(relay)
    , m_models(models)
{
}

void GatewayServer::onRequest(const IncomingRequest &request, HttpExchange *exchange)
{
    const AccessDecision access = checkBrowserAccess(request.header("host"), request.header("origin"), false);
    if (!access.allowed) {
        replyError(exchange, {403, "invalid_request_error", access.reason.toStdString(), std::nullopt, "access_denied"},
                   {});
        return;
    }
    const HeaderList headers = corsHeaders(access);
    if (request.method == "OPTIONS") {
        answerPreflight(request, exchange, headers);
        return;
    }

    const RouteMatch match = matchRoute(request.method, request.path);
    switch (match.route) {
    case Route::Health:
        replyJson(exchange, 200, {{"status", "ok"}}, headers);
        return;
    case Route::ListModels:
    case Route::GetModel:
        serveModels(match.modelId, exchange, headers);
        return;
    case Route::ChatCompletions:
        serveChat(request, exchange, headers);
        return;
    case Route::MethodNotAllowed: {
        HeaderList withAllow = headers;
        withAllow.emplace_back("Allow", match.allowed);
        replyError(exchange,
                   {405, "invalid_request_error",
                    "Method " + request.method.toStdString() + " is not allowed for " + request.path.toStdString() +
                        " (allowed: " + match.allowed.toStdString() + ").",
                    std::nullopt, "method_not_allowed"},
                   withAllow);
        return;
    }
    case Route::NotFound:
        break;
    }
    replyError(exchange,
               {404, "invalid_request_error",
                "Unknown request URL: " + request.method.toStdString() + " " + request.path.left(200).toStdString() +
                    ". Hydra serves /v1/chat/completions, /v1/models and /health.",
                std::nullopt, "unknown_url"},
               headers);
}

void GatewayServer::serveChat(const IncomingRequest &request, HttpExchange *exchange, const HeaderList &headers)
{
    if (translate::nestsDeeperThan(std::string_view(request.body.constData(), request.body.size()))) {
        replyError(exchange,
                   ApiError::invalidRequest("The JSON body nests deeper than " +
                                            std::to_string(translate::maxJsonDepth) + " levels."),
                   headers);
        return;
    }
    json body = json::parse(request.body.constData(), request.body.constData() + request.body.size(), nullptr, false);
    if (body.is_discarded()) {
        // Parse again with exceptions on, only to say where the JSON breaks.
        std::string where;
        try {
            const json unused = json::parse(request.body.constData(), request.body.constData() + request.body.size());
            (void)unused;
        } catch (const json::parse_error &error) {
            where = " (error at byte " + std::to_string(error.byte) + ")";
        }
        replyError(exchange,
                   ApiError::invalidRequest("We could not parse the JSON body of your request" + where +
                                            ". The API expects a JSON object."),
                   headers);
        return;
    }
    auto translated = translate::translateChatRequest(body, m_relay.translateOptions);
    if (const auto *error = std::get_if<ApiError>(&translated)) {
        replyError(exchange, *error, headers);
        return;
    }
    auto *chat = new relay::ChatRelay(m_relay, std::move(std::get<translate::ChatRequest>(translated)), exchange,
                                      headers);
    chat->start();
}

void GatewayServer::serveModels(const QString &modelId, HttpExchange *exchange, const HeaderList &headers)
{
    auto answer = [exchange = QPointer<HttpExchange>(exchange), headers](const relay::ModelCatalog::Result &result) {
        if (!exchange)
            return;
        if (const auto *error = std::get_if<ApiError>(&result))
            replyError(exchange, *error, headers);
        else
            replyJson(exchange, 200, std::get<json>(result), headers);
    };
    if (modelId.isEmpty())
        m_models.list(answer);
    else
        m_models.get(modelId, answer);
}

} // namespace hydra::server
