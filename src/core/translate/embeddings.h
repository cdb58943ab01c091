#pragma once
// OpenAI /v1/embeddings <-> Gemini batchEmbedContents. Pure.

#include "api_error.h"

#include <nlohmann/json.hpp>

#include <string>
#include <variant>

namespace hydra::translate {

struct EmbeddingsRequest
{
    std::string model;          // bare Gemini model id
    std::string requestedModel; // echoed back
    bool base64 = false;        // encoding_format: "base64"
    nlohmann::json geminiBody;  // batchEmbedContents body
    long long inputCharacters = 0;
};

std::variant<EmbeddingsRequest, ApiError> translateEmbeddingsRequest(const nlohmann::json &openAiRequest);

// Gemini's {"embeddings":[{"values":[...]}]} -> OpenAI's list; nothing when the shape is wrong.
std::optional<nlohmann::json> toOpenAiEmbeddings(const nlohmann::json &geminiResponse, const EmbeddingsRequest &request);

} // namespace hydra::translate
