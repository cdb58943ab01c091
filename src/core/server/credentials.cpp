#include "credentials.h"

namespace hydra::server {

QByteArray presentedToken(const IncomingRequest &request)
{
    const QByteArray authorization = request.header("authorization").trimmed();
    if (authorization.size() > 7 && authorization.left(7).compare("bearer ", Qt::CaseInsensitive) == 0)
        return authorization.mid(7).trimmed();
    if (const QByteArray apiKey = request.header("x-api-key").trimmed(); !apiKey.isEmpty())
        return apiKey;
    return request.header("x-goog-api-key").trimmed();
}

QByteArray clientAddress(const IncomingRequest &request, bool tunnel)
{
    if (tunnel) {
        // Bounded: it keys tables in memory, and the header is the client's to choose when the
        // request did not come through Cloudflare's edge.
        const QByteArray connecting = request.header("cf-connecting-ip").trimmed().left(64);
        if (!connecting.isEmpty())
            return connecting;
    }
    return request.peer.toString().toLatin1();
}

} // namespace hydra::server
