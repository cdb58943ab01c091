#include "routes.h"

#include <QStringList>

namespace hydra::server {
namespace {

RouteMatch byMethod(const QByteArray &method, const QByteArray &expected, Route route)
{
    if (method == expected)
        return {route, {}, {}, {}};
    return {Route::MethodNotAllowed, {}, {}, expected + ", OPTIONS"};
}

// "gemini-2.5-flash:generateContent" on Gemini's own API.
RouteMatch nativeCall(const QByteArray &method, const QString &modelAndMethod)
{
    static const QStringList methods = {QStringLiteral("generateContent"), QStringLiteral("streamGenerateContent"),
                                        QStringLiteral("countTokens"), QStringLiteral("embedContent"),
                                        QStringLiteral("batchEmbedContents")};
    const qsizetype colon = modelAndMethod.lastIndexOf(u':');
    const QString name = modelAndMethod.mid(colon + 1);
    if (!methods.contains(name) || colon <= 0)
        return {};
    RouteMatch match = byMethod(method, "POST", Route::NativeCall);
    match.modelId = modelAndMethod.left(colon);
    match.nativeMethod = name;
    return match;
}

} // namespace

RouteMatch matchRoute(const QByteArray &method, const QString &rawPath)
{
    QString path = rawPath;
    while (path.size() > 1 && path.endsWith(u'/'))
        path.chop(1);
    if (path == u"/health")
        return byMethod(method, "GET", Route::Health);

    if (path == u"/v1beta/models")
        return byMethod(method, "GET", Route::NativeList);
    if (path.startsWith(u"/v1beta/models/") && path.size() > 15) {
        const QString rest = path.mid(15);
        if (rest.contains(u':'))
            return nativeCall(method, rest);
        RouteMatch match = byMethod(method, "GET", Route::NativeGet);
        match.modelId = rest;
        return match;
    }

    if (path.startsWith(u"/v1/") || path == u"/v1")
        path.remove(0, 3);
    if (path == u"/chat/completions")
        return byMethod(method, "POST", Route::ChatCompletions);
    if (path == u"/completions")
        return byMethod(method, "POST", Route::Completions);
    if (path == u"/embeddings")
        return byMethod(method, "POST", Route::Embeddings);
    if (path == u"/messages")
        return byMethod(method, "POST", Route::Messages);
    if (path == u"/messages/count_tokens")
        return byMethod(method, "POST", Route::CountTokens);
    if (path == u"/models")
        return byMethod(method, "GET", Route::ListModels);
    if (path.startsWith(u"/models/") && path.size() > 8) {
        const QString rest = path.mid(8);
        if (rest.contains(u':'))
            return nativeCall(method, rest); // Google's v1 paths: /v1/models/{model}:{method}
        RouteMatch match = byMethod(method, "GET", Route::GetModel);
        match.modelId = rest;
        return match;
    }
    return {};
}

} // namespace hydra::server
