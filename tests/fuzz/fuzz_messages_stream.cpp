// A streamGenerateContent answer as the Messages face reads it: SSE bytes -> SseParser (fed in
// two pieces, then finish()) -> each event parsed as GenerateRelay::forwardEvents parses it ->
// MessagesStreamTranslator::onEvent, finish(); and the first event as a whole answer through
// toAnthropicMessage.
// Beyond "no crash": no exception escapes; every frame is "event: X" then "data: {...}" with
// data.type == X; message_start comes first and once; block indices open in order, each block
// is started before its deltas and stopped once; the stream ends with message_delta and
// message_stop; the whole answer dumps to JSON.

#include "stream_events.h"

#include "translate/messages_response.h"

#include <set>

using nlohmann::json;

namespace {

void checkFrames(const std::string &out)
{
    std::size_t at = 0;
    int nextIndex = 0;
    int open = -1;
    bool started = false;
    std::string last;
    while (at < out.size()) {
        const std::size_t end = out.find("\n\n", at);
        FUZZ_CHECK(end != std::string::npos);
        const std::string frame = out.substr(at, end - at);
        at = end + 2;
        FUZZ_CHECK(frame.rfind("event: ", 0) == 0);
        const std::size_t newline = frame.find('\n');
        FUZZ_CHECK(newline != std::string::npos && frame.compare(newline + 1, 6, "data: ") == 0);
        const std::string name = frame.substr(7, newline - 7);
        const json data = json::parse(frame.substr(newline + 7));
        FUZZ_CHECK(data.at("type") == name);
        FUZZ_CHECK((name == "message_start") == !started);
        started = true;
        if (name == "content_block_start") {
            FUZZ_CHECK(open == -1 && data.at("index") == nextIndex);
            open = nextIndex++;
        } else if (name == "content_block_delta") {
            FUZZ_CHECK(data.at("index") == open);
        } else if (name == "content_block_stop") {
            FUZZ_CHECK(data.at("index") == open);
            open = -1;
        }
        last = name;
    }
    FUZZ_CHECK(open == -1);
    FUZZ_CHECK(last == "message_stop");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace hydra;
    const std::vector<json> events = fuzz::geminiEventsOf(fuzz::bytes(data, size));
    const translate::MessageIdentity identity{"msg_fuzz", "claude-fuzz", "0a1b2c3d"};
    translate::MessagesStreamTranslator translator(identity);
    std::string out;
    fuzz::noThrow("MessagesStreamTranslator / toAnthropicMessage", [&] {
        bool first = true;
        for (const json &event : events) {
            translator.onEvent(event, out);
            if (first && event.is_object()) {
                first = false;
                const json message = translate::toAnthropicMessage(event, identity);
                FUZZ_CHECK(message.at("content").is_array());
                if (fuzz::depthOf(message) <= fuzz::maxOutputDepth)
                    fuzz::roundTrip(message);
            }
        }
        (void)translator.complete();
        (void)translator.problem();
        translator.finish(out);
        checkFrames(out);
    });
    return 0;
}
