#pragma once
// What a failed request does to a (project, model): pure rules, time passed in.
// A 429 is classified by its quota (QuotaFailure.violations[].quotaId, docs/gemini-wire.md §6):
// per minute cools the bucket down for Google's retryDelay, per day parks it until the next
// Pacific midnight, "limit: 0" (no free tier for the model) parks it for the day too, and a
// bare 429 backs off exponentially from 60 s. Transient failures (5xx, network) back a key off
// for that model, growing with each failure in a row, without ever killing it.

#include "quota_scope.h"

#include <cstdint>
#include <optional>
#include <string>

namespace hydra::pool {

// A 429 as the pool needs it (the relay converts Google's error into this).
struct RateLimitReport
{
    QuotaScope scope = QuotaScope::Unknown;   // from the violated quotaId
    std::optional<std::int64_t> retryDelayMs; // RetryInfo.retryDelay
    std::optional<std::int64_t> quotaValue;   // the violated request limit, when Google names it
    bool noFreeTier = false;                  // "limit: 0"
    std::string message;                      // Google's message (no secrets)
};

struct QuotaAction
{
    enum class Kind { CoolDown, ParkForDay };
    Kind kind = Kind::CoolDown;
    std::int64_t untilMs = 0;
    bool noFreeTier = false;
    bool bare = false; // a 429 without details: the next one in a row waits twice as long
    std::optional<std::int64_t> learnRpm;
    std::optional<std::int64_t> learnRpd;
};

inline constexpr std::int64_t bareBackoffStartMs = 60'000;
inline constexpr std::int64_t bareBackoffMaxMs = 30 * 60'000;
inline constexpr std::int64_t perMinuteCooldownMs = 60'000; // per-minute 429 without a retryDelay
inline constexpr std::int64_t perMinuteCooldownMaxMs = 5 * 60'000; // a retryDelay beyond is not believed

// The action for a 429 at `nowMs`; `nextMidnightMs` is the next Pacific midnight, `bareInARow`
// how many bare 429s this (project, model) had since its last success.
QuotaAction decideRateLimit(const RateLimitReport &report, std::int64_t nowMs, std::int64_t nextMidnightMs,
                            int bareInARow);

inline constexpr std::int64_t transientBackoffStartMs = 1'000;
inline constexpr std::int64_t transientBackoffMaxMs = 60'000;

// How long a key stays backed off for a model after `inARow` transient failures in a row:
// none after the first (the request already moves on to another key), then 1 s, 2 s, 4 s, ...
// up to a minute. A backed-off key is only used when no other key can serve.
std::int64_t transientBackoffMs(int inARow);

} // namespace hydra::pool
