#pragma once
// Message content and tool-call history: OpenAI message pieces -> Gemini parts.

#include "api_error.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <variant>

namespace hydra::translate {

// A message's `content` (string, null, or an array of typed parts) as Gemini parts.
std::variant<nlohmann::json, ApiError> contentToParts(const nlohmann::json &content, const std::string &where);

// An assistant message's `tool_calls` appended to its parts as functionCall parts.
std::optional<ApiError> appendToolCalls(const nlohmann::json &message, const std::string &where,
                                        nlohmann::json &parts);

// A `tool` message as a functionResponse part; the function name is looked up from
// the assistant message that made the call, since OpenAI only sends the call id.
std::variant<nlohmann::json, ApiError> toolResultToParts(const nlohmann::json &message, const std::string &where,
                                                         const nlohmann::json &messages, size_t index);

// response_format -> responseMimeType / responseJsonSchema, written into generationConfig.
std::optional<ApiError> translateResponseOptions(const nlohmann::json &request, nlohmann::json &generationConfig);

} // namespace hydra::translate
