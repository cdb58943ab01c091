#include "legacy_functions.h"

using nlohmann::json;

namespace hydra::translate {

bool usesLegacyFunctions(const json &chatRequest)
{
    const auto functions = chatRequest.find("functions");
    const auto tools = chatRequest.find("tools");
    return functions != chatRequest.end() && functions->is_array() && !functions->empty() &&
           (tools == chatRequest.end() || tools->is_null());
}

json toolCallsToFunctionCall(json chat)
{
    const auto choices = chat.find("choices");
    if (choices == chat.end() || !choices->is_array())
        return chat;
    for (json &choice : *choices) {
        if (!choice.is_object())
            continue;
        if (const auto finish = choice.find("finish_reason"); finish != choice.end() && *finish == "tool_calls")
            *finish = "function_call";
        json *holder = choice.contains("message") ? &choice["message"] : choice.contains("delta") ? &choice["delta"] : nullptr;
        if (!holder || !holder->is_object())
            continue;
        const auto calls = holder->find("tool_calls");
        if (calls == holder->end())
            continue;
        // Later calls of the turn (index > 0) have no place in the legacy form.
        const json first = calls->is_array() && !calls->empty() && (*calls)[0].value("index", 0) == 0
                               ? (*calls)[0].value("function", json::object())
                               : json();
        holder->erase(calls);
        if (first.is_object())
            (*holder)["function_call"] = first;
    }
    return chat;
}

} // namespace hydra::translate
