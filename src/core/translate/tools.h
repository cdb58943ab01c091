#pragma once
// OpenAI tools -> Gemini tools and toolConfig: function declarations (tools[] and the
// legacy functions[]), tool_choice / function_call, and the built-in Google tools
// (search grounding, code execution, URL context). Pure.

#include "api_error.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace hydra::translate {

std::optional<ApiError> translateTools(const nlohmann::json &request, const std::string &model, nlohmann::json &body);

} // namespace hydra::translate
