#pragma once
// Gemini generateContent responses -> OpenAI chat.completion objects and
// chat.completion.chunk events. Pure: no I/O.

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hydra::translate {

// What stays the same across every chunk of one answer.
struct CompletionIdentity
{
    std::string id;        // "chatcmpl-..."
    long long created = 0; // unix seconds
    std::string model;     // the model name the client asked for
};

CompletionIdentity newCompletionIdentity(const std::string &model, long long createdUnixSeconds);

// A functionCall's thought signature: Gemini 3 wants it back with the call in later turns,
// and OpenAI clients cannot carry it, so the gateway keeps it under the tool call's id.
struct ToolCallSignature
{
    std::string toolCallId;
    std::string signature;
};
using SignatureSink = std::function<void(const ToolCallSignature &)>;

// Why a 200 answer is useless to the client (a malformed function call, no candidates,
// nothing at all), or nothing when it is a real answer. Blocked prompts are real answers.
std::optional<std::string> unusableAnswer(const nlohmann::json &geminiResponse);

// What is wrong with a candidate whose finishReason says its output is broken (a malformed
// function call, ...), or nothing.
std::optional<std::string> brokenFinishProblem(const nlohmann::json &candidate);
// What the client is told about a prompt Gemini's safety system blocked (no candidates).
std::string blockedPromptMessage(const nlohmann::json &geminiResponse);

// Gemini finishReason -> OpenAI finish_reason; a STOP after a function call is "tool_calls".
std::string mapFinishReason(const std::string &geminiReason, bool emittedToolCalls);

// usageMetadata -> OpenAI usage (thoughts count as completion tokens, as OpenAI bills reasoning).
nlohmann::json mapUsage(const nlohmann::json &usageMetadata);

// A whole generateContent response -> chat.completion.
nlohmann::json toChatCompletion(const nlohmann::json &geminiResponse, const CompletionIdentity &identity,
                                const SignatureSink &signatures = {});

// Turns the events of one streamGenerateContent answer into chat.completion.chunk
// objects. Stateful: it numbers tool calls across events, sends the role once per
// choice, and remembers the cumulative usage for the final usage chunk.
class ChatStreamTranslator
{
public:
    ChatStreamTranslator(CompletionIdentity identity, bool includeUsage, SignatureSink signatures = {});

    std::vector<nlohmann::json> onEvent(const nlohmann::json &geminiEvent);
    // The chunks that close the answer (the usage chunk when asked for).
    std::vector<nlohmann::json> finish();
    // True once every choice has received its finish_reason.
    bool complete() const;
    // Set when the answer ended in a way that must reach the client as an error
    // (malformed function call, an empty answer) instead of a finish_reason.
    const std::optional<std::string> &problem() const { return m_problem; }

private:
    struct ChoiceState
    {
        bool roleSent = false;
        bool finished = false;
        int nextToolIndex = 0;
        bool producedOutput = false;
    };

    nlohmann::json chunk(nlohmann::json choices) const;

    CompletionIdentity m_identity;
    bool m_includeUsage;
    SignatureSink m_signatures;
    nlohmann::json m_usage;
    std::map<int, ChoiceState> m_choices;
    std::optional<std::string> m_problem;
};

} // namespace hydra::translate
