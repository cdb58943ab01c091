#pragma once
// What the key snapshots (Engine::keysChanged) mean for the tray: how many keys can answer,
// which models no key can serve right now, and what changed since the last snapshot that a
// user should hear about. Pure: snapshots in, values out.

#include "pool/key_snapshot.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace hydra::app {

struct KeyHealth
{
    int keys = 0;
    int usable = 0;  // not invalid
    int limited = 0; // usable, but cooling down or parked for at least one model
    std::map<std::string, std::string> deadKeys;     // label -> why it is invalid
    std::map<std::string, std::int64_t> exhausted;   // model -> when the first key frees up (ms since the epoch)
};

// A model is exhausted when every usable key has used up its quota for it (cooling down for
// the minute or parked for the day). A key that never served the model could still try it.
KeyHealth summarizeKeys(const std::vector<pool::KeySnapshot> &keys);

struct HealthEvent
{
    enum class Kind {
        ModelExhausted, // subject: model; untilMs: when quota returns (0: unknown)
        ModelRecovered, // subject: model
        KeyInvalid,     // subject: key label; detail: why
    };
    Kind kind;
    std::string subject;
    std::string detail;
    std::int64_t untilMs = 0;
    bool operator==(const HealthEvent &) const = default;
};

// What happened between two summaries, in a stable order (invalid keys, then exhausted, then
// recovered models, each sorted by name).
std::vector<HealthEvent> healthEvents(const KeyHealth &before, const KeyHealth &after);

} // namespace hydra::app
