#pragma once
// The gateway's URL map: which route a method and path select. Pure.

#include <QByteArray>
#include <QString>

namespace hydra::server {

enum class Route { Health, ListModels, GetModel, ChatCompletions, NotFound, MethodNotAllowed };

struct RouteMatch
{
    Route route = Route::NotFound;
    QString modelId;     // GetModel: the id from the path
    QByteArray allowed;  // MethodNotAllowed: the value of the Allow header
};

// Paths are accepted with and without the "/v1" prefix: some clients add it, some don't.
RouteMatch matchRoute(const QByteArray &method, const QString &path);

} // namespace hydra::server
