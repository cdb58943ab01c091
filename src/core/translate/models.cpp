#include "models.h"

using nlohmann::json;

namespace hydra::translate {

std::optional<json> toOpenAiModel(const json &model)
{
    if (!model.is_object() || !model.value("name", json()).is_string())
        return std::nullopt;
    const json methods = model.value("supportedGenerationMethods", json::array());
    bool usable = false;
    if (methods.is_array()) {
        for (const auto &method : methods)
            usable = usable || method == "generateContent" || method == "embedContent";
    }
    if (!usable)
        return std::nullopt;
    std::string id = model["name"].get<std::string>();
    if (id.rfind("models/", 0) == 0)
        id.erase(0, 7);
    json out = {{"id", id}, {"object", "model"}, {"created", 0}, {"owned_by", "google"}};
    if (model.value("displayName", json()).is_string())
        out["display_name"] = model["displayName"];
    if (model.value("inputTokenLimit", json()).is_number_integer())
        out["context_length"] = model["inputTokenLimit"];
    return out;
}

json toOpenAiModelList(const json &models)
{
    json data = json::array();
    if (models.is_array()) {
        for (const auto &model : models) {
            if (auto converted = toOpenAiModel(model))
                data.push_back(std::move(*converted));
        }
    }
    return {{"object", "list"}, {"data", std::move(data)}};
}

} // namespace hydra::translate
