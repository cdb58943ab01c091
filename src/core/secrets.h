#pragma once
// Keeping API keys and tokens out of everything a person or a log can read.

#include <string>
#include <string_view>

namespace hydra {

// "AIzaSyD...abcd" -> "AIza…abcd": enough to tell keys apart, useless to an attacker.
std::string maskSecret(std::string_view secret);

// A stable, non-reversible id for a secret (16 hex digits of its SHA-256): lets files
// refer to "the key that did X" without containing the key.
std::string fingerprintSecret(std::string_view secret);

// Masks anything in free text that looks like a Google API key.
std::string redactSecrets(std::string text);

} // namespace hydra
