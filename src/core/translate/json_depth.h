#pragma once
// Deeply nested JSON ("[[[[...") is a cheap way to crash a program whose parser,
// printer or destructor recurses. Request bodies are checked with this before
// they are parsed. Pure.

#include <nlohmann/json.hpp>

#include <string_view>

namespace hydra::translate {

inline constexpr int maxJsonDepth = 128; // real tool schemas nest a few dozen levels at most

// True when arrays/objects nest deeper than `limit` (strings are skipped properly).
bool nestsDeeperThan(std::string_view json, int limit = maxJsonDepth);

// JSON the gateway did not write (Google's answers, events and error bodies) parsed under the
// same bound: nested deeper than `limit`, malformed, or holding a number a double cannot hold,
// it comes back discarded (is_discarded()). Never throws: it runs inside Qt slots.
nlohmann::json parseBounded(std::string_view text, int limit = maxJsonDepth);

} // namespace hydra::translate
