#pragma once
// Keeping API keys and tokens out of everything a person or a log can read.

#include <string>
#include <string_view>

namespace hydra {

// "AIzaSyD...abcd" -> "AIza…abcd": enough to tell keys apart, useless to an attacker.
std::string maskSecret(std::string_view secret);

// Masks anything in free text that looks like a Google API key.
std::string redactSecrets(std::string text);

} // namespace hydra
