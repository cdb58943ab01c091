#pragma once
// Who a request says it is: the access token it presents and the client address it
// comes from. Pure functions on the request's headers.

#include "incoming_request.h"

#include <QByteArray>

namespace hydra::server {

// The token in "Authorization: Bearer …" (OpenAI's SDKs), "x-api-key" (Anthropic's) or
// "x-goog-api-key" (Google's). Empty when none is given. Never from the URL: a "?key=" ends
// up in logs, browser history and proxies, so it is not accepted as a token.
QByteArray presentedToken(const IncomingRequest &request);

// The address limits and failure counts are kept per. Through the tunnel every connection
// comes from cloudflared on 127.0.0.1, so there the edge's CF-Connecting-IP names the client.
QByteArray clientAddress(const IncomingRequest &request, bool tunnel);

} // namespace hydra::server
