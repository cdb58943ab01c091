#pragma once
// The quota state of one (project, model): Google's buckets are per project and per model, so
// keys of the same project share it. What it has used, and until when a 429 put it aside.

#include "model_limits.h"
#include "pacific_day.h"
#include "quota_rules.h"
#include "usage_window.h"

#include <cstdint>

namespace hydra::pool {

// Why a bucket cannot take a request now.
struct Block
{
    enum class Kind { None, Minute, Day };
    Kind kind = Kind::None;
    std::int64_t untilMs = 0; // when it can again
    bool noFreeTier = false;  // Day: Google said "limit: 0"
    bool budget = false;      // Hydra's own count reached a known limit (no 429 needed)
};

struct QuotaBucket
{
    UsageWindow usage;
    std::int64_t coolingUntilMs = 0; // a per-minute (or bare) 429
    std::int64_t parkedUntilMs = 0;  // a per-day or limit-0 429: the next Pacific midnight
    bool noFreeTier = false;         // the parking came from "limit: 0"
    int bareInARow = 0;              // bare 429s since the last success
    std::int64_t lastRequestMs = 0;  // for evicting forgotten models; 0 after a restart

    // Per-day reasons win over per-minute ones: a day-exhausted bucket is not back in a minute.
    Block block(std::int64_t nowMs, const PacificDay &today, const KnownLimits &limits) const;
    // Requests left before the nearest known limit (this minute or today); huge when no limit
    // is known.
    std::int64_t headroom(std::int64_t nowMs, const PacificDay &today, const KnownLimits &limits) const;
    void apply(const QuotaAction &action);
    // Nothing worth remembering.
    bool idle(std::int64_t nowMs) const
    {
        return usage.empty() && coolingUntilMs <= nowMs && parkedUntilMs <= nowMs;
    }
};

} // namespace hydra::pool
