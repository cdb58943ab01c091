#pragma once
// Who a request says it is: the access token it presents and the client address it
// comes from. Pure functions on the request's headers.

#include "incoming_request.h"

#include <QByteArray>

namespace hydra::server {

// The token in "Authorization: Bearer …" or "x-api-key", and on Gemini's native routes also
// in "x-goog-api-key" or "?key=" (where Google's SDKs put it). Empty when none is given.
QByteArray presentedToken(const IncomingRequest &request, bool nativeRoute);

// The address limits and failure counts are kept per. Through the tunnel every connection
// comes from cloudflared on 127.0.0.1, so there the edge's CF-Connecting-IP names the client.
QByteArray clientAddress(const IncomingRequest &request, bool tunnel);

} // namespace hydra::server
