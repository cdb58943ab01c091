#include "messages_response.h"

#include "chat_response.h"
#include "ids.h"
#include "messages_request.h"
#include "signature_carrier.h"

using nlohmann::json;

namespace hydra::translate {
namespace {

std::string stringOr(const json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

long long countOf(const json &usage, const char *field)
{
    const auto it = usage.find(field);
    return it != usage.end() && it->is_number_integer() ? it->get<long long>() : 0;
}

// Gemini's usageMetadata as Anthropic counts it: cached tokens are reported apart from the
// input, and thoughts are output.
json anthropicUsage(const json &usage)
{
    const long long cached = countOf(usage, "cachedContentTokenCount");
    return {{"input_tokens", std::max(0LL, countOf(usage, "promptTokenCount") - cached)},
            {"cache_creation_input_tokens", 0},
            {"cache_read_input_tokens", cached},
            {"output_tokens", countOf(usage, "candidatesTokenCount") + countOf(usage, "thoughtsTokenCount")}};
}

std::string stopReasonFor(const std::string &finishReason, bool toolUse)
{
    if (finishReason == "MAX_TOKENS")
        return "max_tokens";
    if (mapFinishReason(finishReason, false) == "content_filter")
        return "refusal";
    return toolUse ? "tool_use" : "end_turn";
}

const json *firstCandidate(const json &response)
{
    const auto candidates = response.find("candidates");
    if (candidates == response.end() || !candidates->is_array())
        return nullptr;
    for (const json &candidate : *candidates) {
        const auto index = candidate.is_object() ? candidate.find("index") : candidate.end();
        if (candidate.is_object() && (index == candidate.end() || *index == 0))
            return &candidate; // Anthropic has one answer per request: the first candidate is it
    }
    return nullptr;
}

// Where the blocks go: a stream's events, or a whole message's content array.
class BlockSink
{
public:
    virtual ~BlockSink() = default;
    virtual void start(int index, json block) = 0;
    virtual void delta(int index, json delta) = 0;
    virtual void stop(int index) = 0;
};

// Turns one candidate's parts into blocks, continuing what earlier events opened.
class BlockWriter
{
public:
    BlockWriter(MessageBlocks &blocks, BlockSink &sink, const std::string &keyTag)
        : m_blocks(blocks)
        , m_sink(sink)
        , m_keyTag(keyTag)
    {
    }

    // Returns whether any part carried output.
    bool write(const json &candidate)
    {
        const auto content = candidate.find("content");
        if (content == candidate.end() || !content->is_object() || !content->contains("parts") ||
            !(*content)["parts"].is_array())
            return false;
        bool output = false;
        for (const json &part : (*content)["parts"]) {
            if (part.is_object())
                output = writePart(part) || output;
        }
        return output;
    }

    void close()
    {
        if (m_blocks.open < 0)
            return;
        m_sink.stop(m_blocks.open);
        m_blocks.open = -1;
        m_blocks.openType.clear();
    }

private:
    bool writePart(const json &part)
    {
        const std::string signature = stringOr(part, "thoughtSignature");
        if (const auto call = part.find("functionCall"); call != part.end() && call->is_object()) {
            if (!signature.empty())
                writeSignature(signature); // before the call, where the client gives it back from
            const std::string name = stringOr(*call, "name");
            open("tool_use", {{"type", "tool_use"}, {"id", newToolUseId(name)}, {"name", name}, {"input", json::object()}});
            const auto args = call->find("args");
            m_sink.delta(m_blocks.open,
                         {{"type", "input_json_delta"},
                          {"partial_json", args != call->end() && args->is_object()
                                               ? args->dump(-1, ' ', false, json::error_handler_t::replace)
                                               : std::string("{}")}});
            close();
            m_blocks.toolUse = true;
            return true;
        }
        const auto text = part.find("text");
        if (text == part.end() || !text->is_string())
            return false;
        const std::string &value = text->get_ref<const std::string &>();
        if (part.value("thought", false) == true) {
            if (m_blocks.openType != "thinking")
                open("thinking", {{"type", "thinking"}, {"thinking", ""}, {"signature", ""}});
            if (!value.empty())
                m_sink.delta(m_blocks.open, {{"type", "thinking_delta"}, {"thinking", value}});
            if (!signature.empty())
                writeSignature(signature);
            return !value.empty();
        }
        // A signature on text is optional for Gemini to get back; it rides on thought text shown
        // to the client, and is dropped otherwise (a block after the text could not carry it back).
        if (!signature.empty() && m_blocks.openType == "thinking")
            writeSignature(signature);
        if (value.empty())
            return false;
        if (m_blocks.openType != "text")
            open("text", {{"type", "text"}, {"text", ""}});
        m_sink.delta(m_blocks.open, {{"type", "text_delta"}, {"text", value}});
        return true;
    }

    // The signature ends the open thinking block, or a thinking block of its own.
    void writeSignature(const std::string &signature)
    {
        if (m_blocks.openType != "thinking")
            open("thinking", {{"type", "thinking"}, {"thinking", ""}, {"signature", ""}});
        m_sink.delta(m_blocks.open, {{"type", "signature_delta"}, {"signature", carrySignature(m_keyTag, signature)}});
        close();
    }

    void open(const char *type, json block)
    {
        close();
        m_blocks.open = m_blocks.next++;
        m_blocks.openType = type;
        m_sink.start(m_blocks.open, std::move(block));
    }

    MessageBlocks &m_blocks;
    BlockSink &m_sink;
    const std::string &m_keyTag;
};

// Builds a whole message's content array from the block operations.
class ContentSink final : public BlockSink
{
public:
    json content = json::array();

    void start(int, json block) override { content.push_back(std::move(block)); }
    void delta(int index, json delta) override
    {
        json &block = content[static_cast<std::size_t>(index)];
        const std::string type = delta.value("type", "");
        if (type == "text_delta")
            block["text"] = block["text"].get<std::string>() + delta["text"].get<std::string>();
        else if (type == "thinking_delta")
            block["thinking"] = block["thinking"].get<std::string>() + delta["thinking"].get<std::string>();
        else if (type == "signature_delta")
            block["signature"] = delta["signature"];
        else if (type == "input_json_delta")
            block["input"] = json::parse(delta["partial_json"].get<std::string>(), nullptr, false);
    }
    void stop(int) override {}
};

void appendEvent(const char *type, const json &data, std::string &out)
{
    out += "event: ";
    out += type;
    out += "\ndata: ";
    out += data.dump(-1, ' ', false, json::error_handler_t::replace);
    out += "\n\n";
}

// Writes the block operations as stream events.
class EventSink final : public BlockSink
{
public:
    explicit EventSink(std::string &out)
        : m_out(out)
    {
    }

    void start(int index, json block) override
    {
        appendEvent("content_block_start", {{"type", "content_block_start"}, {"index", index}, {"content_block", std::move(block)}},
                    m_out);
    }
    void delta(int index, json delta) override
    {
        appendEvent("content_block_delta", {{"type", "content_block_delta"}, {"index", index}, {"delta", std::move(delta)}},
                    m_out);
    }
    void stop(int index) override
    {
        appendEvent("content_block_stop", {{"type", "content_block_stop"}, {"index", index}}, m_out);
    }

private:
    std::string &m_out;
};

const char *errorTypeFor(int status)
{
    switch (status) {
    case 400: return "invalid_request_error";
    case 401: return "authentication_error";
    case 403: return "permission_error";
    case 404: return "not_found_error";
    case 413: return "request_too_large";
    case 429: return "rate_limit_error";
    case 503:
    case 529: return "overloaded_error";
    default: return status >= 400 && status < 500 ? "invalid_request_error" : "api_error";
    }
}

} // namespace

std::string newMessageId()
{
    return "msg_" + randomToken(24);
}

json toAnthropicMessage(const json &response, const MessageIdentity &identity)
{
    MessageBlocks blocks;
    ContentSink sink;
    BlockWriter writer(blocks, sink, identity.keyTag);
    const json *candidate = firstCandidate(response);
    std::string stopReason;
    if (candidate) {
        writer.write(*candidate);
        writer.close();
        stopReason = stopReasonFor(stringOr(*candidate, "finishReason"), blocks.toolUse);
    } else { // a blocked prompt: no candidates, only promptFeedback
        sink.content.push_back({{"type", "text"}, {"text", blockedPromptMessage(response)}});
        stopReason = "refusal";
    }
    const auto usage = response.find("usageMetadata");
    return {{"id", identity.id},
            {"type", "message"},
            {"role", "assistant"},
            {"model", identity.model},
            {"content", std::move(sink.content)},
            {"stop_reason", stopReason},
            {"stop_sequence", nullptr},
            {"usage", anthropicUsage(usage != response.end() && usage->is_object() ? *usage : json::object())}};
}

MessagesStreamTranslator::MessagesStreamTranslator(MessageIdentity identity)
    : m_identity(std::move(identity))
{
}

void MessagesStreamTranslator::start(std::string &out)
{
    if (m_started)
        return;
    m_started = true;
    json usage = anthropicUsage(m_usage);
    usage["output_tokens"] = 0;
    appendEvent("message_start",
                {{"type", "message_start"},
                 {"message",
                  {{"id", m_identity.id},
                   {"type", "message"},
                   {"role", "assistant"},
                   {"model", m_identity.model},
                   {"content", json::array()},
                   {"stop_reason", nullptr},
                   {"stop_sequence", nullptr},
                   {"usage", std::move(usage)}}}},
                out);
}

void MessagesStreamTranslator::onEvent(const json &event, std::string &out)
{
    if (!event.is_object())
        return;
    if (const auto usage = event.find("usageMetadata"); usage != event.end() && usage->is_object())
        m_usage = *usage;
    start(out);
    EventSink sink(out);
    BlockWriter writer(m_blocks, sink, m_identity.keyTag);
    const json *candidate = firstCandidate(event);
    if (!candidate) {
        if (event.contains("promptFeedback") && !m_finishReason) { // the prompt was blocked
            json blocked = json::object();
            blocked["content"]["parts"] = json::array({json{{"text", blockedPromptMessage(event)}}});
            writer.write(blocked);
            m_finishReason = "SAFETY";
        }
        return;
    }
    m_producedOutput = writer.write(*candidate) || m_producedOutput;
    if (const std::string reason = stringOr(*candidate, "finishReason"); !reason.empty()) {
        m_finishReason = reason;
        if (auto broken = brokenFinishProblem(*candidate))
            m_problem = broken;
        else if (!m_producedOutput && reason == "STOP")
            m_problem = "Gemini returned an empty answer.";
    }
}

void MessagesStreamTranslator::finish(std::string &out)
{
    start(out); // a message always opens before it ends
    EventSink sink(out);
    BlockWriter writer(m_blocks, sink, m_identity.keyTag);
    writer.close();
    const json usage = anthropicUsage(m_usage);
    appendEvent("message_delta",
                {{"type", "message_delta"},
                 {"delta", {{"stop_reason", stopReasonFor(m_finishReason.value_or("STOP"), m_blocks.toolUse)},
                            {"stop_sequence", nullptr}}},
                 {"usage", usage}},
                out);
    appendEvent("message_stop", {{"type", "message_stop"}}, out);
}

json anthropicError(const ApiError &error)
{
    return {{"type", "error"}, {"error", {{"type", errorTypeFor(error.httpStatus)}, {"message", error.message}}}};
}

std::string anthropicErrorEvent(const ApiError &error)
{
    std::string out;
    appendEvent("error", anthropicError(error), out);
    return out;
}

} // namespace hydra::translate
