// How Google judges a request body, in the two stages it uses:
//  1. JSON -> proto transcoding: unknown names, objects where lists belong and the like, all
//     reported in one 400 with a google.rpc.BadRequest listing each violation;
//  2. field checks on the decoded request ("* GenerateContentRequest.contents: ...\n" lines),
//     then the backend's own checks (roles).
// Both camelCase and snake_case names are accepted, as proto JSON parsing does. Error paths use
// the proto (snake_case) names, e.g. 'tools[0].function_declarations[0].parameters'.

#include "fake_gemini_wire.h"

#include <algorithm>

namespace hydra::fakes::wire {

namespace {

// --- the message shapes of google.ai.generativelanguage.v1beta that requests use --------------

enum class Kind {
    Scalar,   // strings, numbers, enums, and free-form values (Struct/Value): not descended into
    Message,  // a singular nested message
    Repeated, // a list of messages
    Map,      // map<string, message> (Schema.properties)
};

struct MessageDef;

struct FieldDef {
    std::string json;  // camelCase
    std::string proto; // snake_case
    Kind kind = Kind::Scalar;
    const MessageDef *type = nullptr;
};

struct MessageDef {
    std::string typeUrl;
    std::vector<FieldDef> fields;

    const FieldDef *find(const std::string &name) const
    {
        for (const auto &f : fields)
            if (f.json == name || f.proto == name)
                return &f;
        return nullptr;
    }
};

std::string snakeCase(std::string_view camel)
{
    std::string out;
    for (char c : camel) {
        if (c >= 'A' && c <= 'Z') {
            out += '_';
            out += char(c - 'A' + 'a');
        } else {
            out += c;
        }
    }
    return out;
}

struct Registry {
    MessageDef generateRequest, content, part, blob, fileData, functionCall, functionResponse, executableCode,
        codeExecutionResult, tool, functionDeclaration, schema, toolConfig, functionCallingConfig, safetySetting,
        generationConfig, thinkingConfig, embedRequest, batchEmbedRequest, countTokensRequest;

