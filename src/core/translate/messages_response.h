#pragma once
// Gemini generateContent answers -> Anthropic Messages: a whole message, or the stream of
// message_start, content_block_start / _delta / _stop, message_delta and message_stop events, each
// with its `event:` line (@anthropic-ai/sdk ignores events without one). Pure: no I/O.
//
// Gemini's parts become blocks in order: thoughts -> `thinking`, text -> `text`, a functionCall ->
// `tool_use` (an id that carries the function name). A thought signature travels in the
// `signature` of the thinking block before the part it belongs to (signature_carrier.h), so the
// client gives it back with the next turn; a function call's signature gets a thinking block of
// its own when Gemini sent no thought text.

#include "api_error.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace hydra::translate {

struct MessageIdentity
{
    std::string id;     // "msg_..."
    std::string model;  // the name the client asked for
    std::string keyTag; // the pool key answering (signatureKeyTag), for carried signatures
};

std::string newMessageId();

// A whole generateContent response -> an Anthropic message object.
nlohmann::json toAnthropicMessage(const nlohmann::json &geminiResponse, const MessageIdentity &identity);

// Which blocks one message has opened so far.
struct MessageBlocks
{
    int next = 0;         // the next block's index
    int open = -1;        // the open block's index, or -1
    std::string openType; // its type
    bool toolUse = false; // a tool_use was emitted: Gemini's STOP means stop_reason tool_use
};

class MessagesStreamTranslator
{
public:
    explicit MessagesStreamTranslator(MessageIdentity identity);

    // Appends the events one Gemini event makes.
    void onEvent(const nlohmann::json &geminiEvent, std::string &out);
    // Appends the events that end the message.
    void finish(std::string &out);
    // True once Gemini sent its finishReason.
    bool complete() const { return m_finishReason.has_value(); }
    // Set when the answer is broken (a malformed function call...) and must not reach the client.
    const std::optional<std::string> &problem() const { return m_problem; }

private:
    MessageIdentity m_identity;
    MessageBlocks m_blocks;
    std::optional<std::string> m_finishReason;
    std::optional<std::string> m_problem;
    nlohmann::json m_usage = nlohmann::json::object();
    void start(std::string &out);

    bool m_started = false;
    bool m_producedOutput = false;
};

// Anthropic's error body: {"type":"error","error":{"type": ..., "message": ...}}, the type from
// the HTTP status (invalid_request_error, authentication_error, rate_limit_error, ...).
nlohmann::json anthropicError(const ApiError &error);
// The same as a stream's `error` event.
std::string anthropicErrorEvent(const ApiError &error);

} // namespace hydra::translate
