#pragma once
// What a failed Gemini call means for the key that made it and for the client.
// Pure: classifies a status code and Google's error body (docs/gemini-wire.md §5, §6).

#include "pool/quota_scope.h"
#include "translate/api_error.h"

#include <optional>
#include <string>
#include <string_view>

namespace hydra::upstream {

enum class Verdict {
    RateLimited, // 429: this key (project) is out of quota for this model for a while
    KeyInvalid,  // 400/403 API_KEY_*, 401, a 403 naming the key or its project: the key is unusable
    Forbidden,   // any other 403 (a model or file this project may not use): other keys may be
                 // allowed; the key itself works and is not blamed
    Transient,   // 5xx, 408, 499 CANCELLED, timeouts, dropped connections: try elsewhere, nobody's fault
    ClientFault, // any other 4xx: the request itself is wrong; retrying cannot help
};

using pool::QuotaScope;

struct UpstreamFailure
{
    Verdict verdict = Verdict::Transient;
    int httpStatus = 0;        // 0 when no HTTP answer came (network failure)
    std::string googleStatus;  // RESOURCE_EXHAUSTED, INVALID_ARGUMENT, ...
    std::string reason;        // ErrorInfo.reason, e.g. API_KEY_INVALID
    std::string message;       // Google's message, secrets redacted
    std::optional<long long> retryDelayMs; // RetryInfo.retryDelay
    QuotaScope scope = QuotaScope::Unknown;
    bool noFreeTier = false;   // "limit: 0": the model has no free tier on this project
    std::optional<long long> quotaValue; // the violated limit, when Google names it
    // The quotaValue of a request-count violation of `scope` (a token limit says nothing about how
    // many requests fit): what the pool may learn as the project's limit.
    std::optional<long long> requestLimit;
    bool timedOut = false;     // no answer (or no more of it) within the upstream timeouts
};

UpstreamFailure classifyHttpFailure(int httpStatus, std::string_view body);
UpstreamFailure networkFailure(std::string description);
// The upstream kept the call waiting past its limit (upstream::CallTimeouts): transient, like a
// dropped connection, but the client is told 504 once no attempt is left.
UpstreamFailure timeoutFailure(std::string description);

// Parses Google's duration strings ("57s", "57.219397761s") into milliseconds.
std::optional<long long> parseGoogleDuration(std::string_view text);

// The error a client sees for a failure that is its own (ClientFault).
ApiError clientErrorFor(const UpstreamFailure &failure);

} // namespace hydra::upstream
