// POST /v1/completions: the body, read as GatewayServer::jsonBody reads it, through
// completionToChatRequest and then translateChatRequest, as GatewayServer::serveChat does.
// Beyond "no crash": no exception escapes; refusals are sendable 400s; the chat request
// carries the prompt as its one user message; its translation passes the chat_request checks.

#include "translate_checks.h"

#include "translate/legacy_completions.h"

using nlohmann::json;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace hydra;
    const auto body = fuzz::parseLikeGateway(fuzz::bytes(data, size));
    if (!body)
        return 0;
    static const translate::TranslateOptions options = fuzz::fuzzOptions();
    fuzz::noThrow("completionToChatRequest / translateChatRequest", [&] {
        const auto converted = translate::completionToChatRequest(*body);
        if (const auto *error = std::get_if<ApiError>(&converted)) {
            fuzz::checkRefusal(*error);
            return;
        }
        const json &chat = std::get<json>(converted);
        FUZZ_CHECK(chat.is_object() && chat["messages"].is_array() && chat["messages"].size() == 1);
        const json &prompt = (*body)["prompt"];
        FUZZ_CHECK(chat["messages"][0]["content"] == (prompt.is_array() ? prompt[0] : prompt));
        const auto translated = translate::translateChatRequest(chat, options);
        if (const auto *error = std::get_if<ApiError>(&translated))
            fuzz::checkRefusal(*error);
        else
            fuzz::checkChatRequest(std::get<translate::ChatRequest>(translated));
    });
    return 0;
}
