// The upstream SSE parser (SseParser): data/comment/other fields, LF, CRLF and CR line ends
// (a CRLF split across reads), multi-line data, the event left open by the end of the stream.
// Beyond "no crash": the events do not depend on how the bytes were split (whole, one byte at
// a time, two pieces); no event holds a CR (lines end there); there are never more events
// than "data" fields.

#include "fuzz_support.h"

#include "upstream/sse_parser.h"

namespace {

std::vector<std::string> parse(std::string_view input, std::size_t piece)
{
    hydra::upstream::SseParser parser;
    std::vector<std::string> events;
    for (std::size_t at = 0; at < input.size(); at += piece) {
        for (auto &event : parser.feed(input.substr(at, piece)))
            events.push_back(std::move(event));
    }
    for (auto &event : parser.finish())
        events.push_back(std::move(event));
    return events;
}

std::size_t occurrences(std::string_view text, std::string_view word)
{
    std::size_t count = 0;
    for (auto at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1))
        ++count;
    return count;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace hydra;
    const std::string_view input = fuzz::bytes(data, size);
    fuzz::noThrow("SseParser", [&] {
        const auto whole = parse(input, std::max<std::size_t>(size, 1));
        FUZZ_CHECK(parse(input, 1) == whole);
        FUZZ_CHECK(parse(input, size / 2 + 1) == whole);
        FUZZ_CHECK(whole.size() <= occurrences(input, "data"));
        for (const std::string &event : whole)
            FUZZ_CHECK(event.find('\r') == std::string::npos);
    });
    return 0;
}
