#include "tools.h"

#include "schema_sanitizer.h"

using nlohmann::json;

namespace hydra::translate {
namespace {

ApiError badTool(const std::string &where, const std::string &why)
{
    return ApiError::invalidRequest("Invalid tool at '" + where + "': " + why, where);
}

std::optional<ApiError> addDeclaration(const json &function, const std::string &where, json &declarations)
{
    if (!function.is_object() || !function.contains("name") || !function["name"].is_string() ||
        function["name"].get_ref<const std::string &>().empty())
        return badTool(where + ".name", "'name' must be a non-empty string.");
    json declaration = {{"name", function["name"]}};
    if (function.contains("description") && function["description"].is_string())
        declaration["description"] = function["description"];
    if (function.contains("parameters")) {
        // Real clients send JSON Schema that Gemini's OpenAPI subset refuses ($ref,
        // additionalProperties, type arrays, ...); null means "no parameters".
        json parameters = sanitizeToolSchema(function["parameters"]);
        if (!parameters.is_null())
            declaration["parameters"] = std::move(parameters);
    }
    declarations.push_back(std::move(declaration));
    return std::nullopt;
}

// The built-in Google tool an OpenAI tool entry stands for, if any.
const char *builtInTool(const json &tool)
{
    static const std::pair<const char *, const char *> names[] = {
        {"google_search", "googleSearch"}, {"googleSearch", "googleSearch"},
        {"code_execution", "codeExecution"}, {"codeExecution", "codeExecution"},
        {"url_context", "urlContext"}, {"urlContext", "urlContext"},
    };
    for (const auto &[name, gemini] : names) {
        if (tool.contains(name))
            return gemini;
    }
    const json type = tool.contains("type") ? tool["type"] : json();
    if (type == "web_search" || type == "web_search_preview" || type == "google_search")
        return "googleSearch";
    return nullptr;
}

std::optional<ApiError> functionCallingConfig(const json &choice, const char *param, json &calling)
{
    if (choice.is_null())
        return std::nullopt;
    if (choice == "auto")
        calling = {{"mode", "AUTO"}};
    else if (choice == "none")
        calling = {{"mode", "NONE"}};
    else if (choice == "required" || choice == "any")
        calling = {{"mode", "ANY"}};
    else if (choice.is_object()) {
        // {"type":"function","function":{"name":X}} (tool_choice) or {"name":X} (function_call)
        const json &function = choice.contains("function") ? choice["function"] : choice;
        if (!function.is_object() || !function.contains("name") || !function["name"].is_string())
            return ApiError::invalidRequest(std::string("'") + param + "' must name a function.", param,
                                            "invalid_value");
        calling = {{"mode", "ANY"}, {"allowedFunctionNames", json::array({function["name"]})}};
    } else {
        return ApiError::invalidRequest(std::string("Invalid value for '") + param +
                                            "': expected 'auto', 'none', 'required' or a function.",
                                        param, "invalid_value");
    }
    return std::nullopt;
}

} // namespace

std::optional<ApiError> translateTools(const json &request, const std::string &model, json &body)
{
    json declarations = json::array();
    json builtIns = json::array();
    const auto addBuiltIn = [&builtIns](const char *name) {
        for (const auto &existing : builtIns) {
            if (existing.contains(name))
                return;
        }
        builtIns.push_back({{name, json::object()}});
    };

    if (const auto tools = request.find("tools"); tools != request.end() && !tools->is_null()) {
        if (!tools->is_array())
            return ApiError::invalidRequest("Invalid type for 'tools': expected an array.", "tools", "invalid_type");
        for (size_t i = 0; i < tools->size(); ++i) {
            const json &tool = (*tools)[i];
            const std::string where = "tools[" + std::to_string(i) + "]";
            if (!tool.is_object())
                return badTool(where, "each tool must be an object.");
            if (const char *builtIn = builtInTool(tool)) {
                addBuiltIn(builtIn);
            } else if (tool.contains("type") && tool["type"] == "function") {
                if (auto error = addDeclaration(tool.contains("function") ? tool["function"] : json(), where + ".function",
                                                declarations))
                    return error;
            } else {
                return badTool(where, "only function tools and Google's built-in tools are supported.");
            }
        }
    }
    if (const auto functions = request.find("functions"); functions != request.end() && functions->is_array()) {
        for (size_t i = 0; i < functions->size(); ++i) {
            if (auto error = addDeclaration((*functions)[i], "functions[" + std::to_string(i) + "]", declarations))
                return error;
        }
    }
    if (const auto search = request.find("web_search_options"); search != request.end() && search->is_object())
        addBuiltIn("googleSearch");

    // Before Gemini 3, mixing function declarations with search was refused; the
    // functions are what agents depend on, so they win.
    const bool mixingAllowed = model.rfind("gemini-3", 0) == 0;
    json tools = json::array();
    if (!declarations.empty())
        tools.push_back({{"functionDeclarations", std::move(declarations)}});
    for (auto &builtIn : builtIns) {
        if (tools.empty() || mixingAllowed || !builtIn.contains("googleSearch"))
            tools.push_back(std::move(builtIn)); // each built-in tool in a Tool object of its own
    }
    if (tools.empty())
        return std::nullopt;
    const bool hasFunctions = tools.front().contains("functionDeclarations");
    body["tools"] = std::move(tools);

    json calling;
    const auto choice = request.find("tool_choice");
    const auto legacy = request.find("function_call");
    if (choice != request.end()) {
        if (auto error = functionCallingConfig(*choice, "tool_choice", calling))
            return error;
    } else if (legacy != request.end()) {
        if (auto error = functionCallingConfig(*legacy, "function_call", calling))
            return error;
    }
    if (!calling.is_null() && hasFunctions)
        body["toolConfig"] = {{"functionCallingConfig", std::move(calling)}};
    return std::nullopt;
}

} // namespace hydra::translate
