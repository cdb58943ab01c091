#pragma once
// reasoning_effort and Google's thinking_config -> generationConfig.thinkingConfig.
// Gemini 2.5 takes a token budget (each model has its own allowed range; 2.5 Pro
// cannot switch thinking off), Gemini 3 takes a level. Pure.

#include "api_error.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace hydra::translate {

enum class ThinkingFamily { None, Budget25, Level3 };

struct ThinkingRange
{
    ThinkingFamily family = ThinkingFamily::None;
    int minBudget = 0;    // smallest budget when thinking is on
    int maxBudget = 0;
    bool canDisable = true;
    bool hasMinimalLevel = true; // Gemini 3 Flash has MINIMAL, 3 Pro does not
};

// What the model accepts, from its id ("gemini-2.5-pro", "gemini-3-flash-preview", ...).
ThinkingRange thinkingRangeFor(const std::string &model);

// Writes thinkingConfig into generationConfig (or nothing for models that do not think).
std::optional<ApiError> applyThinking(const nlohmann::json &request, const std::string &model,
                                      nlohmann::json &generationConfig);

} // namespace hydra::translate
