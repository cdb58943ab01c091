// The upstream client's HTTP/1.1 response framing (HttpResponseParser): status line, headers,
// Content-Length / chunked / until-close bodies, 100 Continue, trailers, then connectionClosed().
// Beyond "no crash": the outcome does not depend on how TCP split the bytes (fed whole, one
// byte at a time, and in two pieces: same status, body, error, done and reusable); a
// Content-Length body is exactly that long; the body is never longer than the input.

#include "fuzz_support.h"

#include "http_text.h"
#include "upstream/http_response_parser.h"

#include <charconv>

namespace {

struct Outcome
{
    bool ok = true;
    bool headersComplete = false;
    bool done = false;
    bool reusable = false;
    int status = 0;
    std::string body;
    std::string error;
    bool closedDone = false; // after connectionClosed()
    std::string closedError;

    bool operator==(const Outcome &) const = default;
};

Outcome parse(std::string_view input, std::size_t piece)
{
    hydra::upstream::HttpResponseParser parser;
    Outcome out;
    for (std::size_t at = 0; at < input.size() && out.ok; at += piece)
        out.ok = parser.feed(input.substr(at, piece), out.body);
    out.headersComplete = parser.headersComplete();
    out.done = parser.done();
    out.reusable = parser.reusable();
    out.status = parser.status();
    out.error = parser.error();
    FUZZ_CHECK(out.ok == out.error.empty());
    if (out.done && out.status >= 200 && out.status != 204 && out.status != 304 &&
        hydra::http_text::lowered(parser.header("transfer-encoding")).find("chunked") == std::string::npos) {
        const std::string length = parser.header("content-length");
        long long expected = 0;
        if (!length.empty() && std::from_chars(length.data(), length.data() + length.size(), expected).ec == std::errc())
            FUZZ_CHECK(out.body.size() == static_cast<std::size_t>(expected));
    }
    FUZZ_CHECK(out.body.size() <= input.size());
    parser.connectionClosed();
    out.closedDone = parser.done();
    out.closedError = parser.error();
    FUZZ_CHECK(out.closedDone != !out.closedError.empty());
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace hydra;
    const std::string_view input = fuzz::bytes(data, size);
    fuzz::noThrow("HttpResponseParser", [&] {
        const Outcome whole = parse(input, std::max<std::size_t>(size, 1));
        FUZZ_CHECK(parse(input, 1) == whole);
        FUZZ_CHECK(parse(input, size / 2 + 1) == whole);
    });
    return 0;
}
