// A streamGenerateContent answer as it arrives: SSE bytes -> SseParser (fed in two pieces,
// then finish()) -> each event parsed as GenerateRelay::forwardEvents parses it (error events
// left out: the relay answers those itself) -> ChatStreamTranslator::onEvent, then finish(),
// complete() and problem(); every chunk through both reshapes the gateway applies.
// Beyond "no crash": no exception escapes (the relay catches json::exception, only as a
// safety net); per choice the role is sent once, in its first chunk, a finish_reason at most
// once, and tool call indices count 0, 1, 2, ...; every chunk dumps to JSON.

#include "stream_events.h"

#include "translate/chat_response.h"
#include "translate/legacy_completions.h"
#include "translate/legacy_functions.h"

#include <map>

using nlohmann::json;

namespace {

struct ChoiceSeen
{
    int chunks = 0;
    bool role = false;
    bool finished = false;
    int nextToolIndex = 0;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace hydra;
    const std::vector<json> events = fuzz::geminiEventsOf(fuzz::bytes(data, size));

    translate::ChatStreamTranslator translator(translate::newCompletionIdentity("fuzz-model", 1), size % 2 == 0,
                                               [](const translate::ToolCallSignature &) {});
    std::map<int, ChoiceSeen> seen;
    const auto check = [&](const json &chunk) {
        FUZZ_CHECK(chunk.at("object") == "chat.completion.chunk");
        for (const json &choice : chunk.at("choices")) {
            ChoiceSeen &state = seen[choice.at("index").get<int>()];
            const json &delta = choice.at("delta");
            FUZZ_CHECK(delta.contains("role") == (state.chunks == 0)); // the role opens the choice
            ++state.chunks;
            if (!choice.at("finish_reason").is_null()) {
                FUZZ_CHECK(!state.finished);
                state.finished = true;
            }
            if (const auto calls = delta.find("tool_calls"); calls != delta.end()) {
                for (const json &call : *calls)
                    FUZZ_CHECK(call.at("index") == state.nextToolIndex++);
            }
        }
        if (fuzz::depthOf(chunk) <= fuzz::maxOutputDepth) {
            fuzz::roundTrip(chunk);
            fuzz::roundTrip(translate::chatToTextCompletion(chunk));
            fuzz::roundTrip(translate::toolCallsToFunctionCall(chunk));
        }
    };
    fuzz::noThrow("ChatStreamTranslator", [&] {
        for (const json &event : events) {
            for (const json &chunk : translator.onEvent(event))
                check(chunk);
        }
        for (const json &chunk : translator.finish()) {
            FUZZ_CHECK(chunk.at("choices").empty() && chunk.at("usage").is_object());
            fuzz::roundTrip(chunk);
        }
        (void)translator.complete();
        (void)translator.problem();
    });
    return 0;
}
