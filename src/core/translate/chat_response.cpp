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
    json toolCalls = json::array(); // OpenAI tool_calls entries: {id, type, function:{name, arguments}}
    bool hasContent = false;
    bool hasReasoning = false;
};

std::string stringOr(const json &object, const char *key, std::string fallback = {})
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}

CandidateParts readParts(const json &candidate, const SignatureSink &signatures)
{
    CandidateParts out;
    const auto content = candidate.find("content");
    if (content == candidate.end() || !content->is_object())
        return out;
    const auto parts = content->find("parts");
    if (parts == content->end() || !parts->is_array())
        return out;
    for (const auto &part : *parts) {
        if (!part.is_object())
            continue;
        if (const auto call = part.find("functionCall"); call != part.end() && call->is_object()) {
            const auto args = call->find("args");
            // Our own id even when Gemini 3 sends one: the history goes back without ids
            // (Gemini pairs calls and results by position), so only uniqueness matters.
            const std::string id = "call_" + randomToken(24);
            const std::string signature = stringOr(part, "thoughtSignature");
            if (!signature.empty() && signatures)
                signatures({id, signature});
            out.toolCalls.push_back(
                {{"id", id},
                 {"type", "function"},
                 {"function",
                  {{"name", stringOr(*call, "name")},
                   {"arguments", args != call->end() ? args->dump(-1, ' ', false, json::error_handler_t::replace)
                                                     : std::string("{}")}}}});
        } else if (const auto text = part.find("text"); text != part.end() && text->is_string()) {
            const auto thought = part.find("thought");
            if (thought != part.end() && *thought == true) {
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

// groundingMetadata (search grounding) -> OpenAI url_citation annotations.
json annotationsFrom(const json &candidate)
{
    json annotations = json::array();
    const auto metadata = candidate.find("groundingMetadata");
    if (metadata == candidate.end() || !metadata->is_object())
        return annotations;
    const auto chunks = metadata->find("groundingChunks");
    const auto supports = metadata->find("groundingSupports");
    if (chunks == metadata->end() || !chunks->is_array() || supports == metadata->end() || !supports->is_array())
        return annotations;
    for (const auto &support : *supports) {
        if (!support.is_object() || !support.contains("segment") || !support["segment"].is_object() ||
            !support.contains("groundingChunkIndices") || !support["groundingChunkIndices"].is_array())
            continue;
        const json &segment = support["segment"];
        const json start = segment.contains("startIndex") ? segment["startIndex"] : json(0);
        const json end = segment.contains("endIndex") ? segment["endIndex"] : json(0);
        for (const auto &index : support["groundingChunkIndices"]) {
            if (!index.is_number_unsigned() || index.get<std::size_t>() >= chunks->size())
                continue;
            const json &chunk = (*chunks)[index.get<std::size_t>()];
            if (!chunk.is_object() || !chunk.contains("web") || !chunk["web"].is_object())
                continue;
            annotations.push_back({{"type", "url_citation"},
                                   {"url_citation",
                                    {{"start_index", start.is_number_integer() ? start : json(0)},
                                     {"end_index", end.is_number_integer() ? end : json(0)},
                                     {"url", stringOr(chunk["web"], "uri")},
                                     {"title", stringOr(chunk["web"], "title")}}}});
        }
    }
    return annotations;
}

// finishReasons that mean the model's output is broken, not finished.
bool brokenFinish(const std::string &reason)
{
    static const char *const broken[] = {"MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL", "TOO_MANY_TOOL_CALLS",
                                         "MALFORMED_RESPONSE", "MISSING_THOUGHT_SIGNATURE"};
    for (const char *name : broken) {
        if (reason == name)
            return true;
    }
    return false;
}

std::string brokenFinishMessage(const json &candidate)
{
    const std::string reason = stringOr(candidate, "finishReason");
    const std::string message = stringOr(candidate, "finishMessage");
    return "Gemini ended the answer with " + reason + (message.empty() ? "" : " (" + message + ")") + ".";
}

int candidateIndex(const json &candidate)
{
    const auto index = candidate.find("index");
    return index != candidate.end() && index->is_number_integer() ? index->get<int>() : 0;
}

json blockedRefusal(const json &response)
{
    const auto feedback = response.find("promptFeedback");
    const std::string reason =
        feedback != response.end() && feedback->is_object() ? stringOr(*feedback, "blockReason") : "";
    return "The prompt was blocked by Gemini's safety system" + (reason.empty() ? "" : " (blockReason: " + reason + ")") +
           ".";
}

} // namespace

std::optional<std::string> brokenFinishProblem(const json &candidate)
{
    if (!candidate.is_object() || !brokenFinish(stringOr(candidate, "finishReason")))
        return std::nullopt;
    return brokenFinishMessage(candidate);
}

std::string blockedPromptMessage(const json &response)
{
    return blockedRefusal(response).get<std::string>();
}

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

std::optional<std::string> unusableAnswer(const json &response)
{
    const auto candidates = response.find("candidates");
    if (candidates == response.end() || !candidates->is_array() || candidates->empty()) {
        if (response.contains("promptFeedback"))
            return std::nullopt; // a blocked prompt: answered as content_filter
        return "Gemini returned no candidates.";
    }
    for (const auto &candidate : *candidates) {
        if (!candidate.is_object())
            continue;
        if (brokenFinish(stringOr(candidate, "finishReason")))
            return brokenFinishMessage(candidate);
        const CandidateParts parts = readParts(candidate, {});
        // An empty text part counts as nothing: Gemini sometimes ends a turn that way.
        if (!parts.content.empty() || !parts.reasoning.empty() || !parts.toolCalls.empty() ||
            stringOr(candidate, "finishReason") != "STOP")
            return std::nullopt;
    }
    return "Gemini returned an empty answer.";
}

json toChatCompletion(const json &response, const CompletionIdentity &identity, const SignatureSink &signatures)
{
    json choices = json::array();
    const auto candidates = response.find("candidates");
    if (candidates != response.end() && candidates->is_array()) {
        for (const auto &candidate : *candidates) {
            if (!candidate.is_object())
                continue;
            CandidateParts parts = readParts(candidate, signatures);
            json message = {{"role", "assistant"}, {"content", parts.hasContent ? json(parts.content) : json(nullptr)}};
            if (parts.hasReasoning)
                message["reasoning_content"] = parts.reasoning;
            const bool calls = !parts.toolCalls.empty();
            if (calls)
                message["tool_calls"] = std::move(parts.toolCalls);
            else if (!parts.hasContent)
                message["content"] = "";
            if (json annotations = annotationsFrom(candidate); !annotations.empty())
                message["annotations"] = std::move(annotations);
            choices.push_back({{"index", candidateIndex(candidate)},
                               {"message", std::move(message)},
                               {"logprobs", nullptr},
                               {"finish_reason", mapFinishReason(stringOr(candidate, "finishReason", "STOP"), calls)}});
        }
    }
    if (choices.empty()) { // a blocked prompt: no candidates, only promptFeedback
        choices.push_back({{"index", 0},
                           {"message", {{"role", "assistant"}, {"content", ""}, {"refusal", blockedRefusal(response)}}},
                           {"logprobs", nullptr},
                           {"finish_reason", "content_filter"}});
    }
    const auto usage = response.find("usageMetadata");
    return {{"id", identity.id},
            {"object", "chat.completion"},
            {"created", identity.created},
            {"model", identity.model},
            {"choices", std::move(choices)},
            {"usage", mapUsage(usage != response.end() && usage->is_object() ? *usage : json::object())}};
}

ChatStreamTranslator::ChatStreamTranslator(CompletionIdentity identity, bool includeUsage, SignatureSink signatures)
    : m_identity(std::move(identity))
    , m_includeUsage(includeUsage)
    , m_signatures(std::move(signatures))
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

    const auto candidates = event.find("candidates");
    const bool noCandidates = candidates == event.end() || !candidates->is_array() || candidates->empty();
    if (noCandidates && event.contains("promptFeedback")) {
        ChoiceState &state = m_choices[0];
        if (state.finished)
            return out; // the choice has its finish_reason already: one is all a client may get
        json delta = {{"refusal", blockedRefusal(event)}};
        if (!state.roleSent)
            delta["role"] = "assistant";
        state.roleSent = state.finished = state.producedOutput = true;
        out.push_back(chunk(json::array({{{"index", 0}, {"delta", delta}, {"logprobs", nullptr},
                                           {"finish_reason", "content_filter"}}})));
        return out;
    }
    if (noCandidates)
        return out;
    for (const auto &candidate : *candidates) {
        if (!candidate.is_object())
            continue;
        const int index = candidateIndex(candidate);
        ChoiceState &state = m_choices[index];
        CandidateParts parts = readParts(candidate, m_signatures);

        json delta = json::object();
        if (parts.hasReasoning)
            delta["reasoning_content"] = parts.reasoning;
        if (!parts.content.empty())
            delta["content"] = parts.content;
        if (!parts.toolCalls.empty()) {
            // Gemini sends each call whole; OpenAI clients assemble by index, so the
            // index must count across events or parallel calls would be merged.
            for (auto &call : parts.toolCalls)
                call["index"] = state.nextToolIndex++;
            delta["tool_calls"] = std::move(parts.toolCalls);
        }
        if (json annotations = annotationsFrom(candidate); !annotations.empty())
            delta["annotations"] = std::move(annotations);
        state.producedOutput = state.producedOutput || !parts.content.empty() || !parts.reasoning.empty() ||
                               delta.contains("tool_calls");

        json finish = nullptr;
        const std::string reason = stringOr(candidate, "finishReason");
        if (!reason.empty() && !state.finished) {
            state.finished = true;
            if (brokenFinish(reason))
                m_problem = brokenFinishMessage(candidate);
            else if (!state.producedOutput && reason == "STOP")
                m_problem = "Gemini returned an empty answer.";
            else
                finish = mapFinishReason(reason, state.nextToolIndex > 0);
        }
        // The role goes with the first chunk that says something. An event with nothing but an
        // empty text part must not open the client's stream: an empty or broken answer after it
        // could then no longer be retried on another key.
        if (!state.roleSent && (!delta.empty() || !finish.is_null())) {
            delta["role"] = "assistant";
            if (!delta.contains("content"))
                delta["content"] = "";
            state.roleSent = true;
        }
        if (!delta.empty())
            out.push_back(chunk(json::array({{{"index", index}, {"delta", std::move(delta)}, {"logprobs", nullptr},
                                               {"finish_reason", nullptr}}})));
        // The finish_reason travels in a chunk of its own with an empty delta, as OpenAI sends
        // it: the openai SDK closes a tool call's arguments only when a later chunk arrives.
        if (!finish.is_null())
            out.push_back(chunk(json::array({{{"index", index}, {"delta", json::object()}, {"logprobs", nullptr},
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
