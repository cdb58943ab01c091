#include "chat_request.h"

#include "content_parts.h"
#include "thinking.h"
#include "tools.h"

#include <algorithm>
#include <cstdint>
#include <optional>

using nlohmann::json;

namespace hydra::translate {
namespace {

ApiError wrongType(const std::string &param, const char *expected)
{
    return ApiError::invalidRequest("Invalid type for '" + param + "': expected " + expected + ".", param,
                                    "invalid_type");
}

std::optional<ApiError> translateMessages(const json &messages, json &body, ToolCallHistory &history)
{
    json systemParts = json::array();
    json contents = json::array();
    std::vector<std::string> lastCallIds; // the latest assistant turn's tool calls, in order
    for (size_t i = 0; i < messages.size(); ++i) {
        const json &message = messages[i];
        const std::string where = "messages[" + std::to_string(i) + "]";
        if (!message.is_object())
            return wrongType(where, "an object");
        const auto role = message.find("role");
        if (role == message.end() || !role->is_string())
            return ApiError::invalidRequest("Missing required parameter: '" + where + ".role'.", where + ".role",
                                            "missing_required_parameter");
        const auto content = message.find("content");
        const json noContent;
        const json &messageContent = content == message.end() ? noContent : *content;

        auto parts = contentToParts(messageContent, where + ".content");
        if (auto *error = std::get_if<ApiError>(&parts))
            return *error;
        json &turnParts = std::get<json>(parts);

        const std::string &roleName = role->get_ref<const std::string &>();
        if (roleName == "system" || roleName == "developer") {
            for (auto &part : turnParts) {
                if (!part.contains("text"))
                    return ApiError::invalidRequest(where + ": system messages may only contain text.",
                                                    where + ".content");
                systemParts.push_back(std::move(part));
            }
        } else if (roleName == "user") {
            if (turnParts.empty())
                return ApiError::invalidRequest(where + ": a user message needs content.", where + ".content");
            appendTurn(contents, "user", std::move(turnParts));
        } else if (roleName == "assistant") {
            const size_t callsBefore = history.toolCallIds.size();
            if (auto error = appendToolCalls(message, where, turnParts, history))
                return error;
            lastCallIds.assign(history.toolCallIds.begin() + static_cast<std::ptrdiff_t>(callsBefore),
                               history.toolCallIds.end());
            appendTurn(contents, "model", std::move(turnParts));
        } else if (roleName == "tool" || roleName == "function") {
            auto toolParts = toolResultToParts(message, where, messages, i);
            if (auto *error = std::get_if<ApiError>(&toolParts))
                return *error;
            // Results may come back in any order; Gemini pairs them with the calls by
            // position, so they are put in the order the calls were made.
            const auto id = message.find("tool_call_id");
            const auto position = id != message.end() && id->is_string()
                                      ? std::find(lastCallIds.begin(), lastCallIds.end(), id->get_ref<const std::string &>())
                                      : lastCallIds.end();
            for (auto &part : std::get<json>(toolParts))
                part["__order"] = position - lastCallIds.begin();
            appendTurn(contents, "user", std::move(std::get<json>(toolParts)));
        } else {
            return ApiError::invalidRequest("Invalid value for '" + where + ".role': '" + roleName +
                                                "'. Supported values are: 'system', 'developer', 'user', "
                                                "'assistant' and 'tool'.",
                                            where + ".role", "invalid_value");
        }
    }
    for (auto &content : contents) {
        json &parts = content["parts"];
        const auto ordered = [](const json &part) { return part.contains("__order"); };
        for (auto run = std::find_if(parts.begin(), parts.end(), ordered); run != parts.end();) {
            const auto end = std::find_if_not(run, parts.end(), ordered);
            std::stable_sort(run, end, [](const json &a, const json &b) { return a["__order"] < b["__order"]; });
            for (auto it = run; it != end; ++it)
                it->erase("__order");
            run = std::find_if(end, parts.end(), ordered);
        }
    }
    if (contents.empty()) {
        if (systemParts.empty())
            return ApiError::invalidRequest("'messages' must contain at least one message with content.",
                                            "messages");
        // Gemini refuses a request without contents; a system-only prompt still deserves an answer.
        contents.push_back({{"role", "user"}, {"parts", json::array({{{"text", " "}}})}});
    }
    if (!systemParts.empty())
        body["systemInstruction"] = {{"parts", std::move(systemParts)}};
    body["contents"] = std::move(contents);
    return std::nullopt;
}

enum class NumberKind { Any, Integer };

// Copies request[from] to config[to] when present, checking its type.
std::optional<ApiError> copyNumber(const json &request, const char *from, json &config, const char *to,
                                   NumberKind kind = NumberKind::Any)
{
    const auto it = request.find(from);
    if (it == request.end() || it->is_null())
        return std::nullopt;
    if (kind == NumberKind::Integer ? !it->is_number_integer() : !it->is_number())
        return wrongType(from, kind == NumberKind::Integer ? "an integer" : "a number");
    config[to] = *it;
    return std::nullopt;
}

// Copies request[from] to config[to] when present: a whole number within [min, max] (OpenAI's
// wording and codes for a number out of range). Gemini would otherwise get whatever was sent.
std::optional<ApiError> copyBoundedInteger(const json &request, const char *from, json &config, const char *to,
                                           std::int64_t min, std::int64_t max, const char *why = "")
{
    const auto it = request.find(from);
    if (it == request.end() || it->is_null())
        return std::nullopt;
    if (!it->is_number_integer())
        return wrongType(from, "an integer");
    const std::string param = from;
    // nlohmann keeps a non-negative number unsigned (it may not fit a signed one).
    const bool unsignedValue = it->is_number_unsigned();
    const bool tooBig = unsignedValue ? it->get<std::uint64_t>() > static_cast<std::uint64_t>(max)
                                      : it->get<std::int64_t>() > max;
    const bool tooSmall = unsignedValue ? min > 0 && it->get<std::uint64_t>() < static_cast<std::uint64_t>(min)
                                        : it->get<std::int64_t>() < min;
    if (tooBig)
        return ApiError::invalidRequest("Invalid '" + param + "': integer above maximum value. Expected a value <= " +
                                            std::to_string(max) + ", but got " + it->dump() + " instead." + why,
                                        param, "integer_above_max_value");
    if (tooSmall)
        return ApiError::invalidRequest("Invalid '" + param + "': integer below minimum value. Expected a value >= " +
                                            std::to_string(min) + ", but got " + it->dump() + " instead." + why,
                                        param, "integer_below_min_value");
    config[to] = *it;
    return std::nullopt;
}

std::optional<ApiError> translateGenerationConfig(const json &request, const std::string &model, json &body)
{
    json config = json::object();
    for (auto [from, to] : {std::pair{"temperature", "temperature"}, {"top_p", "topP"},
                            {"presence_penalty", "presencePenalty"}, {"frequency_penalty", "frequencyPenalty"}}) {
        if (auto error = copyNumber(request, from, config, to))
            return error;
    }
    // max_completion_tokens replaced max_tokens; when both are sent the newer one wins.
    for (auto from : {"max_tokens", "max_completion_tokens"}) {
        if (auto error = copyBoundedInteger(request, from, config, "maxOutputTokens", 1, maxOutputTokenLimit))
            return error;
    }
    if (auto error = copyBoundedInteger(request, "n", config, "candidateCount", 1, maxCandidateCount,
                                        " Gemini returns at most 8 choices."))
        return error;
    if (auto error = copyNumber(request, "seed", config, "seed", NumberKind::Integer))
        return error;
    if (const auto stop = request.find("stop"); stop != request.end() && !stop->is_null()) {
        if (stop->is_string()) {
            config["stopSequences"] = json::array({*stop});
        } else if (stop->is_array()) {
            for (const auto &sequence : *stop) {
                if (!sequence.is_string())
                    return wrongType("stop", "a string or an array of strings");
            }
            if (!stop->empty())
                config["stopSequences"] = *stop;
        } else {
            return wrongType("stop", "a string or an array of strings");
        }
    }
    if (auto error = translateResponseOptions(request, config))
        return error;
    if (auto error = applyThinking(request, model, config))
        return error;
    if (!config.empty())
        body["generationConfig"] = std::move(config);
    return std::nullopt;
}

std::variant<ChatRequest, ApiError> translateChecked(const json &request, const TranslateOptions &options);

// extra_body {"google": {"safety_settings": [...]}} replaces the configured settings.
json safetySettingsFor(const json &request, const TranslateOptions &options)
{
    for (const json *google : {request.contains("google") ? &request["google"] : nullptr,
                               request.contains("extra_body") && request["extra_body"].is_object() &&
                                       request["extra_body"].contains("google")
                                   ? &request["extra_body"]["google"]
                                   : nullptr}) {
        if (!google || !google->is_object())
            continue;
        for (const char *name : {"safety_settings", "safetySettings"}) {
            if (google->contains(name) && (*google)[name].is_array())
                return (*google)[name];
        }
    }
    return options.safetySettings;
}

} // namespace

json defaultSafetySettings()
{
    json settings = json::array();
    for (const char *category : {"HARM_CATEGORY_HARASSMENT", "HARM_CATEGORY_HATE_SPEECH",
                                 "HARM_CATEGORY_SEXUALLY_EXPLICIT", "HARM_CATEGORY_DANGEROUS_CONTENT"})
        settings.push_back({{"category", category}, {"threshold", "BLOCK_NONE"}});
    return settings;
}

std::variant<std::string, ApiError> normaliseModelName(const json &model)
{
    if (model.is_null())
        return ApiError::invalidRequest("you must provide a model parameter", "model", "missing_required_parameter");
    if (!model.is_string())
        return wrongType("model", "a string");
    std::string name = model.get<std::string>();
    if (name.rfind("models/", 0) == 0)
        name.erase(0, 7);
    const bool plain = !name.empty() && name.size() <= 128 && name.find_first_not_of(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@") == std::string::npos;
    if (!plain || name.front() == '.')
        return ApiError::invalidRequest("The model '" + model.get<std::string>().substr(0, 128) +
                                            "' is not a valid model id.",
                                        "model", "model_not_found");
    return name;
}

std::variant<ChatRequest, ApiError> translateChatRequest(const json &request, const TranslateOptions &options)
{
    // Anything that slipped past the explicit checks (a field of an unexpected type
    // read with json::value) is the client's mistake, never a crash.
    try {
        return translateChecked(request, options);
    } catch (const json::exception &error) {
        return ApiError::invalidRequest(std::string("Invalid request: ") + error.what());
    }
}

namespace {

std::variant<ChatRequest, ApiError> translateChecked(const json &request, const TranslateOptions &options)
{
    if (!request.is_object())
        return ApiError::invalidRequest("The request body must be a JSON object.");

    ChatRequest out;
    const auto model = request.find("model");
    auto name = normaliseModelName(model == request.end() ? json() : *model);
    if (auto *error = std::get_if<ApiError>(&name))
        return *error;
    out.model = std::get<std::string>(name);
    out.requestedModel = model->get<std::string>();

    const auto messages = request.find("messages");
    if (messages == request.end() || messages->is_null())
        return ApiError::invalidRequest("Missing required parameter: 'messages'.", "messages",
                                        "missing_required_parameter");
    if (!messages->is_array())
        return wrongType("messages", "an array");
    if (messages->empty())
        return ApiError::invalidRequest("'messages' must contain at least one message.", "messages");

    if (const auto stream = request.find("stream"); stream != request.end() && !stream->is_null()) {
        if (!stream->is_boolean())
            return wrongType("stream", "a boolean");
        out.stream = stream->get<bool>();
    }
    if (const auto options = request.find("stream_options"); options != request.end() && options->is_object()) {
        const auto usage = options->find("include_usage");
        out.includeUsage = usage != options->end() && usage->is_boolean() && usage->get<bool>();
    }

    json body = json::object();
    ToolCallHistory history{options.signatureFor, thinkingRangeFor(out.model).family == ThinkingFamily::Level3, {}};
    if (auto error = translateMessages(*messages, body, history))
        return *error;
    out.historyToolCallIds = std::move(history.toolCallIds);
    if (auto error = translateGenerationConfig(request, out.model, body))
        return *error;
    if (auto error = translateTools(request, out.model, body))
        return *error;
    if (json safety = safetySettingsFor(request, options); !safety.empty())
        body["safetySettings"] = std::move(safety);
    out.geminiBody = std::move(body);
    collectPlaceholders(out);
    return out;
}

} // namespace

void collectPlaceholders(ChatRequest &request)
{
    json &contents = request.geminiBody["contents"];
    for (size_t c = 0; c < contents.size(); ++c) {
        json &parts = contents[c]["parts"];
        for (size_t p = 0; p < parts.size(); ++p) {
            const json::json_pointer where("/contents/" + std::to_string(c) + "/parts/" + std::to_string(p));
            json &part = parts[p];
            if (const auto url = part.find(remoteImageMarker); url != part.end())
                request.remoteImages.emplace_back(where, url->get<std::string>());
            if (const auto tag = part.find(carriedKeyTagMarker); tag != part.end()) {
                request.carriedSignatures.push_back({where, tag->get<std::string>()});
                part.erase(tag);
            }
        }
    }
}

} // namespace hydra::translate
