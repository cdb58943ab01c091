#pragma once
// Anthropic Messages request (what Claude Code and @anthropic-ai/sdk send to POST /v1/messages)
// -> Gemini generateContent request, in the same ChatRequest every face produces. Pure: no I/O.
//
// - system (a string or text blocks) and any {"role":"system"} message -> systemInstruction;
// - blocks: text, image (base64 or URL), document (PDF or plain text), tool_use -> functionCall,
//   tool_result -> functionResponse (its images as inline data after it), thinking with
//   Hydra's carried signature -> the signature on the part that follows it;
// - tools (input_schema sanitised like chat tools), tool_choice, max_tokens, temperature, top_p,
//   top_k, stop_sequences, thinking (enabled budget, adaptive effort, disabled).
// cache_control, context_management, metadata and unknown fields are accepted and ignored.

#include "api_error.h"
#include "chat_request.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <variant>

namespace hydra::translate {

// Which Gemini model answers Claude Code's own model names (claude-*-opus-*, ...-sonnet-*,
// ...-haiku-*). Gemini names are used as given.
struct ClaudeModelMap
{
    // Google's "latest" aliases follow its newest Flash and Flash-Lite, so the defaults keep
    // working when preview models retire.
    std::string opus = "gemini-flash-latest";
    std::string sonnet = "gemini-flash-latest";
    std::string haiku = "gemini-flash-lite-latest";
};

// Sets one family from "opus=MODEL", "sonnet=MODEL" or "haiku=MODEL" (the command line's
// --claude-model); returns what is wrong with `setting`, or nothing.
std::optional<std::string> setClaudeModel(ClaudeModelMap &map, const std::string &setting);

struct MessagesOptions
{
    TranslateOptions translate; // safety settings
    ClaudeModelMap claudeModels;
};

// The Gemini model for a requested name: a claude-* name through `map`, anything else as it is.
std::string geminiModelFor(const std::string &requested, const ClaudeModelMap &map);

std::variant<ChatRequest, ApiError> translateMessagesRequest(const nlohmann::json &request,
                                                             const MessagesOptions &options = {});

// POST /v1/messages/count_tokens: the translated request as Gemini's countTokens body
// ({"generateContentRequest": ...}: contents, system instruction and tools). An image given by
// URL is counted as its URL (countTokens fetches nothing).
nlohmann::json countTokensBody(const ChatRequest &request);
// Gemini's countTokens answer as Anthropic's {"input_tokens": N}, or nothing when unreadable.
std::optional<nlohmann::json> inputTokensAnswer(const nlohmann::json &countTokensResponse);

// The function name a tool_use id of Hydra's carries ("toolu_h<hex name>_<random>"), or "".
std::string functionNameFromToolUseId(const std::string &id);
std::string newToolUseId(const std::string &functionName);

} // namespace hydra::translate
