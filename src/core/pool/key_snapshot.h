#pragma once
// What the pool shows of itself (to the GUI, the stats): per key, and per model within a key.
// Copies of plain values, made on the engine thread and handed to any other.
// Quota is Google's per (project, model), so the counts, limits and cooling/parking of a model
// are those of the key's project: keys of one project show the same numbers.

#include "usage_window.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hydra::pool {

enum class QuotaState {
    Healthy,
    BackingOff,   // transient failures in a row: used only when no other key can serve
    CoolingDown,  // per-minute: a 429, or this minute's known limit reached
    ParkedForDay, // per-day: a 429 (or "limit: 0"), or today's known limit reached; until Pacific midnight
    Dead,         // the key is invalid (see KeySnapshot::deadReason)
};

struct ModelSnapshot
{
    std::string model;
    std::uint32_t requestsThisMinute = 0; // sliding 60 s
    std::uint32_t requestsToday = 0;      // this Pacific day
    std::optional<std::int64_t> rpmLimit; // known limits (learnt from Google, else the defaults table)
    std::optional<std::int64_t> rpdLimit;
    bool rpmLearnt = false;
    bool rpdLearnt = false;
    QuotaState state = QuotaState::Healthy;
    std::int64_t untilMs = 0;  // BackingOff, CoolingDown, ParkedForDay: until when (ms since the epoch)
    bool limitReached = false; // CoolingDown / ParkedForDay by Hydra's own budget, before any 429
    bool noFreeTier = false;   // ParkedForDay because Google said "limit: 0"
    std::string lastError;     // this key's last error with this model; cleared by a success
    std::vector<MinuteCount> perMinute; // last 24 h, only minutes with requests, oldest first
};

struct KeySnapshot
{
    std::string label;
    std::string maskedKey;
    std::string fingerprint;
    std::string projectId;  // as configured; empty: the key is a project of its own
    int projectKeys = 1;    // keys sharing this key's project (and so its quota)
    bool dead = false;
    std::string deadReason; // kept until the key is validated again
    std::uint64_t requests = 0; // requests sent with this key since it was added
    std::uint64_t failures = 0;
    std::string lastError;
    std::vector<ModelSnapshot> models; // sorted by model id

    const ModelSnapshot *model(std::string_view id) const
    {
        for (const ModelSnapshot &row : models) {
            if (row.model == id)
                return &row;
        }
        return nullptr;
    }
};

} // namespace hydra::pool
