#include "request_head.h"

#include "http_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace hydra::server {
namespace {

using http_text::lowered;

bool isTokenChar(unsigned char c)
{
    static constexpr std::string_view extra = "!#$%&'*+-.^_`|~";
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           extra.find(static_cast<char>(c)) != std::string_view::npos;
}

bool isToken(std::string_view text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return isTokenChar(c); });
}

// field-value: visible characters, obs-text, spaces and tabs; never a control character.
bool isFieldValue(std::string_view text)
{
    return std::all_of(text.begin(), text.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c == '\t' || (c >= 0x20 && c != 0x7f);
    });
}

bool isVisibleAscii(std::string_view text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c > 0x20 && c < 0x7f;
    });
}

std::string_view withoutSpaces(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

// Fields whose second copy would let two parsers (or two checks) read different values:
// which Host was checked, which token was tried, which client is counted.
constexpr std::array singletonFields = {
    std::string_view("host"),          std::string_view("authorization"), std::string_view("x-api-key"),
    std::string_view("x-goog-api-key"), std::string_view("origin"),        std::string_view("cf-connecting-ip"),
};

HeadRejection bad(std::string message)
{
    return {400, std::move(message)};
}

// Transfer-Encoding, all of its field lines as one list (RFC 9112 section 6.1): only
// "chunked" alone is served; chunked after another coding would need that coding.
std::variant<bool, HeadRejection> readTransferCoding(const std::vector<std::string_view> &values)
{
    std::vector<std::string> codings;
    for (std::string_view value : values) {
        while (!value.empty()) {
            const std::size_t comma = value.find(',');
            const std::string_view element = withoutSpaces(value.substr(0, comma));
            if (!element.empty())
                codings.push_back(lowered(element));
            value.remove_prefix(comma == std::string_view::npos ? value.size() : comma + 1);
        }
    }
    if (codings.empty() || codings.back() != "chunked")
        return bad("Transfer-Encoding must end with \"chunked\".");
    if (codings.size() == 1)
        return true;
    if (std::count(codings.begin(), codings.end(), "chunked") > 1)
        return bad("Transfer-Encoding applies \"chunked\" more than once.");
    return HeadRejection{501, "Hydra accepts no transfer coding but \"chunked\" (got \"" + codings.front() + "\")."};
}

} // namespace

std::string_view RequestHead::field(std::string_view lowerCaseName) const
{
    for (const auto &[name, value] : fields) {
        if (name == lowerCaseName)
            return value;
    }
    return {};
}

std::variant<RequestHead, HeadRejection> parseRequestHead(std::string_view block)
{
    std::vector<std::string_view> lines;
    while (!block.empty()) {
        const std::size_t end = block.find('\n');
        std::string_view line = block.substr(0, end);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        lines.push_back(line);
        block.remove_prefix(end == std::string_view::npos ? block.size() : end + 1);
    }
    if (lines.empty())
        return bad("The request has no request line.");

    // request-line = method SP request-target SP HTTP-version, single spaces (RFC 9112 section 3)
    RequestHead head;
    const std::string_view requestLine = lines.front();
    const std::size_t firstSpace = requestLine.find(' ');
    const std::size_t lastSpace = requestLine.rfind(' ');
    if (firstSpace == std::string_view::npos || firstSpace == lastSpace)
        return bad("The request line is not \"METHOD TARGET HTTP/1.1\".");
    const std::string_view method = requestLine.substr(0, firstSpace);
    const std::string_view target = requestLine.substr(firstSpace + 1, lastSpace - firstSpace - 1);
    const std::string_view version = requestLine.substr(lastSpace + 1);
    if (!isToken(method) || !isVisibleAscii(target))
        return bad("The request line is not \"METHOD TARGET HTTP/1.1\".");
    if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.' ||
        !std::isdigit(static_cast<unsigned char>(version[5])) || !std::isdigit(static_cast<unsigned char>(version[7])))
        return bad("The request line is not \"METHOD TARGET HTTP/1.1\".");
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return HeadRejection{505, "Hydra speaks HTTP/1.1 (and 1.0); " + std::string(version) + " is not supported."};
    static constexpr std::array knownMethods = {std::string_view("GET"),  std::string_view("POST"),
                                                std::string_view("OPTIONS"), std::string_view("HEAD"),
                                                std::string_view("PUT"),  std::string_view("DELETE"),
                                                std::string_view("PATCH")};
    if (std::find(knownMethods.begin(), knownMethods.end(), method) == knownMethods.end())
        return HeadRejection{501, "Hydra does not implement the " + std::string(method.substr(0, 32)) + " method."};
    head.method = std::string(method);
    head.target = std::string(target);
    head.minorVersion = version[7] - '0';

    if (lines.size() - 1 > maxHeaderFields)
        return HeadRejection{431, "The request has more than " + std::to_string(maxHeaderFields) + " header fields."};
    bool hasLength = false;
    std::vector<std::string_view> transferEncodings;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const std::string_view line = lines[i];
        if (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
            return bad("A header field is folded over several lines (obsolete line folding).");
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            return bad("A header line has no colon.");
        const std::string_view name = line.substr(0, colon); // no space may precede the colon
        const std::string_view value = withoutSpaces(line.substr(colon + 1));
        if (!isToken(name) || !isFieldValue(value))
            return bad("A header field's name or value holds characters HTTP does not allow.");
        std::string lowerName = lowered(name);
        if (std::find(singletonFields.begin(), singletonFields.end(), lowerName) != singletonFields.end() &&
            std::any_of(head.fields.begin(), head.fields.end(), [&](const auto &f) { return f.first == lowerName; }))
            return bad("The " + std::string(name) + " header appears more than once.");
        if (lowerName == "content-length") {
            std::int64_t length = -1;
            const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), length);
            // Digits only (no sign, no list); two lengths that differ are a smuggling attempt or
            // a broken client: which one would another parser believe?
            if (value.empty() || value.size() > 18 || error != std::errc() || end != value.data() + value.size() ||
                value.front() == '-' || value.front() == '+' || (hasLength && length != head.contentLength))
                return bad("The request's Content-Length is malformed, or given twice with different values.");
            head.contentLength = length;
            hasLength = true;
        } else if (lowerName == "transfer-encoding") {
            transferEncodings.push_back(value);
        } else if (lowerName == "expect") {
            head.expectsContinue = lowered(value) == "100-continue";
        } else if (lowerName == "connection") {
            if (lowered(value).find("close") != std::string::npos)
                head.keepAlive = false;
        }
        head.fields.emplace_back(std::move(lowerName), std::string(value));
    }

    if (head.minorVersion == 1) {
        if (head.field("host").empty())
            return bad("An HTTP/1.1 request must name its Host.");
    } else {
        head.keepAlive = false;
        head.expectsContinue = false; // RFC 9110 section 10.1.1: ignored from HTTP/1.0 clients
    }
    if (!transferEncodings.empty()) {
        if (head.minorVersion == 0)
            return bad("HTTP/1.0 has no Transfer-Encoding.");
        if (hasLength)
            return bad("The request gives both Content-Length and Transfer-Encoding."); // RFC 9112 section 6.1
        auto coding = readTransferCoding(transferEncodings);
        if (auto *rejection = std::get_if<HeadRejection>(&coding))
            return std::move(*rejection);
        head.chunked = true;
    }
    return head;
}

} // namespace hydra::server
