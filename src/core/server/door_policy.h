#pragma once
// What each door serves and the answers it gives those it turns away. Pure.

#include "routes.h"
#include "translate/api_error.h"

#include <QByteArray>
#include <QString>

namespace hydra::server {

// The API routes the tunnel door serves: OpenAI's, Anthropic's and Gemini's native ones (a wrong
// method on them still gets its 405). Nothing else exists there: no /health, no admin, no dashboard.
bool servedThroughTunnel(Route route);

// Whose error bodies a route's clients read: Gemini's native API gets Google's, Messages gets
// Anthropic's, everything else OpenAI's.
enum class ErrorShape { OpenAi, Google, Anthropic };
ErrorShape errorShapeFor(Route route);

// 401 for a missing or wrong token, alike in both cases so it reveals nothing about which
// tokens exist (OpenAI's own 401 carries code "invalid_api_key").
ApiError unauthorized();
// 429 when a tunnel client already has `cap` requests in flight.
ApiError tooManyInFlight(int cap);
// 404 on the tunnel door; names only what the tunnel serves.
ApiError tunnelNotFound(const QByteArray &method, const QString &path);

} // namespace hydra::server
