// A whole generateContent answer -> chat.completion: unusableAnswer, toChatCompletion (with a
// signature sink), then both reshapes the gateway applies (chatToTextCompletion for
// /v1/completions, toolCallsToFunctionCall for legacy `functions` clients), as
// GenerateRelay::deliverWhole does. The input is parsed with the gateway's nesting limit: Gemini's
// bodies are not depth-checked in production (see README.md), and a deep one would only find
// nlohmann's recursive dump.
// Beyond "no crash": no exception escapes (GenerateRelay catches json::exception here, but only as
// a safety net); the completion has choices, each an assistant message with an OpenAI
// finish_reason, tool calls with unique ids and arguments that are JSON; everything dumps to
// JSON.

#include "fuzz_support.h"

#include "translate/chat_response.h"
#include "translate/legacy_completions.h"
#include "translate/legacy_functions.h"

#include <set>

using nlohmann::json;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace hydra;
    const auto response = fuzz::parseLikeGateway(fuzz::bytes(data, size));
    if (!response || !response->is_object()) // deliverWhole: "an answer that is not JSON"
        return 0;
    fuzz::noThrow("unusableAnswer / toChatCompletion / reshapes", [&] {
        if (translate::unusableAnswer(*response))
            return; // retried on another key, never translated
        std::size_t signatures = 0;
        const translate::SignatureSink sink = [&](const translate::ToolCallSignature &signature) {
            FUZZ_CHECK(signature.toolCallId.rfind("call_", 0) == 0 && !signature.signature.empty());
            ++signatures;
        };
        const json completion =
            translate::toChatCompletion(*response, translate::newCompletionIdentity("fuzz-model", 1), sink);
        FUZZ_CHECK(completion.at("object") == "chat.completion");
        const json &choices = completion.at("choices");
        FUZZ_CHECK(choices.is_array() && !choices.empty());
        std::set<std::string> ids;
        for (const json &choice : choices) {
            FUZZ_CHECK(choice.at("message").at("role") == "assistant");
            const json &finish = choice.at("finish_reason");
            FUZZ_CHECK(finish == "stop" || finish == "length" || finish == "content_filter" || finish == "tool_calls");
            const json &message = choice.at("message");
            if (const auto calls = message.find("tool_calls"); calls != message.end()) {
                for (const json &call : *calls) {
                    FUZZ_CHECK(ids.insert(call.at("id").get<std::string>()).second);
                    const json arguments = json::parse(call.at("function").at("arguments").get<std::string>(), nullptr, false);
                    FUZZ_CHECK(!arguments.is_discarded());
                }
            }
        }
        FUZZ_CHECK(signatures <= ids.size());
        fuzz::roundTrip(completion);
        fuzz::roundTrip(translate::chatToTextCompletion(completion));
        fuzz::roundTrip(translate::toolCallsToFunctionCall(completion));
    });
    return 0;
}
