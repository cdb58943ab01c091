#pragma once
// The legacy POST /v1/completions (prompt in, text out), which older clients still
// call: served as a one-message chat, answered in the text_completion shape. Pure.

#include "api_error.h"

#include <nlohmann/json.hpp>

#include <variant>

namespace hydra::translate {

// The equivalent chat.completions request.
std::variant<nlohmann::json, ApiError> completionToChatRequest(const nlohmann::json &completionRequest);

// A chat.completion or chat.completion.chunk as the text_completion object it stands for.
nlohmann::json chatToTextCompletion(nlohmann::json chat);

} // namespace hydra::translate
