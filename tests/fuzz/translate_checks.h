#pragma once
// Checks shared by the request-translator targets (chat_request, legacy_completions).

#include "fuzz_support.h"

#include "translate/api_error.h"
#include "translate/chat_request.h"
#include "translate/content_parts.h"

namespace hydra::fuzz {

// A refusal is a 400 in OpenAI's shape that can be sent.
inline void checkRefusal(const ApiError &error)
{
    FUZZ_CHECK(error.httpStatus == 400);
    FUZZ_CHECK(error.type == "invalid_request_error");
    FUZZ_CHECK(!error.message.empty());
    roundTrip(error.toJson());
}

inline bool plainModelId(const std::string &model)
{
    return !model.empty() && model.size() <= 128 && model.front() != '.' &&
           model.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@") ==
               std::string::npos;
}

// A translated request is what Gemini's generateContent takes, and can be sent as it is.
inline void checkChatRequest(const translate::ChatRequest &request)
{
    FUZZ_CHECK(plainModelId(request.model)); // it goes into the upstream URL's path
    const json &body = request.geminiBody;
    FUZZ_CHECK(body.is_object());
    const auto contents = body.find("contents");
    FUZZ_CHECK(contents != body.end() && contents->is_array() && !contents->empty());
    for (const json &content : *contents) {
        FUZZ_CHECK(content.is_object());
        FUZZ_CHECK(content.value("role", "") == "user" || content.value("role", "") == "model");
        const auto parts = content.find("parts");
        FUZZ_CHECK(parts != content.end() && parts->is_array() && !parts->empty());
        for (const json &part : *parts) {
            FUZZ_CHECK(part.is_object());
            FUZZ_CHECK(!part.contains("__order")); // the translator's own sort key never leaks
        }
    }
    for (const auto &[pointer, url] : request.remoteImages) {
        FUZZ_CHECK(body.contains(pointer));
        FUZZ_CHECK(body.at(pointer).value(translate::remoteImageMarker, "") == url);
        FUZZ_CHECK(url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0);
    }
    for (const std::string &id : request.historyToolCallIds)
        FUZZ_CHECK(!id.empty());
    // The body is dumped to go upstream: bounded nesting (the dump recurses), valid UTF-8.
    FUZZ_CHECK(depthOf(body) <= maxOutputDepth);
    FUZZ_CHECK(roundTrip(body) == body);
}

// Thought signatures for tool call ids that start with "s" (the lookup path of Gemini 3).
inline translate::TranslateOptions fuzzOptions()
{
    translate::TranslateOptions options;
    options.signatureFor = [](const std::string &id) -> std::optional<std::string> {
        if (!id.empty() && id.front() == 's')
            return "sig-" + id;
        return std::nullopt;
    };
    return options;
}

} // namespace hydra::fuzz