    Registry()
    {
        auto type = [](const char *name) { return std::string("type.googleapis.com/google.ai.generativelanguage.v1beta.") + name; };
        auto f = [](const char *json, Kind kind = Kind::Scalar, const MessageDef *t = nullptr) {
            return FieldDef{json, snakeCase(json), kind, t};
        };

        generateRequest = {type("GenerateContentRequest"),
                           {f("model"), f("contents", Kind::Repeated, &content), f("tools", Kind::Repeated, &tool),
                            f("toolConfig", Kind::Message, &toolConfig),
                            f("safetySettings", Kind::Repeated, &safetySetting),
                            f("systemInstruction", Kind::Message, &content),
                            f("generationConfig", Kind::Message, &generationConfig), f("cachedContent")}};
        content = {type("Content"), {f("role"), f("parts", Kind::Repeated, &part)}};
        part = {type("Part"),
                {f("text"), f("inlineData", Kind::Message, &blob), f("functionCall", Kind::Message, &functionCall),
                 f("functionResponse", Kind::Message, &functionResponse), f("fileData", Kind::Message, &fileData),
                 f("executableCode", Kind::Message, &executableCode),
                 f("codeExecutionResult", Kind::Message, &codeExecutionResult), f("videoMetadata"), f("thought"),
                 f("thoughtSignature"), f("partMetadata"), f("mediaResolution")}};
        blob = {type("Blob"), {f("mimeType"), f("data")}};
        fileData = {type("FileData"), {f("mimeType"), f("fileUri")}};
        functionCall = {type("FunctionCall"), {f("id"), f("name"), f("args")}};
        functionResponse = {type("FunctionResponse"),
                            {f("id"), f("name"), f("response"), f("parts"), f("willContinue"), f("scheduling")}};
        executableCode = {type("ExecutableCode"), {f("language"), f("code")}};
        codeExecutionResult = {type("CodeExecutionResult"), {f("outcome"), f("output")}};
        // An OpenAI-shaped tool ({"type":"function","function":{...}}) fails here, as it does at Google.
        tool = {type("Tool"),
                {f("functionDeclarations", Kind::Repeated, &functionDeclaration), f("googleSearchRetrieval"),
                 f("codeExecution"), f("googleSearch"), f("computerUse"), f("urlContext"), f("fileSearch"),
                 f("googleMaps")}};
        functionDeclaration = {type("FunctionDeclaration"),
                               {f("name"), f("description"), f("behavior"), f("parameters", Kind::Message, &schema),
                                f("parametersJsonSchema"), f("response", Kind::Message, &schema),
                                f("responseJsonSchema")}};
        // The OpenAPI subset: "additionalProperties", "$ref", "strict", "const" are unknown names.
        schema = {type("Schema"),
                  {f("type"), f("format"), f("title"), f("description"), f("nullable"), f("enum"), f("maxItems"),
                   f("minItems"), f("items", Kind::Message, &schema), f("properties", Kind::Map, &schema),
                   f("required"), f("minProperties"), f("maxProperties"), f("minLength"), f("maxLength"),
                   f("pattern"), f("example"), f("anyOf", Kind::Repeated, &schema), f("propertyOrdering"),
                   f("default"), f("minimum"), f("maximum")}};
        toolConfig = {type("ToolConfig"),
                      {f("functionCallingConfig", Kind::Message, &functionCallingConfig), f("retrievalConfig")}};
        functionCallingConfig = {type("FunctionCallingConfig"), {f("mode"), f("allowedFunctionNames")}};
        safetySetting = {type("SafetySetting"), {f("category"), f("threshold")}};
        generationConfig = {type("GenerationConfig"),
                            {f("stopSequences"), f("responseMimeType"), f("responseSchema", Kind::Message, &schema),
                             f("responseJsonSchema"), f("responseModalities"), f("candidateCount"),
                             f("maxOutputTokens"), f("temperature"), f("topP"), f("topK"), f("seed"),
                             f("presencePenalty"), f("frequencyPenalty"), f("responseLogprobs"), f("logprobs"),
                             f("enableEnhancedCivicAnswers"), f("speechConfig"),
                             f("thinkingConfig", Kind::Message, &thinkingConfig), f("imageConfig"),
                             f("mediaResolution")}};
        thinkingConfig = {type("ThinkingConfig"), {f("includeThoughts"), f("thinkingBudget"), f("thinkingLevel")}};
        embedRequest = {type("EmbedContentRequest"),
                        {f("model"), f("content", Kind::Message, &content), f("taskType"), f("title"),
                         f("outputDimensionality")}};
        batchEmbedRequest = {type("BatchEmbedContentsRequest"),
                             {f("model"), f("requests", Kind::Repeated, &embedRequest)}};
        countTokensRequest = {type("CountTokensRequest"),
                              {f("model"), f("contents", Kind::Repeated, &content),
                               f("generateContentRequest", Kind::Message, &generateRequest)}};
    }
};

const Registry &registry()
{
    static const Registry r;
    return r;
}

// --- stage 1: transcoding ---------------------------------------------------------------------

struct Violation {
    std::string field; // empty at the top level
    std::string description;
};

std::string join(const std::string &path, const std::string &name)
{
    return path.empty() ? name : path + "." + name;
}

void unknownName(std::vector<Violation> &out, const std::string &name, const std::string &path, const char *why)
{
    std::string d = "Invalid JSON payload received. Unknown name \"" + name + "\"";
    if (!path.empty())
        d += " at '" + path + "'";
    d += std::string(": ") + why;
    out.push_back({path, d});
}

void invalidValue(std::vector<Violation> &out, const std::string &path, const MessageDef &type, const Json &value)
{
    out.push_back({path, "Invalid value at '" + path + "' (" + type.typeUrl + "), " + value.dump()});
}

void walk(const Json &object, const MessageDef &def, const std::string &path, std::vector<Violation> &out)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string &key = it.key();
        const Json &value = it.value();
        const FieldDef *field = def.find(key);
        if (!field) {
            unknownName(out, key, path, "Cannot find field.");
            continue;
        }
        if (field->kind == Kind::Scalar || value.is_null())
            continue;
        const std::string here = join(path, field->proto);
        switch (field->kind) {
        case Kind::Message:
            if (value.is_object())
                walk(value, *field->type, here, out);
            else if (value.is_array())
                unknownName(out, key, path, "Proto field is not repeating, cannot start list.");
            else
                invalidValue(out, here, *field->type, value);
            break;
        case Kind::Repeated:
            if (value.is_array()) {
                for (std::size_t i = 0; i < value.size(); ++i) {
                    const std::string at = here + "[" + std::to_string(i) + "]";
                    if (value[i].is_object())
                        walk(value[i], *field->type, at, out);
                    else if (!value[i].is_null())
                        invalidValue(out, at, *field->type, value[i]);
                }
            } else if (value.is_object()) {
                walk(value, *field->type, here, out); // a lone message stands for a one-element list
            } else {
                invalidValue(out, here, *field->type, value);
            }
            break;
        case Kind::Map:
            if (value.is_object()) {
                std::size_t i = 0;
                for (auto e = value.begin(); e != value.end(); ++e, ++i) {
                    const std::string at = here + "[" + std::to_string(i) + "].value";
                    if (e.value().is_object())
                        walk(e.value(), *field->type, at, out);
                    else if (!e.value().is_null())
                        invalidValue(out, at, *field->type, e.value());
                }
            } else {
                invalidValue(out, here, *field->type, value);
            }
            break;
        case Kind::Scalar:
            break;
        }
    }
}

