#pragma once
// OpenAI chat.completions request -> Gemini generateContent request. Pure: no I/O.

#include "api_error.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace hydra::translate {

// The ranges Hydra accepts before anything goes to Gemini (docs/architecture.md, "Request
// limits"): `n` becomes candidateCount, which Gemini caps at 8; max_tokens and
// max_completion_tokens become maxOutputTokens, a 32-bit integer in Google's API.
inline constexpr std::int64_t maxCandidateCount = 8;
inline constexpr std::int64_t maxOutputTokenLimit = 2'147'483'647;

// A thought signature the client carried back (signature_carrier.h): the part it sits on in
// geminiBody, and the key that issued it.
struct CarriedSignatureRef
{
    nlohmann::json::json_pointer part;
    std::string keyTag;
};

// One generateContent call as every client API translates it (chat completions, Messages).
struct ChatRequest
{
    std::string model;          // bare Gemini model id, safe to put in a URL path
    std::string requestedModel; // what the client asked for, echoed back in responses
    bool stream = false;
    bool includeUsage = false;  // stream_options.include_usage
    nlohmann::json geminiBody;  // the generateContent request body
    std::vector<std::string> historyToolCallIds; // tool calls of earlier turns, oldest first
    // Images given by http(s) URL: where their part is in geminiBody, and the URL. The relay
    // fetches them (with its SSRF rules) and puts {"inlineData": ...} there.
    std::vector<std::pair<nlohmann::json::json_pointer, std::string>> remoteImages;
    std::vector<CarriedSignatureRef> carriedSignatures; // oldest first
};

// Gemini's safety filters, off for every category that can be adjusted: what people
// who run their own gateway expect (the refusals of the API's defaults surprise them).
nlohmann::json defaultSafetySettings();

struct TranslateOptions
{
    nlohmann::json safetySettings = defaultSafetySettings(); // sent unless the request brings its own
    std::function<std::optional<std::string>(const std::string &toolCallId)> signatureFor; // may be empty
};

std::variant<ChatRequest, ApiError> translateChatRequest(const nlohmann::json &openAiRequest,
                                                         const TranslateOptions &options = {});

// The part marker naming the key of a carried signature (replaced by ChatRequest::carriedSignatures).
inline constexpr const char *carriedKeyTagMarker = "__carriedKeyTag";
// Moves the placeholders a translator left in request.geminiBody (remote images, carried
// signatures' key tags) into their lists.
void collectPlaceholders(ChatRequest &request);

// Checks a client-supplied model name and returns the bare id ("models/" stripped).
// Model names end up in the upstream URL, so anything but a plain id is refused.
std::variant<std::string, ApiError> normaliseModelName(const nlohmann::json &model);

} // namespace hydra::translate
