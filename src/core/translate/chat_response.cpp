#include "chat_response.h"

#include "ids.h"

using nlohmann::json;

namespace hydra::translate {
namespace {

// One candidate's parts, sorted into what OpenAI keeps apart.
struct CandidateParts
{
    std::string content;
    std::string reasoning;
    json toolCalls = json::array(); // [{name, arguments(JSON string)}]
    bool hasContent = false;
    bool hasReasoning = false;
};

CandidateParts readParts(const json &candidate)
{
    CandidateParts out;
    const json content = candidate.value("content", json::object());
    const json parts = content.is_object() ? content.value("parts", json::array()) : json::array();
    if (!parts.is_array())
        return out;
    for (const auto &part : parts) {
        if (!part.is_object())
            continue;
        if (const auto call = part.find("functionCall"); call != part.end() && call->is_object()) {
            out.toolCalls.push_back({{"name", call->value("name", "")},
                                     {"arguments", call->value("args", json::object()).dump(-1, ' ', false, json::error_handler_t::replace)}});
        } else if (const auto text = part.find("text"); text != part.end() && text->is_string()) {
            if (part.value("thought", false)) {
                out.reasoning += text->get<std::string>();
                out.hasReasoning = true;
            } else {
                out.content += text->get<std::string>();
                out.hasContent = true;
            }
        }
    }
    return out;
}

int candidateIndex(const json &candidate)
{
    const json index = candidate.value("index", json(0));
    return index.is_number_integer() ? index.get<int>() : 0;
}

json blockedRefusal(const json &response)
{
    const json feedback = response.value("promptFeedback", json::object());
    const std::string reason = feedback.is_object() ? feedback.value("blockReason", "") : "";
    return "The prompt was blocked by Gemini's safety system" + (reason.empty() ? "" : " (blockReason: " + reason + ")") +
           ".";
}

} // namespace

CompletionIdentity newCompletionIdentity(const std::string &model, long long createdUnixSeconds)
{
    return {"chatcmpl-" + randomToken(24), createdUnixSeconds, model};
}

std::string mapFinishReason(const std::string &reason, bool emittedToolCalls)
{
    if (reason == "MAX_TOKENS")
        return "length";
    static const char *const filtered[] = {"SAFETY", "RECITATION", "LANGUAGE", "OTHER", "BLOCKLIST",
                                           "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT",
                                           "NO_IMAGE", "IMAGE_RECITATION", "IMAGE_OTHER"};
    for (const char *name : filtered) {
        if (reason == name)
            return "content_filter";
    }
    return emittedToolCalls ? "tool_calls" : "stop";
}

json mapUsage(const json &usage)
{
    const auto count = [&](const char *field) -> long long {
        const json value = usage.value(field, json(0));
        return value.is_number_integer() ? value.get<long long>() : 0;
    };
    const long long prompt = count("promptTokenCount") ;
    const long long thoughts = count("thoughtsTokenCount");
    const long long completion = count("candidatesTokenCount") + thoughts + count("toolUsePromptTokenCount");
    const long long total = usage.contains("totalTokenCount") ? count("totalTokenCount") : prompt + completion;
    return {{"prompt_tokens", prompt},
            {"completion_tokens", completion},
            {"total_tokens", total},
            {"prompt_tokens_details", {{"cached_tokens", count("cachedContentTokenCount")}}},
            {"completion_tokens_details", {{"reasoning_tokens", thoughts}}}};
}

json toChatCompletion(const json &response, const CompletionIdentity &identity)
{
    json choices = json::array();
    const json candidates = response.value("candidates", json::array());
    if (candidates.is_array()) {
        for (const auto &candidate : candidates) {
            if (!candidate.is_object())
                continue;
            const CandidateParts parts = readParts(candidate);
            json message = {{"role", "assistant"}, {"content", parts.hasContent ? json(parts.content) : json(nullptr)}};
            if (parts.hasReasoning)
                message["reasoning_content"] = parts.reasoning;
            if (!parts.toolCalls.empty()) {
                json calls = json::array();
                for (const auto &call : parts.toolCalls) {
                    calls.push_back({{"id", "call_" + randomToken(24)},
                                     {"type", "function"},
                                     {"function", call}});
                }
                message["tool_calls"] = std::move(calls);
            }
            if (!parts.hasContent && parts.toolCalls.empty())
                message["content"] = "";
            choices.push_back({{"index", candidateIndex(candidate)},
                               {"message", std::move(message)},
                               {"logprobs", nullptr},
                               {"finish_reason", mapFinishReason(candidate.value("finishReason", "STOP"),
                                                                 !parts.toolCalls.empty())}});
        }
    }
    if (choices.empty()) { // a blocked prompt: no candidates, only promptFeedback
        choices.push_back({{"index", 0},
                           {"message", {{"role", "assistant"}, {"content", ""}, {"refusal", blockedRefusal(response)}}},
                           {"logprobs", nullptr},
                           {"finish_reason", "content_filter"}});
    }
    return {{"id", identity.id},
            {"object", "chat.completion"},
            {"created", identity.created},
            {"model", identity.model},
            {"choices", std::move(choices)},
            {"usage", mapUsage(response.value("usageMetadata", json::object()))}};
}

ChatStreamTranslator::ChatStreamTranslator(CompletionIdentity identity, bool includeUsage)
    : m_identity(std::move(identity))
    , m_includeUsage(includeUsage)
{
}

json ChatStreamTranslator::chunk(json choices) const
{
    json out = {{"id", m_identity.id},
                {"object", "chat.completion.chunk"},
                {"created", m_identity.created},
                {"model", m_identity.model},
                {"choices", std::move(choices)}};
    if (m_includeUsage)
        out["usage"] = nullptr;
    return out;
}

std::vector<json> ChatStreamTranslator::onEvent(const json &event)
{
    std::vector<json> out;
    if (!event.is_object())
        return out;
    if (const auto usage = event.find("usageMetadata"); usage != event.end() && usage->is_object())
        m_usage = *usage; // cumulative on every event: the last one is the total

    const json candidates = event.value("candidates", json::array());
    if ((!candidates.is_array() || candidates.empty()) && event.contains("promptFeedback")) {
        ChoiceState &state = m_choices[0];
        json delta = {{"refusal", blockedRefusal(event)}};
        if (!state.roleSent)
            delta["role"] = "assistant";
        state.roleSent = state.finished = true;
        out.push_back(chunk(json::array({{{"index", 0}, {"delta", delta}, {"logprobs", nullptr},
                                           {"finish_reason", "content_filter"}}})));
        return out;
    }
    if (!candidates.is_array())
        return out;
    for (const auto &candidate : candidates) {
        if (!candidate.is_object())
            continue;
        const int index = candidateIndex(candidate);
        ChoiceState &state = m_choices[index];
        const CandidateParts parts = readParts(candidate);

        json delta = json::object();
        if (!state.roleSent) {
            delta["role"] = "assistant";
            delta["content"] = "";
            state.roleSent = true;
        }
        if (parts.hasReasoning)
            delta["reasoning_content"] = parts.reasoning;
        if (parts.hasContent)
            delta["content"] = parts.content;
        if (!parts.toolCalls.empty()) {
            json calls = json::array();
            for (const auto &call : parts.toolCalls) {
                // Gemini sends each call whole; OpenAI clients assemble by index, so the
                // index must count across events or parallel calls would be merged.
                calls.push_back({{"index", state.nextToolIndex++},
                                 {"id", "call_" + randomToken(24)},
                                 {"type", "function"},
                                 {"function", call}});
            }
            delta["tool_calls"] = std::move(calls);
        }
        const json reason = candidate.value("finishReason", json());
        json finish = nullptr;
        if (reason.is_string() && !state.finished) {
            finish = mapFinishReason(reason.get<std::string>(), state.nextToolIndex > 0);
            state.finished = true;
        }
        const bool hasDelta = delta.size() > 0;
        if (!hasDelta && finish.is_null())
            continue;
        out.push_back(chunk(json::array({{{"index", index}, {"delta", std::move(delta)}, {"logprobs", nullptr},
                                           {"finish_reason", std::move(finish)}}})));
    }
    return out;
}

bool ChatStreamTranslator::complete() const
{
    if (m_choices.empty())
        return false;
    for (const auto &[index, state] : m_choices) {
        if (!state.finished)
            return false;
    }
    return true;
}

std::vector<json> ChatStreamTranslator::finish()
{
    std::vector<json> out;
    if (m_includeUsage) {
        json usageChunk = chunk(json::array());
        usageChunk["usage"] = mapUsage(m_usage.is_object() ? m_usage : json::object());
        out.push_back(std::move(usageChunk));
    }
    return out;
}

} // namespace hydra::translate
