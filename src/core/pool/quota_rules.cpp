#include "quota_rules.h"

#include <algorithm>

namespace hydra::pool {

QuotaAction decideRateLimit(const RateLimitReport &report, std::int64_t nowMs, std::int64_t nextMidnightMs,
                            int bareInARow)
{
    QuotaAction action;
    if (report.noFreeTier) {
        // "limit: 0": this model has no free tier on this project. Retrying within the day is
        // pointless; Google may change it, so look again tomorrow.
        action.kind = QuotaAction::Kind::ParkForDay;
        action.untilMs = nextMidnightMs;
        action.noFreeTier = true;
        return action;
    }
    switch (report.scope) {
    case QuotaScope::PerDay:
        // retryDelay is meaningless here (one was 64400 s): the quota returns at midnight Pacific.
        action.kind = QuotaAction::Kind::ParkForDay;
        action.untilMs = nextMidnightMs;
        if (report.quotaValue && *report.quotaValue > 0)
            action.learnRpd = report.quotaValue;
        return action;
    case QuotaScope::PerMinute:
        action.untilMs =
            nowMs + std::clamp<std::int64_t>(report.retryDelayMs.value_or(perMinuteCooldownMs), 1'000,
                                             perMinuteCooldownMaxMs);
        if (report.quotaValue && *report.quotaValue > 0)
            action.learnRpm = report.quotaValue;
        return action;
    case QuotaScope::Unknown:
        break;
    }
    if (report.retryDelayMs) { // no quota named, but Google said when
        action.untilMs = nowMs + std::clamp<std::int64_t>(*report.retryDelayMs, 1'000, perMinuteCooldownMaxMs);
        return action;
    }
    // A bare 429 ("Resource has been exhausted"): 60 s, then 2 min, 4 min, ... up to 30 min.
    action.bare = true;
    std::int64_t delay = bareBackoffStartMs;
    for (int i = 0; i < bareInARow && delay < bareBackoffMaxMs; ++i)
        delay *= 2;
    action.untilMs = nowMs + std::min(delay, bareBackoffMaxMs);
    return action;
}

std::int64_t transientBackoffMs(int inARow)
{
    if (inARow < 2)
        return 0;
    std::int64_t delay = transientBackoffStartMs;
    for (int i = 2; i < inARow && delay < transientBackoffMaxMs; ++i)
        delay *= 2;
    return std::min(delay, transientBackoffMaxMs);
}

} // namespace hydra::pool
