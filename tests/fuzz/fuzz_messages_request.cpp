// POST /v1/messages: the body, read as GatewayServer::jsonBody reads it, through
// translateMessagesRequest (system, content blocks, tool_use and tool_result, carried thought
// signatures, tools and their schemas, thinking), as GatewayServer::serveMessages calls it.
// Beyond "no crash": no exception escapes; a refusal is a sendable 400 in Anthropic's shape; a
// translation is what generateContent takes (checkChatRequest), and every carried signature
// points at a part that holds it, its key tag eight hex digits, and no part keeps the marker.

#include "translate_checks.h"

#include "translate/messages_request.h"
#include "translate/messages_response.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace hydra;
    const auto body = fuzz::parseLikeGateway(fuzz::bytes(data, size));
    if (!body)
        return 0;
    fuzz::noThrow("translateMessagesRequest", [&] {
        const auto translated = translate::translateMessagesRequest(*body);
        if (const auto *error = std::get_if<ApiError>(&translated)) {
            fuzz::checkRefusal(*error);
            FUZZ_CHECK(translate::anthropicError(*error).at("error").at("type") == "invalid_request_error");
            return;
        }
        const auto &request = std::get<translate::ChatRequest>(translated);
        fuzz::checkChatRequest(request);
        for (const auto &carried : request.carriedSignatures) {
            FUZZ_CHECK(carried.keyTag.size() == 8);
            const nlohmann::json &part = request.geminiBody.at(carried.part);
            FUZZ_CHECK(part.contains("thoughtSignature") && !part.contains(translate::carriedKeyTagMarker));
        }
        // No part keeps the marker (a client's text may of course contain the word).
        for (const nlohmann::json &content : request.geminiBody.at("contents")) {
            for (const nlohmann::json &part : content.at("parts"))
                FUZZ_CHECK(!part.contains(translate::carriedKeyTagMarker));
        }
    });
    return 0;
}
