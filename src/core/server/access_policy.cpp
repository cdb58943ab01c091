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
    // Host = uri-host [ ":" port ] (RFC 9110 section 7.2). Read as a URL's authority would be:
    // "127.0.0.1:1@evil.example" names evil.example to a browser, so anything that is not a
    // plain name or address with an optional numeric port is not a loopback Host.
    const QByteArray host = hostHeader.trimmed();
    if (host.isEmpty())
        return false;
    qsizetype nameEnd = host.size();
    if (host.startsWith('[')) {
        nameEnd = host.indexOf(']') + 1;
        if (nameEnd <= 0)
            return false;
    } else if (const qsizetype colon = host.indexOf(':'); colon >= 0) {
        nameEnd = colon;
    }
    const QByteArray port = host.mid(nameEnd);
    if (!port.isEmpty()) {
        if (port.size() < 2 || port.size() > 6 || port[0] != ':')
            return false;
        for (qsizetype i = 1; i < port.size(); ++i) {
            if (port[i] < '0' || port[i] > '9')
                return false;
        }
    }
    const QByteArray name = host.left(nameEnd);
    for (const char c : name) {
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                             c == '-' || c == ':' || c == '[' || c == ']';
        if (!allowed)
            return false;
    }
    return isLoopbackName(QString::fromLatin1(name));
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
