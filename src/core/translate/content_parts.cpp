#include "content_parts.h"

#include "json_depth.h"

using nlohmann::json;

namespace hydra::translate {
namespace {

ApiError badPart(const std::string &where, const std::string &why)
{
    return ApiError::invalidRequest("Invalid content part at '" + where + "': " + why, where);
}

// data:<mime>;base64,<payload> -> inlineData. Remote URLs need a fetcher with SSRF
// protection, which does not exist yet, so they are refused with a clear message.
std::variant<json, ApiError> imageUrlToPart(const json &part, const std::string &where)
{
    const auto imageUrl = part.find("image_url");
    std::string url;
    if (imageUrl != part.end() && imageUrl->is_string())
        url = imageUrl->get<std::string>();
    else if (imageUrl != part.end() && imageUrl->is_object() && imageUrl->value("url", json()).is_string())
        url = (*imageUrl)["url"].get<std::string>();
    else
        return badPart(where, "image_url.url must be a string.");

    if (url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0) {
        // Fetched by the relay before the request goes out (translation does no I/O);
        // chat_request collects these placeholders into ChatRequest::remoteImages.
        return json{{remoteImageMarker, url}};
    }
    if (url.rfind("data:", 0) != 0)
        return badPart(where, "image_url must be a data: URL or an http(s) URL.");
    const auto comma = url.find(',');
    const auto meta = url.substr(5, comma == std::string::npos ? 0 : comma - 5);
    const auto base64Marker = meta.find(";base64");
    if (comma == std::string::npos || base64Marker == std::string::npos)
        return badPart(where, "the data URL must be base64-encoded.");
    std::string mime = meta.substr(0, base64Marker);
    if (mime == "image/jpg")
        mime = "image/jpeg";
    return json{{"inlineData", {{"mimeType", mime}, {"data", url.substr(comma + 1)}}}};
}

// {"type":"input_audio","input_audio":{"data":"<base64>","format":"wav"}} -> inlineData audio/wav.
std::variant<json, ApiError> inputAudioToPart(const json &part, const std::string &where)
{
    const json audio = part.contains("input_audio") ? part["input_audio"] : json();
    if (!audio.is_object() || !audio.contains("data") || !audio["data"].is_string() || !audio.contains("format") ||
        !audio["format"].is_string())
        return badPart(where, "input_audio needs a base64 'data' string and a 'format'.");
    std::string format = audio["format"].get<std::string>();
    if (format == "mpeg")
        format = "mp3";
    return json{{"inlineData", {{"mimeType", "audio/" + format}, {"data", audio["data"]}}}};
}

// {"type":"file","file":{"file_data":"data:application/pdf;base64,...","filename":"a.pdf"}} -> inlineData.
std::variant<json, ApiError> fileToPart(const json &part, const std::string &where)
{
    const json file = part.contains("file") ? part["file"] : json();
    if (!file.is_object())
        return badPart(where, "a file part needs a 'file' object.");
    if (file.contains("file_id"))
        return badPart(where, "file ids from OpenAI's Files API do not exist here; send the file as file_data.");
    if (!file.contains("file_data") || !file["file_data"].is_string())
        return badPart(where, "file.file_data must be a base64 data URL.");
    const std::string data = file["file_data"].get<std::string>();
    if (data.rfind("data:", 0) != 0) // some clients send bare base64 of a PDF
        return json{{"inlineData", {{"mimeType", "application/pdf"}, {"data", data}}}};
    const auto comma = data.find(',');
    const auto marker = data.find(";base64");
    if (comma == std::string::npos || marker == std::string::npos || marker > comma)
        return badPart(where, "file.file_data must be a base64 data URL.");
    return json{{"inlineData", {{"mimeType", data.substr(5, marker - 5)}, {"data", data.substr(comma + 1)}}}};
}

} // namespace

void appendTurn(json &contents, const char *role, json parts)
{
    if (parts.empty())
        return;
    if (!contents.empty() && contents.back()["role"] == role) {
        for (auto &part : parts)
            contents.back()["parts"].push_back(std::move(part));
        return;
    }
    contents.push_back({{"role", role}, {"parts", std::move(parts)}});
}

std::variant<json, ApiError> contentToParts(const json &content, const std::string &where)
{
    json parts = json::array();
    if (content.is_null())
        return parts;
    if (content.is_string()) {
        if (!content.get_ref<const std::string &>().empty())
            parts.push_back({{"text", content}});
        return parts;
    }
    if (!content.is_array())
        return ApiError::invalidRequest("Invalid type for '" + where + "': expected a string or an array of parts.",
                                        where, "invalid_type");
    bool hasText = false;
    for (size_t i = 0; i < content.size(); ++i) {
        const json &part = content[i];
        const std::string partWhere = where + "[" + std::to_string(i) + "]";
        if (part.is_string()) { // some clients send bare strings in the array
            parts.push_back({{"text", part}});
            hasText = true;
            continue;
        }
        if (!part.is_object() || !part.value("type", json()).is_string())
            return badPart(partWhere, "each part needs a string 'type'.");
        const std::string type = part["type"].get<std::string>();
        if (type == "text" || type == "input_text") {
            if (!part.value("text", json()).is_string())
                return badPart(partWhere, "a text part needs a string 'text'.");
            parts.push_back({{"text", part["text"]}});
            hasText = true;
        } else if (type == "image_url") {
            auto image = imageUrlToPart(part, partWhere);
            if (auto *error = std::get_if<ApiError>(&image))
                return *error;
            parts.push_back(std::move(std::get<json>(image)));
        } else if (type == "input_audio") {
            auto audio = inputAudioToPart(part, partWhere);
            if (auto *error = std::get_if<ApiError>(&audio))
                return *error;
            parts.push_back(std::move(std::get<json>(audio)));
        } else if (type == "file") {
            auto file = fileToPart(part, partWhere);
            if (auto *error = std::get_if<ApiError>(&file))
                return *error;
            parts.push_back(std::move(std::get<json>(file)));
        } else {
            return badPart(partWhere, "the part type '" + type + "' is not supported.");
        }
    }
    // Gemini wants a text part next to media ("must have a text parameter").
    if (!hasText && !parts.empty())
        parts.push_back({{"text", ""}});
    return parts;
}

std::optional<ApiError> appendToolCalls(const json &message, const std::string &where, json &parts,
                                        ToolCallHistory &history)
{
    const json *calls = message.contains("tool_calls") ? &message["tool_calls"] : nullptr;
    json legacyCall; // the legacy form: one call in "function_call", answered by a "function" message
    if ((!calls || calls->is_null()) && message.contains("function_call") && !message["function_call"].is_null()) {
        legacyCall = json::array({{{"function", message["function_call"]}}});
        calls = &legacyCall;
    }
    if (!calls || calls->is_null())
        return std::nullopt;
    if (!calls->is_array())
        return ApiError::invalidRequest("Invalid type for '" + where + ".tool_calls': expected an array.",
                                        where + ".tool_calls", "invalid_type");
    for (size_t i = 0; i < calls->size(); ++i) {
        const json &call = (*calls)[i];
        // Where a problem is, in the client's own terms.
        const std::string functionWhere = legacyCall.is_null()
                                              ? where + ".tool_calls[" + std::to_string(i) + "].function"
                                              : where + ".function_call";
        const json function = call.is_object() && call.contains("function") ? call["function"] : json();
        if (!function.is_object() || !function.contains("name") || !function["name"].is_string())
            return ApiError::invalidRequest("'" + functionWhere + ".name' must be a string.", functionWhere + ".name");
        json args = json::object();
        const json arguments = function.contains("arguments") ? function["arguments"] : json();
        if (arguments.is_string() && !arguments.get_ref<const std::string &>().empty()) {
            // The body's nesting was checked, not JSON inside its strings: dumping the upstream
            // body recurses, and a string of a million '[' would overflow the stack.
            if (nestsDeeperThan(arguments.get_ref<const std::string &>()))
                return ApiError::invalidRequest("'" + functionWhere + ".arguments' nests deeper than " +
                                                    std::to_string(maxJsonDepth) + " levels.",
                                                functionWhere + ".arguments");
            args = json::parse(arguments.get<std::string>(), nullptr, false);
            if (args.is_discarded())
                return ApiError::invalidRequest("'" + functionWhere + ".arguments' is not valid JSON.",
                                                functionWhere + ".arguments");
        } else if (arguments.is_object()) {
            args = arguments;
        }
        json part = {{"functionCall", {{"name", function["name"]}, {"args", std::move(args)}}}};
        const std::string id = call.contains("id") && call["id"].is_string() ? call["id"].get<std::string>() : "";
        if (!id.empty())
            history.toolCallIds.push_back(id);
        std::optional<std::string> signature;
        if (!id.empty() && history.signatureFor)
            signature = history.signatureFor(id);
        // Gemini signs the first call of a turn only; parallel calls after it carry none.
        if (!signature && history.signaturesRequired && i == 0)
            signature = skipSignatureSentinel;
        if (signature)
            part["thoughtSignature"] = *signature;
        parts.push_back(std::move(part));
    }
    return std::nullopt;
}

std::variant<json, ApiError> toolResultToParts(const json &message, const std::string &where, const json &messages,
                                               size_t index)
{
    const json id = message.value("tool_call_id", json());
    std::string name = message.value("name", json()).is_string() ? message["name"].get<std::string>() : "";
    if (id.is_string()) {
        // The call that this answers is in an earlier assistant message.
        for (size_t i = index; i-- > 0 && name.empty();) {
            const json calls = messages[i].is_object() ? messages[i].value("tool_calls", json()) : json();
            if (!calls.is_array())
                continue;
            for (const auto &call : calls) {
                if (call.is_object() && call.value("id", json()) == id && call.value("function", json()).is_object())
                    name = call["function"].value("name", "");
            }
        }
        if (name.empty())
            return ApiError::invalidRequest("'" + where + ".tool_call_id' does not match any earlier tool call.",
                                            where + ".tool_call_id");
    }
    if (name.empty())
        return ApiError::invalidRequest("'" + where + "' needs a 'tool_call_id'.", where + ".tool_call_id",
                                        "missing_required_parameter");

    json result;
    const json content = message.value("content", json());
    std::string text;
    if (content.is_string()) {
        text = content.get<std::string>();
    } else if (content.is_array()) {
        for (const auto &part : content) {
            if (part.is_object() && part.value("text", json()).is_string())
                text += part["text"].get<std::string>();
        }
    }
    // Nesting deeper than a body may is kept as text (see appendToolCalls).
    result = nestsDeeperThan(text) ? json(json::value_t::discarded) : json::parse(text, nullptr, false);
    // Gemini wants an object; anything else is wrapped as {"result": ...}.
    if (result.is_discarded() || !result.is_object())
        result = {{"result", result.is_discarded() ? json(text) : result}};
    return json::array({{{"functionResponse", {{"name", name}, {"response", std::move(result)}}}}});
}

std::optional<ApiError> translateResponseOptions(const json &request, json &config)
{
    const auto format = request.find("response_format");
    if (format == request.end() || format->is_null())
        return std::nullopt;
    const std::string type = format->is_object() ? format->value("type", "") : "";
    if (type == "text")
        return std::nullopt;
    if (type == "json_object") {
        config["responseMimeType"] = "application/json";
        return std::nullopt;
    }
    if (type == "json_schema") {
        const json schema = format->value("json_schema", json());
        if (!schema.is_object() || !schema.value("schema", json()).is_object())
            return ApiError::invalidRequest("'response_format.json_schema.schema' must be an object.",
                                            "response_format.json_schema.schema");
        config["responseMimeType"] = "application/json";
        config["responseJsonSchema"] = schema["schema"];
        return std::nullopt;
    }
    return ApiError::invalidRequest("Invalid value for 'response_format.type': expected 'text', 'json_object' or "
                                    "'json_schema'.",
                                    "response_format.type", "invalid_value");
}

} // namespace hydra::translate
