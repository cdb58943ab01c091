#include "http_response_parser.h"

#include "http_text.h"

#include <algorithm>
#include <charconv>

namespace hydra::upstream {
namespace {

using http_text::lowered;
using http_text::trimmed;

constexpr std::size_t maxLineBytes = 64 * 1024;
constexpr std::size_t maxHeaders = 200;


} // namespace

bool HttpResponseParser::fail(std::string why)
{
    m_state = State::Failed;
    m_error = std::move(why);
    return false;
}

std::string HttpResponseParser::header(std::string_view name) const
{
    for (auto it = m_headers.rbegin(); it != m_headers.rend(); ++it) {
        if (it->first == name)
            return it->second;
    }
    return {};
}

bool HttpResponseParser::startBody()
{
    const std::string connection = lowered(header("connection"));
    m_keepAlive = m_http10 ? connection.find("keep-alive") != std::string::npos
                           : connection.find("close") == std::string::npos;
    if (m_status == 204 || m_status == 304 || (m_status >= 100 && m_status < 200)) {
        m_state = State::Done;
        return true;
    }
    if (lowered(header("transfer-encoding")).find("chunked") != std::string::npos) {
        m_state = State::ChunkSize;
        return true;
    }
    const std::string length = header("content-length");
    if (!length.empty()) {
        const auto [ptr, error] = std::from_chars(length.data(), length.data() + length.size(), m_remaining);
        if (error != std::errc() || ptr != length.data() + length.size() || m_remaining < 0)
            return fail("invalid Content-Length from upstream");
        m_state = m_remaining == 0 ? State::Done : State::Body;
        return true;
    }
    m_framed = false; // the body runs until the server closes the connection
    m_state = State::UntilClose;
    return true;
}

bool HttpResponseParser::onLine(std::string_view line)
{
    line = trimmed(line);
    switch (m_state) {
    case State::StatusLine: {
        // "HTTP/1.1 200 OK"
        if (line.substr(0, 5) != "HTTP/" || line.size() < 12)
            return fail("upstream did not answer with HTTP");
        m_http10 = line.substr(5, 3) == "1.0";
        const std::string_view code = line.substr(9, 3);
        const auto [ptr, error] = std::from_chars(code.data(), code.data() + code.size(), m_status);
        if (error != std::errc() || ptr != code.data() + code.size())
            return fail("malformed status line from upstream");
        m_state = State::Headers;
        return true;
    }
    case State::Headers: {
        if (line.empty()) {
            if (m_status == 100) { // an interim answer: the real one follows
                m_headers.clear();
                m_state = State::StatusLine;
                return true;
            }
            return startBody();
        }
        if (m_headers.size() >= maxHeaders)
            return fail("too many headers from upstream");
        const auto colon = line.find(':');
        if (colon == std::string_view::npos)
            return fail("malformed header from upstream");
        m_headers.emplace_back(lowered(trimmed(line.substr(0, colon))), std::string(trimmed(line.substr(colon + 1))));
        return true;
    }
    case State::ChunkSize: {
        const std::string_view hex = line.substr(0, line.find(';'));
        const auto [ptr, error] = std::from_chars(hex.data(), hex.data() + hex.size(), m_remaining, 16);
        if (hex.empty() || error != std::errc() || m_remaining < 0)
            return fail("malformed chunk size from upstream");
        m_state = m_remaining == 0 ? State::Trailers : State::ChunkData;
        return true;
    }
    case State::ChunkDataEnd:
        if (!line.empty())
            return fail("malformed chunk from upstream");
        m_state = State::ChunkSize;
        return true;
    case State::Trailers:
        if (line.empty())
            m_state = State::Done;
        return true;
    default:
        return true;
    }
}

bool HttpResponseParser::feed(std::string_view bytes, std::string &body)
{
    while (!bytes.empty()) {
        switch (m_state) {
        case State::Done:
            return true; // anything after a complete response is not ours
        case State::Failed:
            return false;
        case State::UntilClose:
            body.append(bytes);
            return true;
        case State::Body:
        case State::ChunkData: {
            const auto take = static_cast<std::size_t>(std::min<long long>(m_remaining, static_cast<long long>(bytes.size())));
            body.append(bytes.substr(0, take));
            bytes.remove_prefix(take);
            m_remaining -= static_cast<long long>(take);
            if (m_remaining == 0)
                m_state = m_state == State::Body ? State::Done : State::ChunkDataEnd;
            break;
        }
        default: { // line-oriented states
            const auto end = bytes.find('\n');
            if (end == std::string_view::npos) {
                m_line.append(bytes);
                if (m_line.size() > maxLineBytes)
                    return fail("upstream header line too long");
                return true;
            }
            m_line.append(bytes.substr(0, end));
            bytes.remove_prefix(end + 1);
            const std::string line = std::move(m_line);
            m_line.clear();
            if (!onLine(line))
                return false;
        }
        }
    }
    return true;
}

void HttpResponseParser::connectionClosed()
{
    if (m_state == State::UntilClose)
        m_state = State::Done;
    else if (m_state != State::Done && m_state != State::Failed)
        fail("upstream closed the connection before the answer was complete");
}

} // namespace hydra::upstream
