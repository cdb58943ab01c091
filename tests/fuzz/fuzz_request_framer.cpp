// The listener's view of a client connection: RequestFramer follows request boundaries and
// hands each head, parsed by parseRequestHead (RFC 9112, strict), to an admission step before
// any of its body is read.
// Beyond "no crash": the outcome does not depend on how TCP split the bytes (fed whole, one
// byte at a time, and in two pieces: the same heads admitted, the same verdict, the same
// requests completed, the same rejection status); every admitted head is one the gateway may
// act on (a known method, a visible-ASCII target, HTTP/1.0 or 1.1, at most 100 lower-case
// token field names, a Host on 1.1, no control characters in values, chunked or a length, not
// both); a rejection's status is one the listener has words for.

#include "fuzz_support.h"

#include "server/request_framer.h"

#include <cctype>

namespace {

using hydra::server::RequestFramer;
using hydra::server::RequestHead;

struct Outcome
{
    std::vector<std::string> admitted; // "METHOD target" of each admitted head
    RequestFramer::Verdict verdict = RequestFramer::Verdict::Ok;
    std::uint64_t completed = 0;
    int rejection = 0;
    bool midRequest = false;

    bool operator==(const Outcome &) const = default;
};

void checkHead(const RequestHead &head)
{
    static const std::vector<std::string> methods = {"GET", "POST", "OPTIONS", "HEAD", "PUT", "DELETE", "PATCH"};
    FUZZ_CHECK(std::find(methods.begin(), methods.end(), head.method) != methods.end());
    FUZZ_CHECK(!head.target.empty());
    for (const char c : head.target)
        FUZZ_CHECK(c > 0x20 && c < 0x7f);
    FUZZ_CHECK(head.minorVersion == 0 || head.minorVersion == 1);
    FUZZ_CHECK(head.fields.size() <= hydra::server::maxHeaderFields);
    for (const auto &[name, value] : head.fields) {
        FUZZ_CHECK(!name.empty());
        for (const char c : name)
            FUZZ_CHECK(!std::isupper(static_cast<unsigned char>(c)) && c > 0x20 && c < 0x7f && c != ':');
        for (const char c : value)
            FUZZ_CHECK(c == '\t' || static_cast<unsigned char>(c) >= 0x20);
        FUZZ_CHECK(value.empty() || (value.front() != ' ' && value.back() != ' '));
    }
    if (head.minorVersion == 1)
        FUZZ_CHECK(!head.field("host").empty());
    FUZZ_CHECK(head.contentLength >= 0);
    FUZZ_CHECK(!(head.chunked && !head.field("content-length").empty()));
    if (head.minorVersion == 0)
        FUZZ_CHECK(!head.keepAlive && !head.chunked);
}

Outcome frame(std::string_view input, std::size_t piece)
{
    Outcome out;
    // Refuses every third head, and admits the others with a body limit that depends on the
    // head: both the refusal and the limit must stop the connection the same way whatever the split.
    RequestFramer framer(1024, 4096, [&out](const RequestHead &head) -> std::optional<std::int64_t> {
        checkHead(head);
        out.admitted.push_back(head.method + ' ' + head.target);
        if (out.admitted.size() % 3 == 0)
            return std::nullopt;
        return static_cast<std::int64_t>(head.target.size() * 64);
    });
    for (std::size_t at = 0; at < input.size() && out.verdict == RequestFramer::Verdict::Ok; at += piece)
        out.verdict = framer.feed(input.substr(at, piece));
    out.completed = framer.completedRequests();
    out.midRequest = framer.midRequest();
    if (out.verdict == RequestFramer::Verdict::Malformed) {
        out.rejection = framer.rejection().status;
        FUZZ_CHECK(out.rejection == 400 || out.rejection == 431 || out.rejection == 501 || out.rejection == 505);
        FUZZ_CHECK(!framer.rejection().message.empty());
    }
    FUZZ_CHECK(out.completed <= out.admitted.size());
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace hydra;
    const std::string_view input = fuzz::bytes(data, size);
    fuzz::noThrow("RequestFramer / parseRequestHead", [&] {
        const Outcome whole = frame(input, std::max<std::size_t>(size, 1));
        FUZZ_CHECK(frame(input, 1) == whole);
        FUZZ_CHECK(frame(input, size / 2 + 1) == whole);
    });
    return 0;
}
