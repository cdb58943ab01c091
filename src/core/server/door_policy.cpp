#include "door_policy.h"

namespace hydra::server {

bool servedThroughTunnel(Route route)
{
    switch (route) {
    case Route::ListModels:
    case Route::GetModel:
    case Route::ChatCompletions:
    case Route::Completions:
    case Route::Embeddings:
    case Route::Messages:
    case Route::CountTokens:
    case Route::NativeList:
    case Route::NativeGet:
    case Route::NativeCall:
    case Route::MethodNotAllowed:
        return true;
    case Route::Health:
    case Route::NotFound:
        return false;
    }
    return false;
}

ErrorShape errorShapeFor(Route route)
{
    switch (route) {
    case Route::NativeList:
    case Route::NativeGet:
    case Route::NativeCall:
        return ErrorShape::Google;
    case Route::Messages:
    case Route::CountTokens:
        return ErrorShape::Anthropic;
    default:
        return ErrorShape::OpenAi;
    }
}

ApiError unauthorized()
{
    return {401, "invalid_request_error",
            "Missing or invalid access token. Send a Hydra access token as 'Authorization: Bearer <token>' "
            "(create one with: hydra tokens create --name NAME).",
            std::nullopt, "invalid_api_key"};
}

ApiError tooManyInFlight(int cap)
{
    return {429, "rate_limit_exceeded",
            "Too many requests in flight from your address (at most " + std::to_string(cap) +
                " at once); wait for some to finish.",
            std::nullopt, "rate_limit_exceeded"};
}

ApiError tunnelNotFound(const QByteArray &method, const QString &path)
{
    return {404, "invalid_request_error",
            "Unknown request URL: " + method.toStdString() + " " + path.left(200).toStdString() +
                ". This address serves /v1/chat/completions, /v1/completions, /v1/embeddings, /v1/models and "
                "Gemini's /v1beta/models API.",
            std::nullopt, "unknown_url"};
}

} // namespace hydra::server
