#include "routes.h"

namespace hydra::server {
namespace {

RouteMatch byMethod(const QByteArray &method, const QByteArray &expected, Route route)
{
    if (method == expected)
        return {route, {}, {}};
    return {Route::MethodNotAllowed, {}, expected + ", OPTIONS"};
}

} // namespace

RouteMatch matchRoute(const QByteArray &method, const QString &rawPath)
{
    QString path = rawPath;
    while (path.size() > 1 && path.endsWith(u'/'))
        path.chop(1);
    if (path == u"/health")
        return byMethod(method, "GET", Route::Health);
    if (path.startsWith(u"/v1/") || path == u"/v1")
        path.remove(0, 3);

    if (path == u"/chat/completions")
        return byMethod(method, "POST", Route::ChatCompletions);
    if (path == u"/models")
        return byMethod(method, "GET", Route::ListModels);
    if (path.startsWith(u"/models/") && path.size() > 8) {
        RouteMatch match = byMethod(method, "GET", Route::GetModel);
        match.modelId = path.mid(8);
        return match;
    }
    return {};
}

} // namespace hydra::server
