#pragma once
// Gemini models.list entries -> OpenAI /v1/models objects. Pure: no I/O.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace hydra::translate {

// One Gemini model entry as an OpenAI model object, or nothing when the model can
// serve neither chat (generateContent) nor embeddings (embedContent).
std::optional<nlohmann::json> toOpenAiModel(const nlohmann::json &geminiModel);

// Every page's `models` entries, concatenated -> {"object":"list","data":[...]}.
nlohmann::json toOpenAiModelList(const nlohmann::json &geminiModels);

} // namespace hydra::translate