Error badRequest(const std::vector<Violation> &violations)
{
    std::string message;
    Json list = Json::array();
    for (const auto &v : violations) {
        if (!message.empty())
            message += '\n';
        message += v.description;
        Json entry;
        if (!v.field.empty())
            entry["field"] = v.field;
        entry["description"] = v.description;
        list.push_back(std::move(entry));
    }
    Error e = plainError(400, "INVALID_ARGUMENT", message);
    e.body["error"]["details"] =
        Json::array({Json{{"@type", "type.googleapis.com/google.rpc.BadRequest"}, {"fieldViolations", list}}});
    return e;
}

Error syntaxError(std::string_view body, std::size_t byte)
{
    // Google quotes the offending line with a caret under the position. Only the first sentence
    // is known to be exact; callers should match on "Invalid JSON payload received.".
    const std::size_t pos = std::min(byte > 0 ? byte - 1 : 0, body.size());
    std::size_t start = body.rfind('\n', pos == 0 ? 0 : pos - 1);
    start = start == std::string_view::npos ? 0 : start + 1;
    start = std::max(start, pos > 60 ? pos - 60 : std::size_t(0));
    std::size_t end = body.find('\n', pos);
    end = std::min(end == std::string_view::npos ? body.size() : end, pos + 20);
    std::string message = "Invalid JSON payload received. Unexpected token.\n" + std::string(body.substr(start, end - start))
        + "\n" + std::string(pos - start, ' ') + "^";
    return badRequest({{"", message}});
}

// --- stage 2: field checks ---------------------------------------------------------------------

const Json *member(const Json &object, const char *camel)
{
    if (!object.is_object())
        return nullptr;
    auto it = object.find(camel);
    if (it == object.end())
        it = object.find(snakeCase(camel));
    if (it == object.end() || it->is_null())
        return nullptr;
    return &*it;
}

// A lone message stands for a one-element list (see walk()).
std::vector<const Json *> elements(const Json *v)
{
    std::vector<const Json *> out;
    if (!v)
        return out;
    if (v->is_array())
        for (const auto &e : *v)
            out.push_back(&e);
    else
        out.push_back(v);
    return out;
}

bool hasData(const Json &part)
{
    for (const char *k : {"text", "inlineData", "functionCall", "functionResponse", "fileData", "executableCode",
                          "codeExecutionResult"})
        if (member(part, k))
            return true;
    return false;
}

