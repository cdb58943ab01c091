#pragma once
// The gateway's URL map: which route a method and path select. Pure.

#include <QByteArray>
#include <QString>

namespace hydra::server {

enum class Route {
    Health,
    ListModels,
    GetModel,
    ChatCompletions,
    Completions,  // legacy prompt completion
    Embeddings,
    Messages,     // Anthropic's POST /v1/messages
    CountTokens,  // Anthropic's POST /v1/messages/count_tokens
    NativeList,   // GET /v1beta/models
    NativeGet,    // GET /v1beta/models/{id}
    NativeCall,   // POST /v1beta/models/{model}:{method} (also under /v1/)
    NotFound,
    MethodNotAllowed,
};

struct RouteMatch
{
    Route route = Route::NotFound;
    QString modelId;       // GetModel, NativeGet, NativeCall: the model from the path
    QString nativeMethod;  // NativeCall: generateContent, streamGenerateContent, ...
    QByteArray allowed;    // MethodNotAllowed: the value of the Allow header
};

// OpenAI paths are accepted with and without the "/v1" prefix: some clients add it, some don't.
RouteMatch matchRoute(const QByteArray &method, const QString &path);

} // namespace hydra::server
