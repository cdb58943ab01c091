#pragma once
// The legacy function-calling form that older clients still send: "functions" and
// "function_call" in the request instead of "tools" and "tool_choice". Such a client reads one
// call from message.function_call (delta.function_call when streamed) and finish_reason
// "function_call", never tool_calls. Pure.

#include <nlohmann/json.hpp>

namespace hydra::translate {

// Whether the chat request uses the legacy form (functions, and no tools).
bool usesLegacyFunctions(const nlohmann::json &chatRequest);

// A chat.completion or chat.completion.chunk with its tool call in the legacy shape. Only the
// first call of a choice is kept: the legacy form has room for one.
nlohmann::json toolCallsToFunctionCall(nlohmann::json chat);

} // namespace hydra::translate
