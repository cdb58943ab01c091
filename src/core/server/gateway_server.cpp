#include "gateway_server.h"

#include "access_policy.h"
#include "access_tokens.h"
#include "credentials.h"
#include "door_policy.h"
#include "relay/chat_face.h"
#include "relay/count_tokens_relay.h"
#include "relay/embeddings_relay.h"
#include "relay/generate_relay.h"
#include "relay/messages_face.h"
#include "relay/passthrough_relay.h"
#include "replies.h"
#include "routes.h"
#include "translate/chat_request.h"
#include "translate/embeddings.h"
#include "translate/json_depth.h"
#include "translate/legacy_completions.h"
#include "translate/legacy_functions.h"
#include "translate/messages_request.h"
#include "translate/messages_response.h"

#include <QDateTime>
#include <QTimer>

using nlohmann::json;

namespace hydra::server {
namespace {

HeaderList corsHeaders(const AccessDecision &decision)
{
    if (decision.allowOrigin.isEmpty())
        return {};
    return {{"Access-Control-Allow-Origin", decision.allowOrigin}, {"Vary", "Origin"}};
}

ThrottleSettings throttleSettings(const ListenerLimits &limits)
{
    ThrottleSettings settings;
    settings.maxDelayMs = limits.maxAuthFailureDelayMs;
    return settings;
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

// What the admission step decided about a request, carried to onRequest() with it.
struct GatewayServer::Admitted
{
    RouteMatch match;
    HeaderList headers; // CORS
    Attribution attribution;
    std::shared_ptr<void> inFlight; // tunnel door: holds the client's in-flight slot until released
};

GatewayServer::GatewayServer(relay::RelayContext &relay, relay::ModelCatalog &models, AccessTokens &tokens, Door door,
                             const ListenerLimits &limits, QObject *parent)
    : HttpServerBase(parent)
    , m_relay(relay)
    , m_models(models)
    , m_tokens(tokens)
    , m_door(door)
    , m_maxInFlightPerClient(limits.maxInFlightPerClient)
    , m_failures(throttleSettings(limits))
    , m_inFlight(std::make_shared<QHash<QByteArray, int>>())
{
}

GatewayServer::~GatewayServer() = default;

bool GatewayServer::tokenRequired() const
{
    return m_door == Door::Tunnel || !m_tokens.empty() || !address().isLoopback();
}

Admission GatewayServer::admit(IncomingRequest &request)
{
    const bool tunnel = m_door == Door::Tunnel;
    auto admitted = std::make_shared<Admitted>();
    admitted->match = matchRoute(request.method, request.path);
    const RouteMatch &match = admitted->match;
    if (tunnel && !servedThroughTunnel(match.route))
        return refuse(tunnelNotFound(request.method, request.path), ErrorShape::OpenAi, {});

    const bool tokensOn = tokenRequired();
    // The tunnel's Host is the public name the edge passes on; the token protects it.
    const AccessDecision access = tunnel ? AccessDecision{true, {}, request.header("origin")}
                                         : checkBrowserAccess(request.header("host"), request.header("origin"), tokensOn);
    if (!access.allowed)
        return refuse({403, "invalid_request_error", access.reason.toStdString(), std::nullopt, "access_denied"},
                      errorShapeFor(match.route), {});
    admitted->headers = corsHeaders(access);
    admitted->attribution = {{}, tunnel};

    // Preflights (browsers send them without credentials) and the local door's health check
    // need no token, and have no business sending a body.
    const bool exempt = request.method == "OPTIONS" || (!tunnel && match.route == Route::Health);
    if (tokensOn && !exempt) {
        const QByteArray client = clientAddress(request, tunnel);
        const auto name = m_tokens.match(presentedToken(request));
        if (!name) {
            HeaderList withChallenge = admitted->headers;
            withChallenge.emplace_back("WWW-Authenticate", "Bearer realm=\"hydra\"");
            return refuse(unauthorized(), errorShapeFor(match.route), withChallenge,
                          m_failures.failure(client, QDateTime::currentMSecsSinceEpoch()));
        }
        m_failures.success(client);
        admitted->attribution.tokenName = *name;
    }
    if (tunnel) {
        const QByteArray client = clientAddress(request, true);
        int &count = (*m_inFlight)[client];
        if (count >= m_maxInFlightPerClient) {
            if (count == 0)
                m_inFlight->remove(client);
            HeaderList withRetry = admitted->headers;
            withRetry.emplace_back("Retry-After", "1");
            return refuse(tooManyInFlight(m_maxInFlightPerClient), errorShapeFor(match.route), withRetry);
        }
        ++count;
        // Released when the request has been answered, or its connection dropped before that.
        admitted->inFlight = std::shared_ptr<void>(nullptr, [table = m_inFlight, client](void *) {
            const auto it = table->find(client);
            if (it != table->end() && --*it <= 0)
                table->erase(it);
        });
    }
    const qint64 bodyLimit = exempt ? smallBodyBytes() : maxBodyBytes();
    request.admission = std::move(admitted);
    return {true, bodyLimit, {}, {}, 0};
}

json GatewayServer::errorBody(const ApiError &error, ErrorShape shape)
{
    switch (shape) {
    case ErrorShape::Google:
        return relay::PassthroughRelay::googleError(error);
    case ErrorShape::Anthropic:
        return translate::anthropicError(error);
    case ErrorShape::OpenAi:
        break;
    }
    return error.toJson();
}

Admission GatewayServer::refuse(const ApiError &error, ErrorShape shape, const HeaderList &headers, int delayMs)
{
    const nlohmann::json body = errorBody(error, shape);
    RawReply reply{error.httpStatus, headers,
                   QByteArray::fromStdString(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))};
    return Admission::refuse(std::move(reply), delayMs);
}

void GatewayServer::onRequest(const IncomingRequest &request, HttpExchange *exchange)
{
    const auto *admitted = static_cast<const Admitted *>(request.admission.get());
    if (!admitted) { // every request passes admit() first; an answer all the same
        replyError(exchange, ApiError::invalidRequest("The request was not admitted."), {});
        return;
    }
    exchange->setAttribution(admitted->attribution);
    if (request.method == "OPTIONS") {
        answerPreflight(request, exchange, admitted->headers);
        return;
    }
    serve(request, admitted->match, exchange, admitted->headers);
}

void GatewayServer::serve(const IncomingRequest &request, const RouteMatch &match, HttpExchange *exchange,
                          const HeaderList &headers)
{
    switch (match.route) {
    case Route::Health:
        replyJson(exchange, 200, {{"status", "ok"}}, headers);
        return;
    case Route::ListModels:
    case Route::GetModel:
        serveModels(match.modelId, exchange, headers);
        return;
    case Route::ChatCompletions:
    case Route::Completions:
        if (const auto body = jsonBody(request, exchange, headers))
            serveChat(*body, exchange, headers, match.route == Route::Completions);
        return;
    case Route::Embeddings:
        if (const auto body = jsonBody(request, exchange, headers))
            serveEmbeddings(*body, exchange, headers);
        return;
    case Route::Messages:
    case Route::CountTokens:
        if (const auto body = jsonBody(request, exchange, headers, ErrorShape::Anthropic))
            serveMessages(*body, exchange, headers, match.route == Route::CountTokens);
        return;
    case Route::NativeList:
    case Route::NativeGet:
    case Route::NativeCall:
        serveNative(request, match, exchange, headers);
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
                    ". Hydra serves /v1/chat/completions, /v1/completions, /v1/embeddings, /v1/models, "
                    "/v1/messages (and count_tokens), Gemini's /v1beta/models API and /health.",
                std::nullopt, "unknown_url"},
               headers);
}

std::optional<json> GatewayServer::jsonBody(const IncomingRequest &request, HttpExchange *exchange,
                                           const HeaderList &headers, ErrorShape shape)
{
    const auto replyError = [shape](HttpExchange *exchange, const ApiError &error, const HeaderList &headers) {
        replyJson(exchange, error.httpStatus, errorBody(error, shape), headers);
    };
    const std::string_view text(request.body.constData(), static_cast<std::size_t>(request.body.size()));
    if (translate::nestsDeeperThan(text)) {
        replyError(exchange,
                   ApiError::invalidRequest("The JSON body nests deeper than " +
                                            std::to_string(translate::maxJsonDepth) + " levels."),
                   headers);
        return std::nullopt;
    }
    // One parse with exceptions on: the error path is the only one that pays for them, and
    // nlohmann reports a number a double cannot hold (1e999) as out_of_range, not as a parse error.
    std::string problem;
    try {
        return json::parse(text);
    } catch (const json::parse_error &error) {
        problem = "We could not parse the JSON body of your request (error at byte " + std::to_string(error.byte) +
                  "). The API expects a JSON object.";
    } catch (const json::exception &) {
        problem = "The JSON body of your request holds a number too large to represent (such as 1e999).";
    }
    replyError(exchange, ApiError::invalidRequest(problem), headers);
    return std::nullopt;
}

void GatewayServer::serveChat(const json &body, HttpExchange *exchange, const HeaderList &headers,
                              bool legacyCompletion)
{
    json converted; // a legacy completion's body, as a chat request
    if (legacyCompletion) {
        auto conversion = translate::completionToChatRequest(body);
        if (const auto *error = std::get_if<ApiError>(&conversion)) {
            replyError(exchange, *error, headers);
            return;
        }
        converted = std::move(std::get<json>(conversion));
    }
    auto translated = translate::translateChatRequest(legacyCompletion ? converted : body, m_relay.translateOptions);
    if (const auto *error = std::get_if<ApiError>(&translated)) {
        replyError(exchange, *error, headers);
        return;
    }
    relay::ChatFace::Reshape reshape;
    if (legacyCompletion)
        reshape = &translate::chatToTextCompletion;
    else if (translate::usesLegacyFunctions(body))
        reshape = &translate::toolCallsToFunctionCall;
    auto &request = std::get<translate::ChatRequest>(translated);
    auto face = std::make_unique<relay::ChatFace>(
        translate::newCompletionIdentity(request.requestedModel, QDateTime::currentSecsSinceEpoch()),
        request.includeUsage, std::move(reshape));
    auto *chat = new relay::GenerateRelay(m_relay, std::move(request), exchange, headers, std::move(face),
                                          legacyCompletion ? QStringLiteral("completions") : QStringLiteral("chat"));
    chat->start();
}

void GatewayServer::serveMessages(const json &body, HttpExchange *exchange, const HeaderList &headers,
                                  bool countTokens)
{
    translate::MessagesOptions options;
    options.translate = m_relay.translateOptions;
    options.claudeModels = m_relay.claudeModels;
    auto translated = translate::translateMessagesRequest(body, options);
    if (const auto *error = std::get_if<ApiError>(&translated)) {
        relay::MessagesFace::reply(exchange, *error, headers);
        return;
    }
    auto &request = std::get<translate::ChatRequest>(translated);
    if (countTokens) {
        (new relay::CountTokensRelay(m_relay, request, exchange, headers))->start();
        return;
    }
    auto face = std::make_unique<relay::MessagesFace>(request.requestedModel);
    auto *relay = new relay::GenerateRelay(m_relay, std::move(request), exchange, headers, std::move(face),
                                           QStringLiteral("messages"));
    relay->start();
}

void GatewayServer::serveEmbeddings(const json &body, HttpExchange *exchange, const HeaderList &headers)
{
    auto translated = translate::translateEmbeddingsRequest(body);
    if (const auto *error = std::get_if<ApiError>(&translated)) {
        replyError(exchange, *error, headers);
        return;
    }
    auto *relay = new relay::EmbeddingsRelay(m_relay, std::move(std::get<translate::EmbeddingsRequest>(translated)),
                                             exchange, headers);
    relay->start();
}

void GatewayServer::serveNative(const IncomingRequest &request, const RouteMatch &match, HttpExchange *exchange,
                                const HeaderList &headers)
{
    // The client's key (x-goog-api-key, ?key=) is not Google's: a pool key replaces it.
    QUrlQuery query = request.query;
    query.removeAllQueryItems(QStringLiteral("key"));
    if (match.route == Route::NativeList) {
        auto *relay = new relay::PassthroughRelay(m_relay, exchange, headers, "GET", QStringLiteral("models"),
                                                  query.toString(QUrl::FullyEncoded), {}, "models.list", false);
        relay->start();
        return;
    }
    auto model = translate::normaliseModelName(match.modelId.toStdString());
    if (const auto *error = std::get_if<ApiError>(&model)) {
        replyJson(exchange, 400, relay::PassthroughRelay::googleError(*error), headers);
        return;
    }
    const QString modelPath = QStringLiteral("models/") + QString::fromStdString(std::get<std::string>(model));
    relay::PassthroughRelay *relay = nullptr;
    if (match.route == Route::NativeGet) {
        relay = new relay::PassthroughRelay(m_relay, exchange, headers, "GET", modelPath,
                                            query.toString(QUrl::FullyEncoded), {}, "models.list", false);
    } else {
        relay = new relay::PassthroughRelay(m_relay, exchange, headers, "POST",
                                            modelPath + u':' + match.nativeMethod, query.toString(QUrl::FullyEncoded),
                                            request.body,
                                            // countTokens is free and has no quota of its own to spend
                                            match.nativeMethod == u"countTokens"
                                                ? std::get<std::string>(model) + ":countTokens"
                                                : std::get<std::string>(model),
                                            match.nativeMethod == u"streamGenerateContent");
    }
    relay->start();
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
