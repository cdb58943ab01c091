#pragma once
// keys.json: a JSON array of {"email","api_key","project_id"} where only api_key is
// required (the format of the key lists people already keep).

#include "pool/key_pool.h"

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace hydra::store {

// "line 3, column 7" for a byte offset into text (1-based, as editors count).
std::string textPosition(std::string_view text, std::size_t byte);

// Parses the file's text; the error names line and column for malformed JSON.
std::variant<std::vector<pool::KeyInfo>, std::string> parseKeysJson(std::string_view text);
// Reads and parses a file; errors start with the file name.
std::variant<std::vector<pool::KeyInfo>, std::string> readKeysFile(const std::string &path);

} // namespace hydra::store
