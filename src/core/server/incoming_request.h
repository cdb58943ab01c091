#pragma once
// A copy of what the gateway needs from an HTTP request. QHttpServer reuses its
// request object for the next request on the connection, so nothing may keep a
// reference to it past the handler: handlers get this value instead.

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QString>
#include <QUrlQuery>

#include <memory>

namespace hydra::server {

struct IncomingRequest
{
    QByteArray method; // "GET", "POST", ...
    QString path;      // percent-decoded
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // lower-case names; only the ones the gateway reads
    QByteArray body;
    QHostAddress peer;
    bool closeAfterResponse = false; // HTTP/1.0, or "Connection: close"
    // What the server's admission step decided about this request from its head (the server's
    // own type); released when the request has been answered or its connection is gone.
    std::shared_ptr<const void> admission;

    QByteArray header(const QByteArray &lowerCaseName) const { return headers.value(lowerCaseName); }
};

// The request headers the gateway looks at (everything else is ignored).
inline constexpr const char *readHeaders[] = {
    "host", "origin", "connection", "content-type", "authorization", "x-api-key", "x-goog-api-key",
    "access-control-request-method", "access-control-request-headers", "user-agent", "cf-connecting-ip",
};

} // namespace hydra::server
