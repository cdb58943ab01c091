// POST /v1/chat/completions: the body, read as GatewayServer::jsonBody reads it, through
// translateChatRequest (messages, content parts, tool calls and results, tools and their
// schemas, thinking, response_format) and usesLegacyFunctions, as GatewayServer::serveChat
// calls them.
// Beyond "no crash": no exception escapes; a refusal is a sendable 400; a translation has
// non-empty contents of user/model turns with non-empty parts, a plain model id, remote
// images that point at their parts, and a body that nests boundedly and dumps to JSON that
// reads back equal.

#include "translate_checks.h"

#include "translate/legacy_functions.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace hydra;
    const auto body = fuzz::parseLikeGateway(fuzz::bytes(data, size));
    if (!body)
        return 0;
    static const translate::TranslateOptions options = fuzz::fuzzOptions();
    fuzz::noThrow("translateChatRequest / usesLegacyFunctions", [&] {
        const auto translated = translate::translateChatRequest(*body, options);
        if (const auto *error = std::get_if<ApiError>(&translated))
            fuzz::checkRefusal(*error);
        else
            fuzz::checkChatRequest(std::get<translate::ChatRequest>(translated));
        (void)translate::usesLegacyFunctions(*body);
    });
    return 0;
}