void checkParts(const Json &content, const std::string &path, bool mustHaveParts, std::string &problems)
{
    const auto parts = elements(member(content, "parts"));
    if (parts.empty() && mustHaveParts)
        problems += "* " + path + ".parts: contents.parts must not be empty.\n";
    for (std::size_t j = 0; j < parts.size(); ++j)
        if (!hasData(*parts[j]))
            problems += "* " + path + ".parts[" + std::to_string(j)
                + "].data: required oneof field 'data' must have one initialized field\n";
}

std::optional<Error> checkGenerate(const Json &body)
{
    std::string problems;
    const auto contents = elements(member(body, "contents"));
    if (contents.empty())
        problems += "* GenerateContentRequest.contents: contents is not specified\n";
    for (std::size_t i = 0; i < contents.size(); ++i)
        checkParts(*contents[i], "GenerateContentRequest.contents[" + std::to_string(i) + "]", true, problems);
    if (const Json *system = member(body, "systemInstruction"))
        checkParts(*system, "GenerateContentRequest.system_instruction", false, problems);
    if (!problems.empty())
        return plainError(400, "INVALID_ARGUMENT", problems);

    // Only user and model are roles. "function" is still let through: the API ignores it
    // (docs/gemini-wire.md §2; older Gemini docs used it for function responses).
    for (const Json *c : contents) {
        const Json *role = member(*c, "role");
        if (!role || !role->is_string())
            continue;
        const std::string r = role->get<std::string>();
        if (!r.empty() && r != "user" && r != "model" && r != "function")
            return plainError(400, "INVALID_ARGUMENT", "Please use a valid role: user, model.");
    }
    return std::nullopt;
}

std::optional<Error> checkEmbed(const Json &body)
{
    if (!member(body, "content"))
        return plainError(400, "INVALID_ARGUMENT", "* EmbedContentRequest.content: content is not specified\n");
    return std::nullopt;
}

std::optional<Error> checkBatchEmbed(const Json &body)
{
    // Texts from live failures quoted in public code: the 100 cap, and the per-request model
    // that must be present and written as "models/...". (Google also wants it to match the URL;
    // its wording for a mismatch is not on record, so that is not checked.)
    const auto requests = elements(member(body, "requests"));
    if (requests.size() > 100)
        return plainError(400, "INVALID_ARGUMENT",
                          "* BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch\n");
    std::string problems;
    for (std::size_t i = 0; i < requests.size(); ++i) {
        const std::string at = "* BatchEmbedContentsRequest.requests[" + std::to_string(i) + "].";
        const Json *model = member(*requests[i], "model");
        if (!model || (model->is_string() && model->get<std::string>().empty()))
            problems += at + "model: model is not specified\n";
        else if (!model->is_string() || model->get<std::string>().rfind("models/", 0) != 0)
            problems += at + "model: unexpected model name format\n";
        if (!member(*requests[i], "content"))
            problems += at + "content: content is not specified\n";
    }
    if (!problems.empty())
        return plainError(400, "INVALID_ARGUMENT", problems);
    return std::nullopt;
}

} // namespace

std::optional<Error> checkRequest(std::string_view body, Rpc rpc, Json &out)
{
    // An empty body decodes as an empty request, so it fails on its missing fields instead.
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        out = Json::object();
    } else {
        try {
            out = Json::parse(body);
        } catch (const Json::parse_error &e) {
            return syntaxError(body, e.byte);
        }
    }
    if (!out.is_object())
        return badRequest({{"", "Invalid JSON payload received. Unknown name \"\": Root element must be a message."}});

    const Registry &r = registry();
    const MessageDef &root = rpc == Rpc::Generate ? r.generateRequest
        : rpc == Rpc::CountTokens                 ? r.countTokensRequest
        : rpc == Rpc::Embed                       ? r.embedRequest
                                                  : r.batchEmbedRequest;
    std::vector<Violation> violations;
    walk(out, root, "", violations);
    if (!violations.empty())
        return badRequest(violations);

    switch (rpc) {
    case Rpc::Generate:
        return checkGenerate(out);
    case Rpc::Embed:
        return checkEmbed(out);
    case Rpc::BatchEmbed:
        return checkBatchEmbed(out);
    case Rpc::CountTokens:
        break;
    }
    return std::nullopt;
}

} // namespace hydra::fakes::wire
