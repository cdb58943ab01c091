#include "key_health.h"

#include <algorithm>
#include <set>

namespace hydra::app {
namespace {

bool outOfQuota(pool::QuotaState state)
{
    return state == pool::QuotaState::CoolingDown || state == pool::QuotaState::ParkedForDay;
}

} // namespace

KeyHealth summarizeKeys(const std::vector<pool::KeySnapshot> &keys)
{
    KeyHealth health;
    health.keys = static_cast<int>(keys.size());
    std::set<std::string> models;
    for (const pool::KeySnapshot &key : keys) {
        if (key.dead) {
            health.deadKeys[key.label] = key.deadReason;
            continue;
        }
        ++health.usable;
        bool limited = false;
        for (const pool::ModelSnapshot &model : key.models) {
            models.insert(model.model);
            limited = limited || outOfQuota(model.state);
        }
        health.limited += limited ? 1 : 0;
    }
    if (health.usable == 0)
        return health; // "no usable key" says it all; no per-model news
    for (const std::string &model : models) {
        std::int64_t firstFree = 0;
        bool allOut = true;
        for (const pool::KeySnapshot &key : keys) {
            if (key.dead)
                continue;
            const pool::ModelSnapshot *row = key.model(model);
            if (!row || !outOfQuota(row->state)) {
                allOut = false;
                break;
            }
            firstFree = firstFree == 0 ? row->untilMs : std::min(firstFree, row->untilMs);
        }
        if (allOut)
            health.exhausted[model] = firstFree;
    }
    return health;
}

std::vector<HealthEvent> healthEvents(const KeyHealth &before, const KeyHealth &after)
{
    std::vector<HealthEvent> events;
    for (const auto &[label, reason] : after.deadKeys)
        if (!before.deadKeys.contains(label))
            events.push_back({HealthEvent::Kind::KeyInvalid, label, reason, 0});
    for (const auto &[model, untilMs] : after.exhausted)
        if (!before.exhausted.contains(model))
            events.push_back({HealthEvent::Kind::ModelExhausted, model, {}, untilMs});
    // A model that vanished because every key died is not "back"; only one a usable key serves again.
    if (after.usable > 0)
        for (const auto &[model, untilMs] : before.exhausted)
            if (!after.exhausted.contains(model))
                events.push_back({HealthEvent::Kind::ModelRecovered, model, {}, 0});
    return events;
}

} // namespace hydra::app
