#include "messages_request.h"

#include "content_parts.h"
#include "ids.h"
#include "json_depth.h"
#include "signature_carrier.h"
#include "thinking.h"
#include "tools.h"

#include <QByteArray>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>

using nlohmann::json;

namespace hydra::translate {
namespace {

ApiError invalid(const std::string &message, const std::string &param = {})
{
    return ApiError::invalidRequest(message, param.empty() ? std::nullopt : std::optional<std::string>(param));
}

ApiError wrongType(const std::string &param, const char *expected)
{
    return invalid(param + ": expected " + expected + ".", param);
}

const json *find(const json &object, const char *key)
{
    const auto it = object.find(key);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

bool startsWith(const std::string &text, const char *prefix)
{
    return text.rfind(prefix, 0) == 0;
}

// What one request's messages build up while they are read.
struct Conversation
{
    json systemParts = json::array();
    json contents = json::array();
    std::map<std::string, std::string> toolNames; // tool_use id -> function name
    bool signaturesRequired = false;              // Gemini 3 refuses a function call without one
};

// An image or document block's source -> an inlineData part (or a URL placeholder for images).
std::variant<json, ApiError> sourceToPart(const json &block, const std::string &where, bool image)
{
    const json *source = find(block, "source");
    if (!source || !source->is_object())
        return invalid(where + ".source: expected an object.", where + ".source");
    const std::string type = source->value("type", "");
    if (type == "base64") {
        const json *media = find(*source, "media_type");
        const json *data = find(*source, "data");
        if (!media || !media->is_string() || !data || !data->is_string())
            return invalid(where + ".source: a base64 source needs 'media_type' and 'data' strings.", where + ".source");
        return json{{"inlineData", {{"mimeType", *media}, {"data", *data}}}};
    }
    if (type == "url" && image) {
        const json *url = find(*source, "url");
        if (!url || !url->is_string() || !(startsWith(url->get<std::string>(), "https://") ||
                                           startsWith(url->get<std::string>(), "http://")))
            return invalid(where + ".source.url: expected an http(s) URL.", where + ".source.url");
        // Fetched by the relay with its SSRF rules before the request goes out.
        return json{{remoteImageMarker, *url}};
    }
    if (type == "text" && !image) {
        const json *data = find(*source, "data");
        if (!data || !data->is_string())
            return invalid(where + ".source.data: expected a string.", where + ".source.data");
        return json{{"text", *data}};
    }
    return invalid(where + ".source.type: '" + type + "' is not supported here; send the " +
                       (image ? "image" : "document") + " as base64" + (image ? " or an http(s) URL." : "."),
                   where + ".source.type");
}

// A tool_result's content -> the functionResponse's response object, and its images as parts.
std::optional<ApiError> appendToolResult(const json &block, const std::string &where, const Conversation &conversation,
                                         json &parts)
{
    const json *id = find(block, "tool_use_id");
    if (!id || !id->is_string())
        return invalid(where + ".tool_use_id: expected a string.", where + ".tool_use_id");
    std::string name;
    if (const auto known = conversation.toolNames.find(id->get<std::string>()); known != conversation.toolNames.end())
        name = known->second;
    else
        name = functionNameFromToolUseId(id->get<std::string>());
    if (name.empty())
        return invalid(where + ".tool_use_id: no tool_use with this id came before it.", where + ".tool_use_id");

    std::string text;
    json images = json::array();
    if (const json *content = find(block, "content")) {
        if (content->is_string()) {
            text = content->get<std::string>();
        } else if (content->is_array()) {
            for (size_t i = 0; i < content->size(); ++i) {
                const json &item = (*content)[i];
                const std::string itemWhere = where + ".content[" + std::to_string(i) + "]";
                const std::string type = item.is_object() ? item.value("type", "") : "";
                if (type == "text" && item.value("text", json()).is_string()) {
                    text += item["text"].get<std::string>();
                } else if (type == "image" || type == "document") {
                    auto part = sourceToPart(item, itemWhere, type == "image");
                    if (auto *error = std::get_if<ApiError>(&part))
                        return *error;
                    images.push_back(std::move(std::get<json>(part)));
                } else {
                    return invalid(itemWhere + ": a tool_result holds text, image and document blocks.", itemWhere);
                }
            }
        } else {
            return wrongType(where + ".content", "a string or an array of blocks");
        }
    }
    const json *isError = find(block, "is_error");
    json response;
    if (isError && isError->is_boolean() && isError->get<bool>()) {
        response = {{"error", text}};
    } else {
        // A JSON object stays one (Gemini reads it as such); anything else is wrapped.
        json parsed = nestsDeeperThan(text) ? json(json::value_t::discarded) : json::parse(text, nullptr, false);
        response = parsed.is_object() ? std::move(parsed) : json{{"result", text}};
    }
    parts.push_back({{"functionResponse", {{"name", name}, {"response", std::move(response)}}}});
    for (json &image : images)
        parts.push_back(std::move(image));
    return std::nullopt;
}

// One message's content blocks -> Gemini parts.
std::optional<ApiError> appendBlocks(const json &content, const std::string &where, bool assistant,
                                     Conversation &conversation, json &parts)
{
    if (content.is_string()) {
        if (!content.get_ref<const std::string &>().empty())
            parts.push_back({{"text", content}});
        return std::nullopt;
    }
    if (!content.is_array())
        return wrongType(where, "a string or an array of content blocks");
    std::optional<CarriedSignature> pending; // from a thinking block: belongs to the next part
    bool signedACall = false;
    const auto attachSignature = [&](json &part, bool functionCall) {
        if (pending) {
            part["thoughtSignature"] = pending->signature;
            part[carriedKeyTagMarker] = pending->keyTag;
            pending.reset();
        } else if (functionCall && !signedACall && conversation.signaturesRequired) {
            // Gemini signs the first call of a turn; without Hydra's signature (a conversation that
            // began elsewhere), Google's documented sentinel lets Gemini 3 accept it.
            part["thoughtSignature"] = skipSignatureSentinel;
        }
        signedACall = signedACall || functionCall;
    };
    for (size_t i = 0; i < content.size(); ++i) {
        const json &block = content[i];
        const std::string blockWhere = where + "[" + std::to_string(i) + "]";
        if (!block.is_object())
            return wrongType(blockWhere, "an object");
        const std::string type = block.value("type", "");
        if (type == "text") {
            const json *text = find(block, "text");
            if (!text || !text->is_string())
                return invalid(blockWhere + ".text: expected a string.", blockWhere + ".text");
            if (text->get_ref<const std::string &>().empty())
                continue; // Gemini refuses empty text parts
            json part{{"text", *text}};
            if (assistant)
                attachSignature(part, false);
            parts.push_back(std::move(part));
        } else if (type == "image" || type == "document") {
            auto part = sourceToPart(block, blockWhere, type == "image");
            if (auto *error = std::get_if<ApiError>(&part))
                return *error;
            parts.push_back(std::move(std::get<json>(part)));
        } else if (type == "tool_use" && assistant) {
            const json *id = find(block, "id");
            const json *name = find(block, "name");
            const json *input = find(block, "input");
            if (!id || !id->is_string() || !name || !name->is_string())
                return invalid(blockWhere + ": a tool_use needs 'id' and 'name' strings.", blockWhere);
            if (input && !input->is_object())
                return wrongType(blockWhere + ".input", "an object");
            conversation.toolNames[id->get<std::string>()] = name->get<std::string>();
            json part{{"functionCall", {{"name", *name}, {"args", input ? *input : json::object()}}}};
            attachSignature(part, true);
            parts.push_back(std::move(part));
        } else if (type == "tool_result" && !assistant) {
            if (auto error = appendToolResult(block, blockWhere, conversation, parts))
                return error;
        } else if (type == "thinking" && assistant) {
            // The thought itself is not sent back (Gemini keeps its own); its signature is, on the
            // part it was given with. Anthropic's signatures and other gateways' are not Gemini's.
            const json *signature = find(block, "signature");
            if (signature && signature->is_string())
                pending = readCarriedSignature(signature->get_ref<const std::string &>());
        } else if (type == "redacted_thinking" || type == "server_tool_use" || type == "web_search_tool_result") {
            continue; // Anthropic's own server-side content: nothing Gemini can use
        } else {
            return invalid(blockWhere + ".type: '" + type + "' is not a content block a" +
                               (assistant ? "n assistant" : " user") + " message can hold here.",
                           blockWhere + ".type");
        }
    }
    return std::nullopt;
}

std::optional<ApiError> appendSystem(const json &system, const std::string &where, Conversation &conversation)
{
    if (system.is_string()) {
        if (!system.get_ref<const std::string &>().empty())
            conversation.systemParts.push_back({{"text", system}});
        return std::nullopt;
    }
    if (!system.is_array())
        return wrongType(where, "a string or an array of text blocks");
    for (size_t i = 0; i < system.size(); ++i) {
        const json &block = system[i];
        if (!block.is_object() || block.value("type", "") != "text" || !block.value("text", json()).is_string())
            return invalid(where + "[" + std::to_string(i) + "]: system blocks must be text blocks.",
                           where + "[" + std::to_string(i) + "]");
        if (!block["text"].get_ref<const std::string &>().empty()) // cache_control is Anthropic's: ignored
            conversation.systemParts.push_back({{"text", block["text"]}});
    }
    return std::nullopt;
}

std::optional<ApiError> translateMessages(const json &messages, Conversation &conversation)
{
    for (size_t i = 0; i < messages.size(); ++i) {
        const json &message = messages[i];
        const std::string where = "messages[" + std::to_string(i) + "]";
        if (!message.is_object())
            return wrongType(where, "an object");
        const json *role = find(message, "role");
        const json *content = find(message, "content");
        if (!role || !role->is_string())
            return invalid(where + ".role: expected 'user' or 'assistant'.", where + ".role");
        if (!content)
            return invalid(where + ".content: field required.", where + ".content");
        const std::string &roleName = role->get_ref<const std::string &>();
        if (roleName == "system") { // Claude Code sends one; Gemini has no such role
            if (auto error = appendSystem(*content, where + ".content", conversation))
                return error;
            continue;
        }
        if (roleName != "user" && roleName != "assistant")
            return invalid(where + ".role: '" + roleName + "' is not one of 'user', 'assistant'.", where + ".role");
        json parts = json::array();
        if (auto error = appendBlocks(*content, where + ".content", roleName == "assistant", conversation, parts))
            return error;
        appendTurn(conversation.contents, roleName == "assistant" ? "model" : "user", std::move(parts));
    }
    return std::nullopt;
}

// Copies request[from] to config[to]: a number (or an integer) when present.
std::optional<ApiError> copyNumber(const json &request, const char *from, json &config, const char *to,
                                   bool integer = false)
{
    const json *value = find(request, from);
    if (!value)
        return std::nullopt;
    if (integer ? !value->is_number_integer() : !value->is_number())
        return wrongType(from, integer ? "an integer" : "a number");
    config[to] = *value;
    return std::nullopt;
}

// Anthropic's thinking settings as the chat translator's own (reasoning_effort, Google's
// thinking_config), so both faces think alike.
std::variant<json, ApiError> thinkingAsChatRequest(const json &request, const std::string &model)
{
    json chat = json::object();
    const json *thinking = find(request, "thinking");
    bool showThoughts = false;
    if (thinking) {
        if (!thinking->is_object())
            return wrongType("thinking", "an object");
        const std::string type = thinking->value("type", "");
        showThoughts = thinking->value("display", "") != "omitted";
        if (type == "disabled") {
            chat["reasoning_effort"] = "none";
            showThoughts = false;
        } else if (type == "enabled") {
            const json *budget = find(*thinking, "budget_tokens");
            if (!budget || !budget->is_number_integer() || budget->get<std::int64_t>() < 0)
                return invalid("thinking.budget_tokens: expected a whole number of tokens.", "thinking.budget_tokens");
            const std::int64_t tokens = budget->get<std::int64_t>();
            const ThinkingRange range = thinkingRangeFor(model);
            if (range.family == ThinkingFamily::Level3)
                chat["reasoning_effort"] = tokens <= 1024 ? "low" : tokens <= 8192 ? "medium" : "high";
            else if (range.family == ThinkingFamily::Budget25)
                chat["google"]["thinking_config"]["thinking_budget"] =
                    std::clamp<std::int64_t>(tokens, range.minBudget, range.maxBudget);
        } else if (type == "adaptive") {
            const json *config = find(request, "output_config");
            const json *effort = config && config->is_object() ? find(*config, "effort") : nullptr;
            std::string value = effort && effort->is_string() ? effort->get<std::string>() : "high";
            if (value == "max")
                value = "high";
            if (value != "low" && value != "medium" && value != "high")
                return invalid("output_config.effort: expected one of low, medium, high, max.", "output_config.effort");
            chat["reasoning_effort"] = value;
        } else {
            return invalid("thinking.type: expected one of enabled, adaptive, disabled.", "thinking.type");
        }
    }
    // Thoughts travel as thinking blocks only when the client asked to see them.
    chat["google"]["thinking_config"]["include_thoughts"] = showThoughts;
    return chat;
}

std::optional<ApiError> translateGenerationConfig(const json &request, const std::string &model, json &body)
{
    json config = json::object();
    if (const json *maxTokens = find(request, "max_tokens")) {
        if (!maxTokens->is_number_integer() || maxTokens->get<std::int64_t>() < 1 ||
            maxTokens->get<std::int64_t>() > maxOutputTokenLimit)
            return invalid("max_tokens: expected a whole number from 1 to " + std::to_string(maxOutputTokenLimit) + ".",
                           "max_tokens");
        config["maxOutputTokens"] = *maxTokens;
    }
    if (auto error = copyNumber(request, "temperature", config, "temperature"))
        return error;
    if (auto error = copyNumber(request, "top_p", config, "topP"))
        return error;
    if (auto error = copyNumber(request, "top_k", config, "topK", true))
        return error;
    if (const json *stops = find(request, "stop_sequences")) {
        if (!stops->is_array() || std::any_of(stops->begin(), stops->end(), [](const json &s) { return !s.is_string(); }))
            return wrongType("stop_sequences", "an array of strings");
        if (!stops->empty())
            config["stopSequences"] = *stops;
    }
    auto thinking = thinkingAsChatRequest(request, model);
    if (auto *error = std::get_if<ApiError>(&thinking))
        return *error;
    if (auto error = applyThinking(std::get<json>(thinking), model, config))
        return error;
    if (!config.empty())
        body["generationConfig"] = std::move(config);
    return std::nullopt;
}

// Anthropic's tools and tool_choice as the chat translator's own, so schemas are cleaned alike.
std::variant<json, ApiError> toolsAsChatRequest(const json &request)
{
    json chat = json::object();
    if (const json *tools = find(request, "tools")) {
        if (!tools->is_array())
            return wrongType("tools", "an array");
        json converted = json::array();
        for (size_t i = 0; i < tools->size(); ++i) {
            const json &tool = (*tools)[i];
            const std::string where = "tools[" + std::to_string(i) + "]";
            if (!tool.is_object())
                return wrongType(where, "an object");
            const std::string type = tool.value("type", "custom");
            if (startsWith(type, "web_search")) {
                converted.push_back({{"type", "web_search"}}); // Google Search grounding
                continue;
            }
            if (type != "custom")
                return invalid(where + ".type: Anthropic's '" + type + "' tool does not exist on Gemini; describe it "
                                   "as a custom tool with an input_schema.",
                               where + ".type");
            json function{{"name", tool.value("name", json())}};
            if (const json *description = find(tool, "description"))
                function["description"] = *description;
            function["parameters"] = tool.contains("input_schema") ? tool["input_schema"] : json::object();
            converted.push_back({{"type", "function"}, {"function", std::move(function)}});
        }
        chat["tools"] = std::move(converted);
    }
    if (const json *choice = find(request, "tool_choice")) {
        const std::string type = choice->is_object() ? choice->value("type", "") : "";
        if (type == "auto")
            chat["tool_choice"] = "auto";
        else if (type == "any")
            chat["tool_choice"] = "required";
        else if (type == "none")
            chat["tool_choice"] = "none";
        else if (type == "tool" && choice->value("name", json()).is_string())
            chat["tool_choice"] = {{"type", "function"}, {"function", {{"name", (*choice)["name"]}}}};
        else
            return invalid("tool_choice: expected {\"type\": \"auto\" | \"any\" | \"none\"} or "
                           "{\"type\": \"tool\", \"name\": ...}.",
                           "tool_choice");
    }
    return chat;
}

std::variant<ChatRequest, ApiError> translateChecked(const json &request, const MessagesOptions &options)
{
    if (!request.is_object())
        return invalid("The request body must be a JSON object.");
    ChatRequest out;
    const json *model = find(request, "model");
    if (!model || !model->is_string())
        return invalid("model: field required (a string).", "model");
    out.requestedModel = model->get<std::string>();
    auto name = normaliseModelName(json(geminiModelFor(out.requestedModel, options.claudeModels)));
    if (auto *error = std::get_if<ApiError>(&name))
        return *error;
    out.model = std::get<std::string>(name);

    const json *messages = find(request, "messages");
    if (!messages || !messages->is_array() || messages->empty())
        return invalid("messages: expected a non-empty array.", "messages");
    if (const json *stream = find(request, "stream")) {
        if (!stream->is_boolean())
            return wrongType("stream", "a boolean");
        out.stream = stream->get<bool>();
    }

    Conversation conversation;
    conversation.signaturesRequired = thinkingRangeFor(out.model).family == ThinkingFamily::Level3;
    if (const json *system = find(request, "system")) {
        if (auto error = appendSystem(*system, "system", conversation))
            return *error;
    }
    if (auto error = translateMessages(*messages, conversation))
        return *error;
    if (conversation.contents.empty())
        return invalid("messages: at least one user or assistant message with content is required.", "messages");

    json body = json::object();
    if (!conversation.systemParts.empty())
        body["systemInstruction"] = {{"parts", std::move(conversation.systemParts)}};
    body["contents"] = std::move(conversation.contents);
    if (auto error = translateGenerationConfig(request, out.model, body))
        return *error;
    auto tools = toolsAsChatRequest(request);
    if (auto *error = std::get_if<ApiError>(&tools))
        return *error;
    if (auto error = translateTools(std::get<json>(tools), out.model, body))
        return *error;
    if (!options.translate.safetySettings.empty())
        body["safetySettings"] = options.translate.safetySettings;
    out.geminiBody = std::move(body);
    collectPlaceholders(out);
    return out;
}

} // namespace

std::string geminiModelFor(const std::string &requested, const ClaudeModelMap &map)
{
    if (!startsWith(requested, "claude"))
        return requested;
    if (requested.find("opus") != std::string::npos)
        return map.opus;
    if (requested.find("haiku") != std::string::npos)
        return map.haiku;
    return map.sonnet; // sonnet, and any other Claude name
}

std::optional<std::string> setClaudeModel(ClaudeModelMap &map, const std::string &setting)
{
    const std::size_t equals = setting.find('=');
    const std::string family = setting.substr(0, equals);
    std::string *target = family == "opus" ? &map.opus : family == "sonnet" ? &map.sonnet : family == "haiku" ? &map.haiku
                                                                                                                : nullptr;
    if (equals == std::string::npos || !target)
        return "expected opus=MODEL, sonnet=MODEL or haiku=MODEL, not '" + setting + "'";
    const auto model = normaliseModelName(json(setting.substr(equals + 1)));
    if (std::holds_alternative<ApiError>(model))
        return "'" + setting.substr(equals + 1) + "' is not a model name";
    *target = std::get<std::string>(model);
    return std::nullopt;
}

std::variant<ChatRequest, ApiError> translateMessagesRequest(const json &request, const MessagesOptions &options)
{
    // A field of an unexpected type read with json::value is the client's mistake, never a crash.
    try {
        return translateChecked(request, options);
    } catch (const json::exception &error) {
        return invalid(std::string("Invalid request: ") + error.what());
    }
}

json countTokensBody(const ChatRequest &request)
{
    json inner = {{"model", "models/" + request.model}};
    for (const char *field : {"contents", "systemInstruction", "tools", "toolConfig"}) {
        if (const auto it = request.geminiBody.find(field); it != request.geminiBody.end())
            inner[field] = *it;
    }
    for (const auto &[where, url] : request.remoteImages)
        inner[where] = {{"text", url}};
    for (const CarriedSignatureRef &carried : request.carriedSignatures)
        inner[carried.part].erase("thoughtSignature"); // counted, not validated: no key to match
    return {{"generateContentRequest", std::move(inner)}};
}

std::optional<json> inputTokensAnswer(const json &response)
{
    const json *total = response.is_object() ? find(response, "totalTokens") : nullptr;
    if (!total || !total->is_number_integer())
        return std::nullopt;
    return json{{"input_tokens", *total}};
}

std::string newToolUseId(const std::string &functionName)
{
    // The name rides in the id (hex: ids allow only [A-Za-z0-9_-]), so a tool_result whose
    // tool_use a client dropped from its history still finds its function.
    return "toolu_h" + QByteArray::fromStdString(functionName).toHex().toStdString() + "_" + randomToken(16);
}

std::string functionNameFromToolUseId(const std::string &id)
{
    if (!startsWith(id, "toolu_h"))
        return {};
    const std::size_t end = id.rfind('_');
    if (end == std::string::npos || end <= 7)
        return {};
    const std::string hex = id.substr(7, end - 7);
    if (hex.size() % 2 != 0 || hex.size() > 256 || hex.find_first_not_of("0123456789abcdef") != std::string::npos)
        return {};
    // Only what a function name can be: the id is the client's to alter, and any bytes would
    // otherwise reach Gemini as a name.
    const std::string name = QByteArray::fromHex(QByteArray::fromStdString(hex)).toStdString();
    if (name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-") != std::string::npos)
        return {};
    return name;
}

} // namespace hydra::translate
