#pragma once
#include <string>

namespace hydra::translate {
// A random alphanumeric string for response and tool-call ids (not a secret).
std::string randomToken(size_t length);
} // namespace hydra::translate
