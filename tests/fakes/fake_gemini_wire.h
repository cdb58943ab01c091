#pragma once

// Internal to the fake Gemini: what Google puts in bodies (errors, model catalogue, answers)
// and how it judges request bodies. Kept apart from the socket code so the exact texts can be
// read, and compared with docs/gemini-wire.md, in one place.

#include "fake_gemini.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hydra::fakes::wire {

// Google prints object members in a fixed order, so bodies are built with an order-keeping object.
using Json = nlohmann::ordered_json;

// Google's REST printer: two-space indent, `"key": value`. Used for unary answers and errors.
std::string pretty(const Json &j);
// The same printer with its line breaks removed, which is how Google writes an SSE event:
// {"candidates": [{"content": {"parts": [{"text": "Hi"}],"role": "model"},"index": 0}],...}
std::string sseJson(const Json &j);

struct Error {
    int status = 0;
    Json body;
};

Error plainError(int code, std::string_view status, std::string_view message);
Error unregisteredCaller();   // 403, no key at all
Error bearerOnNativePath();   // 401, a key sent as "Authorization: Bearer" to a native path
Error keyInvalid();
Error keyExpired();
Error keyLeaked();
Error callerNotPermitted(); // 403 for what was asked, not for the key
Error cancelled();          // 499 CANCELLED
Error overloaded();
Error internalError();
Error gatewayTimeout();
Error clientError();
Error methodNotFound();
Error modelNotFoundForRpc(std::string_view model, std::string_view rpc);
Error modelGetNotFound(std::string_view model);
Error invalidPageToken();

struct QuotaSettings {
    std::string retryDelay; // "57s"
    std::string quotaValue; // "" = violations carry no quotaValue
};
// One of the four 429 shapes; `embedding` picks the embed_content metrics.
Error rateLimit(Behaviour b, std::string_view model, bool embedding, const QuotaSettings &q);

// The event a MidStreamError stream sends after its first text event.
Json midStreamError();

// --- models.list / models.get ---------------------------------------------------------------
const std::vector<Json> &catalogue();
const Json *findModel(std::string_view id);
// rpc is the URL verb: generateContent, streamGenerateContent, countTokens, embedContent, ...
bool modelSupports(const Json &model, std::string_view rpc);
// Google's page tokens are base64 of a tiny protobuf holding the last name on the page.
std::string pageTokenAfter(std::string_view modelName);
std::optional<std::size_t> pageStartFor(std::string_view token); // index of the next model

// --- answers ---------------------------------------------------------------------------------
int promptTokens(const Json &request); // rough, deterministic: a token per 4 characters of text
int textTokens(std::string_view text);
std::string newResponseId();
// One GenerateContentResponse. Each of `candidates` candidates carries `text`; finishReason
// only when `last`. Usage is cumulative, as Google sends it.
Json generateResponse(std::string_view model, std::string_view responseId, std::string_view text,
                      int candidates, bool last, int promptTokenCount, int candidatesTokenCount);
Json embeddingValues(std::string_view text, int dimensions);
std::string contentText(const Json &content); // concatenated text parts of one Content

// --- request checks --------------------------------------------------------------------------
enum class Rpc { Generate, CountTokens, Embed, BatchEmbed };
// Parses `body` (empty = {}) into `out` and judges it as Google would. nullopt = accepted.
std::optional<Error> checkRequest(std::string_view body, Rpc rpc, Json &out);
// The function calling rules of a decoded generateContent request (fake_gemini_answers.cpp):
// declared parameter schemas, and function call / function response turns in pairs.
std::optional<Error> checkFunctionCalling(const Json &request);

} // namespace hydra::fakes::wire
