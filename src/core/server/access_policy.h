#pragma once
// Who may use the local, token-less gateway. A web page open in the user's browser
// can send requests to localhost; without these checks any site could spend the
// user's Gemini quota (cross-origin requests) or read answers (DNS rebinding).
// Pure functions on header values.

#include <QByteArray>

namespace hydra::server {

// "localhost", "127.0.0.1", "[::1]", with or without ":port".
bool isLoopbackHost(const QByteArray &hostHeader);
// "http://localhost:3000", "https://127.0.0.1", "http://[::1]:8080".
bool isLoopbackOrigin(const QByteArray &origin);

struct AccessDecision
{
    bool allowed = true;
    QByteArray reason;      // why a request was refused (for the error message)
    QByteArray allowOrigin; // echo as Access-Control-Allow-Origin when non-empty
};

// tokensRequired: the listener demands access tokens (then any origin may call it:
// browser-based clients work, and the token protects the quota).
AccessDecision checkBrowserAccess(const QByteArray &host, const QByteArray &origin, bool tokensRequired);

} // namespace hydra::server
