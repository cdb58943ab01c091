#pragma once
// Message content and tool-call history: OpenAI message pieces -> Gemini parts.

#include "api_error.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <vector>
#include <string>
#include <variant>

namespace hydra::translate {

// The placeholder part standing for an image that must be fetched from a URL.
inline constexpr const char *remoteImageMarker = "__remoteImageUrl";

// Appends a message's turn to Gemini's contents, merging it into the previous one when the role
// repeats: Gemini wants one content per turn, while client histories often carry several
// consecutive user messages.
void appendTurn(nlohmann::json &contents, const char *role, nlohmann::json parts);

// A message's `content` (string, null, or an array of typed parts) as Gemini parts.
std::variant<nlohmann::json, ApiError> contentToParts(const nlohmann::json &content, const std::string &where);

// Looks up the thought signature Gemini attached to an earlier tool call.
using SignatureLookup = std::function<std::optional<std::string>(const std::string &toolCallId)>;

struct ToolCallHistory
{
    SignatureLookup signatureFor;          // may be empty
    bool signaturesRequired = false;       // Gemini 3: a call without one is refused
    std::vector<std::string> toolCallIds;  // filled: every tool call id of the history, in order
};

// Google's documented stand-in for a signature that is not known (a conversation
// that started elsewhere): it tells Gemini 3 to skip the check for that call.
inline constexpr const char *skipSignatureSentinel = "skip_thought_signature_validator";

// An assistant message's `tool_calls` appended to its parts as functionCall parts,
// each with its thought signature when one is known.
std::optional<ApiError> appendToolCalls(const nlohmann::json &message, const std::string &where,
                                        nlohmann::json &parts, ToolCallHistory &history);

// A `tool` message as a functionResponse part; the function name is looked up from
// the assistant message that made the call, since OpenAI only sends the call id.
std::variant<nlohmann::json, ApiError> toolResultToParts(const nlohmann::json &message, const std::string &where,
                                                         const nlohmann::json &messages, size_t index);

// response_format -> responseMimeType / responseJsonSchema, written into generationConfig.
std::optional<ApiError> translateResponseOptions(const nlohmann::json &request, nlohmann::json &generationConfig);

} // namespace hydra::translate
