#pragma once
// What of the pool survives a restart, as plain data: store/pool_state_file reads and writes it,
// KeyPool exports and imports it. Keys appear only by fingerprint, never by secret.

#include "model_limits.h"
#include "usage_window.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hydra::pool {

struct PoolState
{
    struct Key
    {
        std::string fingerprint;
        bool dead = false;
        std::string deadReason;
        std::int64_t deadAtMs = 0; // when it was found dead (ms since the epoch; 0: unknown)
        std::uint64_t requests = 0;
        std::uint64_t failures = 0;
        std::string lastError;
    };
    struct Bucket
    {
        std::string project; // "project:<id>", or "key:<fingerprint>" for a key without a project id
        std::string model;
        std::int64_t coolingUntilMs = 0;
        std::int64_t parkedUntilMs = 0;
        bool noFreeTier = false;
        int bareInARow = 0;
        RequestLimits learnt;
        UsageWindow::Data usage;
    };
    std::vector<Key> keys;
    std::vector<Bucket> buckets;
};

} // namespace hydra::pool
