#pragma once
// pool-state.json in the config dir: what the key pool knows of today's quota (counters,
// cooldowns, parkings, learnt limits, per-day history, dead keys), so a restart never hammers
// keys that were already exhausted today. Keys appear by fingerprint only, never by secret.
// Written atomically (temp file + rename). A file that cannot be read or understood is moved
// aside to *.corrupt with a warning on stderr, and Hydra starts clean: never fatal.

#include "pool/pool_state.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <optional>

namespace hydra::store {

// The document, and back. fromJson returns nothing when the document is not a pool state at
// all; entries that do not make sense are skipped one by one.
nlohmann::json poolStateToJson(const pool::PoolState &state);
std::optional<pool::PoolState> poolStateFromJson(const nlohmann::json &document);

// Nothing when there is no file (silently) or it was unusable (moved aside, warned).
std::optional<pool::PoolState> loadPoolState(const QString &path);
// False, and why in `error`, when it could not be written (the caller decides how often to say so).
bool savePoolState(const QString &path, const pool::PoolState &state, QString *error = nullptr);

// The user validated a key again (e.g. `hydra keys` while no gateway runs): the saved state no
// longer holds it dead. A running gateway does the same with KeyPool::markValid. True when the
// file now says so (also when there was nothing to change).
bool markKeyValidInPoolState(const QString &path, const std::string &fingerprint, QString *error = nullptr);

} // namespace hydra::store
