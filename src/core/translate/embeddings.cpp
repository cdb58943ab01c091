#include "embeddings.h"

#include "chat_request.h"

#include <QByteArray>

#include <cstring>

using nlohmann::json;

namespace hydra::translate {
namespace {

// Little-endian float32s, base64-encoded: what OpenAI's encoding_format "base64" returns
// (and what the openai SDKs decode).
std::string base64Floats(const json &values)
{
    QByteArray bytes;
    bytes.reserve(static_cast<qsizetype>(values.size() * 4));
    for (const auto &value : values) {
        const float number = value.is_number() ? value.get<float>() : 0.0f;
        char raw[4];
        std::memcpy(raw, &number, 4);
        bytes.append(raw, 4); // x86 and ARM, the platforms Hydra ships on, are little-endian
    }
    return bytes.toBase64().toStdString();
}

} // namespace

std::variant<EmbeddingsRequest, ApiError> translateEmbeddingsRequest(const json &request)
{
    if (!request.is_object())
        return ApiError::invalidRequest("The request body must be a JSON object.");
    EmbeddingsRequest out;
    const json model = request.contains("model") ? request["model"] : json();
    auto name = normaliseModelName(model);
    if (auto *error = std::get_if<ApiError>(&name))
        return *error;
    out.model = std::get<std::string>(name);
    out.requestedModel = model.get<std::string>();

    const json input = request.contains("input") ? request["input"] : json();
    std::vector<std::string> texts;
    if (input.is_string()) {
        texts.push_back(input.get<std::string>());
    } else if (input.is_array() && !input.empty()) {
        for (const auto &item : input) {
            if (!item.is_string())
                return ApiError::invalidRequest("'input' must be a string or an array of strings (token arrays are "
                                                "not supported by Gemini).",
                                                "input", "invalid_type");
            texts.push_back(item.get<std::string>());
        }
    } else {
        return ApiError::invalidRequest("'input' must be a non-empty string or array of strings.", "input",
                                        input.is_null() ? "missing_required_parameter" : "invalid_type");
    }
    if (texts.size() > 250) // Gemini's batch limit
        return ApiError::invalidRequest("'input' may hold at most 250 strings per request.", "input");

    json dimensions;
    if (request.contains("dimensions") && !request["dimensions"].is_null()) {
        if (!request["dimensions"].is_number_integer() || request["dimensions"].get<long long>() <= 0)
            return ApiError::invalidRequest("'dimensions' must be a positive integer.", "dimensions", "invalid_type");
        dimensions = request["dimensions"];
    }
    if (request.contains("encoding_format") && !request["encoding_format"].is_null()) {
        const json format = request["encoding_format"];
        if (format != "float" && format != "base64")
            return ApiError::invalidRequest("'encoding_format' must be 'float' or 'base64'.", "encoding_format",
                                            "invalid_value");
        out.base64 = format == "base64";
    }
    json requests = json::array();
    for (const auto &text : texts) {
        json one = {{"model", "models/" + out.model}, {"content", {{"parts", json::array({{{"text", text}}})}}}};
        if (!dimensions.is_null())
            one["outputDimensionality"] = dimensions;
        requests.push_back(std::move(one));
        out.inputCharacters += static_cast<long long>(text.size());
    }
    out.geminiBody = {{"requests", std::move(requests)}};
    return out;
}

std::optional<json> toOpenAiEmbeddings(const json &response, const EmbeddingsRequest &request)
{
    if (!response.is_object() || !response.contains("embeddings") || !response["embeddings"].is_array())
        return std::nullopt;
    json data = json::array();
    int index = 0;
    for (const auto &embedding : response["embeddings"]) {
        if (!embedding.is_object() || !embedding.contains("values") || !embedding["values"].is_array())
            return std::nullopt;
        const json &values = embedding["values"];
        data.push_back({{"object", "embedding"},
                        {"index", index++},
                        {"embedding", request.base64 ? json(base64Floats(values)) : values}});
    }
    // Gemini does not report embedding token counts; about four characters make a token.
    const long long tokens = (request.inputCharacters + 3) / 4;
    return json{{"object", "list"},
                {"data", std::move(data)},
                {"model", request.requestedModel},
                {"usage", {{"prompt_tokens", tokens}, {"total_tokens", tokens}}}};
}

} // namespace hydra::translate
