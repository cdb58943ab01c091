#include "quota_bucket.h"

#include <algorithm>
#include <limits>

namespace hydra::pool {

Block QuotaBucket::block(std::int64_t nowMs, const PacificDay &today, const KnownLimits &limits) const
{
    if (parkedUntilMs > nowMs)
        return {Block::Kind::Day, parkedUntilMs, noFreeTier, false};
    // A limit below 1 (a table edited to switch a model off) holds for the whole day.
    if ((limits.rpd && usage.onDay(today.index) >= std::max<std::int64_t>(*limits.rpd, 0)) ||
        (limits.rpm && *limits.rpm < 1))
        return {Block::Kind::Day, today.endMs, false, true};
    Block minute;
    if (coolingUntilMs > nowMs)
        minute = {Block::Kind::Minute, coolingUntilMs, false, false};
    if (limits.rpm && usage.lastMinute(nowMs) >= *limits.rpm) {
        const std::int64_t freeAt = usage.belowLimitAtMs(nowMs, static_cast<std::uint32_t>(*limits.rpm));
        if (minute.kind == Block::Kind::None || freeAt > minute.untilMs)
            minute = {Block::Kind::Minute, freeAt, false, true};
    }
    return minute;
}

std::int64_t QuotaBucket::headroom(std::int64_t nowMs, const PacificDay &today, const KnownLimits &limits) const
{
    std::int64_t left = std::numeric_limits<std::int64_t>::max();
    if (limits.rpm)
        left = std::min<std::int64_t>(left, *limits.rpm - usage.lastMinute(nowMs));
    if (limits.rpd)
        left = std::min<std::int64_t>(left, *limits.rpd - usage.onDay(today.index));
    return left;
}

void QuotaBucket::apply(const QuotaAction &action)
{
    if (action.kind == QuotaAction::Kind::ParkForDay) {
        if (action.untilMs >= parkedUntilMs) {
            parkedUntilMs = action.untilMs;
            noFreeTier = action.noFreeTier;
        }
        return;
    }
    coolingUntilMs = std::max(coolingUntilMs, action.untilMs);
    if (action.bare)
        ++bareInARow;
}

} // namespace hydra::pool
