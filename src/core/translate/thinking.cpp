#include "thinking.h"

#include <algorithm>

using nlohmann::json;

namespace hydra::translate {
namespace {

bool startsWith(const std::string &text, const char *prefix)
{
    return text.rfind(prefix, 0) == 0;
}

// Google's own OpenAI layer maps low/medium/high to these budgets
// (ai.google.dev/gemini-api/docs/openai); "minimal" is the model's smallest.
int budgetFor(const std::string &effort, const ThinkingRange &range)
{
    if (effort == "none")
        return range.canDisable ? 0 : range.minBudget;
    if (effort == "minimal")
        return range.minBudget;
    const int budget = effort == "low" ? 1024 : effort == "medium" ? 8192 : 24576;
    return std::clamp(budget, range.minBudget, range.maxBudget);
}

std::string levelFor(const std::string &effort, const ThinkingRange &range)
{
    if (effort == "none" || effort == "minimal")
        return range.hasMinimalLevel ? "MINIMAL" : "LOW";
    if (effort == "low")
        return "LOW";
    if (effort == "medium")
        return "MEDIUM";
    return "HIGH";
}

// extra_body={"google": {...}} puts "google" at the top of the body; Google's docs show
// extra_body={"extra_body": {"google": {...}}}, which nests it once more. Accept both.
json googleExtras(const json &request)
{
    const auto direct = request.find("google");
    if (direct != request.end() && direct->is_object())
        return *direct;
    const auto extra = request.find("extra_body");
    if (extra != request.end() && extra->is_object()) {
        const auto nested = extra->find("google");
        if (nested != extra->end() && nested->is_object())
            return *nested;
    }
    return json::object();
}

const json *field(const json &object, const char *snake, const char *camel)
{
    for (const char *name : {snake, camel}) {
        const auto it = object.find(name);
        if (it != object.end() && !it->is_null())
            return &*it;
    }
    return nullptr;
}

} // namespace

ThinkingRange thinkingRangeFor(const std::string &model)
{
    // 2.5's image and speech variants answer any thinkingConfig with 400 "Thinking is not enabled
    // for this model" (models.dev#576); Gemini 3's image model does think.
    if (startsWith(model, "gemini-2.5") &&
        (model.find("-image") != std::string::npos || model.find("-tts") != std::string::npos))
        return {};
    if (startsWith(model, "gemini-3"))
        return {ThinkingFamily::Level3, 0, 0, false, model.find("pro") == std::string::npos};
    if (startsWith(model, "gemini-2.5-pro"))
        return {ThinkingFamily::Budget25, 128, 32768, false, false};
    if (startsWith(model, "gemini-2.5-flash-lite"))
        return {ThinkingFamily::Budget25, 512, 24576, true, false};
    if (startsWith(model, "gemini-2.5-flash") || startsWith(model, "gemini-flash-latest") ||
        startsWith(model, "gemini-flash-lite-latest"))
        return {ThinkingFamily::Budget25, 128, 24576, true, false};
    return {};
}

std::optional<ApiError> applyThinking(const json &request, const std::string &model, json &generationConfig)
{
    const ThinkingRange range = thinkingRangeFor(model);
    if (range.family == ThinkingFamily::None)
        return std::nullopt; // 2.0, Gemma, embeddings...: a thinkingConfig would be refused

    json thinking = json::object();
    if (const auto effort = request.find("reasoning_effort"); effort != request.end() && !effort->is_null()) {
        static const char *const efforts[] = {"none", "minimal", "low", "medium", "high"};
        if (!effort->is_string() ||
            std::none_of(std::begin(efforts), std::end(efforts), [&](const char *e) { return *effort == e; }))
            return ApiError::invalidRequest("Invalid value for 'reasoning_effort': expected one of none, minimal, "
                                            "low, medium, high.",
                                            "reasoning_effort", "invalid_value");
        const std::string value = effort->get<std::string>();
        if (range.family == ThinkingFamily::Level3)
            thinking["thinkingLevel"] = levelFor(value, range);
        else
            thinking["thinkingBudget"] = budgetFor(value, range);
    }

    const json google = googleExtras(request);
    const json *config = field(google, "thinking_config", "thinkingConfig");
    if (config && config->is_object()) { // the explicit form wins over reasoning_effort
        if (const json *budget = field(*config, "thinking_budget", "thinkingBudget")) {
            if (!budget->is_number_integer())
                return ApiError::invalidRequest("'google.thinking_config.thinking_budget' must be an integer.",
                                                "google.thinking_config.thinking_budget", "invalid_type");
            thinking.erase("thinkingLevel");
            thinking["thinkingBudget"] = *budget;
        }
        if (const json *level = field(*config, "thinking_level", "thinkingLevel")) {
            if (!level->is_string())
                return ApiError::invalidRequest("'google.thinking_config.thinking_level' must be a string.",
                                                "google.thinking_config.thinking_level", "invalid_type");
            std::string upper = level->get<std::string>();
            std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
            thinking.erase("thinkingBudget");
            thinking["thinkingLevel"] = upper;
        }
        if (const json *include = field(*config, "include_thoughts", "includeThoughts"); include && include->is_boolean())
            thinking["includeThoughts"] = *include;
    }

    // Thought summaries are always asked for (they become reasoning_content), unless
    // thinking is off or the client said otherwise.
    const bool off = thinking.value("thinkingBudget", json(-1)) == json(0);
    if (!thinking.contains("includeThoughts") && !off)
        thinking["includeThoughts"] = true;
    generationConfig["thinkingConfig"] = std::move(thinking);
    return std::nullopt;
}

} // namespace hydra::translate
