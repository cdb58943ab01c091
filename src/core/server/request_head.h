#pragma once
// The head of an HTTP/1.x request (request line and header fields), parsed strictly by
// RFC 9112. This parse is the one the gateway acts on: who may call is decided from it
// before a byte of the body is read, so anything it cannot read without guessing is
// refused rather than read the way some other parser might. Pure.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace hydra::server {

struct RequestHead
{
    std::string method;
    std::string target;    // as sent: origin-form "/path?query" (or "*", absolute-form)
    int minorVersion = 1;  // HTTP/1.minorVersion: 0 or 1
    std::vector<std::pair<std::string, std::string>> fields; // names lower-case, values trimmed, in order
    std::int64_t contentLength = 0;
    bool chunked = false;
    bool expectsContinue = false;
    // Whether the connection may carry another request after this one's answer. HTTP/1.0
    // connections are always closed after one answer: Hydra does not do 1.0 keep-alive.
    bool keepAlive = true;

    // The first value of a field (lower-case name), or empty.
    std::string_view field(std::string_view lowerCaseName) const;
};

// Why a head was refused, and the status that says so (400, 431, 501 or 505).
struct HeadRejection
{
    int status = 400;
    std::string message;
};

// At most this many header fields: Qt's own request parser drops every header of a request
// with more than 100 (and still serves it), so nothing past that may reach it.
inline constexpr std::size_t maxHeaderFields = 100;

// `block` is the head without its final blank line; lines end in CRLF (a bare LF is accepted).
std::variant<RequestHead, HeadRejection> parseRequestHead(std::string_view block);

} // namespace hydra::server
