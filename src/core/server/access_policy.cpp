#include "access_policy.h"

#include <QHostAddress>
#include <QUrl>

namespace hydra::server {
namespace {

bool isLoopbackName(QString host)
{
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    // The names local clients nearly always send, without parsing an address: this runs on
    // every request while the gateway has no tokens.
    if (host.compare(u"localhost", Qt::CaseInsensitive) == 0 || host == u"127.0.0.1" || host == u"::1")
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

bool isLoopbackHost(const QByteArray &hostHeader)
{
    QString host = QString::fromLatin1(hostHeader.trimmed());
    if (host.isEmpty())
        return false;
    // Strip ":port" (but not the colons inside "[::1]").
    const qsizetype bracket = host.lastIndexOf(u']');
    const qsizetype colon = host.lastIndexOf(u':');
    if (colon > bracket && (bracket >= 0 || host.count(u':') == 1))
        host.truncate(colon);
    return isLoopbackName(host);
}

bool isLoopbackOrigin(const QByteArray &origin)
{
    const QUrl url(QString::fromLatin1(origin.trimmed()), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https"))
        return false;
    return isLoopbackName(url.host());
}

AccessDecision checkBrowserAccess(const QByteArray &host, const QByteArray &origin, bool tokensRequired)
{
    AccessDecision decision;
    if (tokensRequired) {
        decision.allowOrigin = origin.isEmpty() ? QByteArray() : origin;
        return decision;
    }
    // HTTP/1.1 requires Host; a browser always sends it, and after DNS rebinding it
    // names the attacker's domain, never a loopback name.
    if (!host.isEmpty() && !isLoopbackHost(host)) {
        decision.allowed = false;
        decision.reason = "This gateway has no access tokens, so it only answers requests addressed to localhost, "
                          "127.0.0.1 or [::1] (Host was '" + host.left(100) + "'). Create an access token to use "
                          "it under another name.";
        return decision;
    }
    if (!origin.isEmpty()) {
        if (!isLoopbackOrigin(origin)) {
            decision.allowed = false;
            decision.reason = "Requests from web pages on other sites are refused while the gateway has no access "
                              "tokens, so that no website can spend your Gemini quota (Origin was '" +
                              origin.left(100) + "'). Create an access token to allow browser-based clients.";
            return decision;
        }
        decision.allowOrigin = origin;
    }
    return decision;
}

} // namespace hydra::server
