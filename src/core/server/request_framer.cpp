#include "request_framer.h"

#include "http_text.h"

#include <algorithm>
#include <charconv>

namespace hydra::server {
namespace {

using http_text::lowered;
using http_text::trimmed;


constexpr std::size_t maxLineBytes = 4096;

} // namespace

RequestFramer::RequestFramer(std::size_t maxHeaderBytes, std::int64_t maxBodyBytes)
    : m_maxHeaderBytes(maxHeaderBytes)
    , m_maxBodyBytes(maxBodyBytes)
{
}

RequestFramer::Verdict RequestFramer::feed(std::string_view bytes)
{
    while (!bytes.empty()) {
        const Verdict verdict = step(bytes);
        if (verdict != Verdict::Ok)
            return verdict;
    }
    return Verdict::Ok;
}

void RequestFramer::requestDone()
{
    m_state = State::Idle;
    m_headers.clear();
    m_line.clear();
    m_bodyBytes = 0;
    ++m_completed;
}

RequestFramer::Verdict RequestFramer::headersComplete()
{
    std::int64_t contentLength = 0;
    bool hasLength = false;
    bool chunked = false;
    std::string_view block = m_headers;
    block.remove_prefix(std::min(block.find('\n') + 1, block.size())); // skip the request line
    while (!block.empty()) {
        const std::size_t end = block.find('\n');
        const std::string_view line = block.substr(0, end);
        block.remove_prefix(end == std::string_view::npos ? block.size() : end + 1);
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            continue;
        const std::string name = lowered(trimmed(line.substr(0, colon)));
        const std::string_view value = trimmed(line.substr(colon + 1));
        if (name == "content-length") {
            std::int64_t length = 0;
            const auto [ptr, error] = std::from_chars(value.data(), value.data() + value.size(), length);
            // Two lengths that differ are a request smuggling attempt or a broken client, and
            // QHttpServer would believe the first where this framer counted the last.
            if (error != std::errc() || ptr != value.data() + value.size() || length < 0 ||
                (hasLength && length != contentLength))
                return Verdict::Malformed;
            contentLength = length;
            hasLength = true;
        } else if (name == "transfer-encoding") {
            chunked = lowered(value).find("chunked") != std::string::npos;
        } else if (name == "expect") {
            m_wantsContinue = lowered(value) == "100-continue";
        }
    }
    if (chunked && hasLength)
        return Verdict::Malformed; // RFC 9112 section 6.1: the two disagree on where the body ends
    m_headers.clear();
    if (chunked) {
        m_state = State::ChunkSize;
        return Verdict::Ok;
    }
    if (contentLength > m_maxBodyBytes)
        return Verdict::BodyTooLarge;
    m_remaining = contentLength;
    if (m_remaining == 0)
        requestDone();
    else
        m_state = State::Body;
    return Verdict::Ok;
}

RequestFramer::Verdict RequestFramer::step(std::string_view &bytes)
{
    switch (m_state) {
    case State::Idle:
        // Stray CRLFs between requests are allowed (RFC 9112 section 2.2).
        if (bytes.front() == '\r' || bytes.front() == '\n') {
            bytes.remove_prefix(1);
            return Verdict::Ok;
        }
        m_state = State::Headers;
        return Verdict::Ok;
    case State::Headers: {
        const std::size_t before = m_headers.size();
        const std::size_t take = std::min(bytes.size(), m_maxHeaderBytes + 4 - std::min(before, m_maxHeaderBytes + 4));
        m_headers.append(bytes.substr(0, take));
        std::size_t end = m_headers.find("\r\n\r\n", before >= 3 ? before - 3 : 0);
        std::size_t terminator = 4;
        if (end == std::string::npos) {
            end = m_headers.find("\n\n", before >= 1 ? before - 1 : 0);
            terminator = 2;
        }
        if (end == std::string::npos) {
            // Up to 3 bytes of the blank line may already be in: the verdict must not
            // depend on where the network cut the terminator.
            if (m_headers.size() > m_maxHeaderBytes + 3)
                return Verdict::HeadersTooLarge;
            bytes.remove_prefix(take);
            return Verdict::Ok;
        }
        if (end > m_maxHeaderBytes)
            return Verdict::HeadersTooLarge;
        const std::size_t used = end + terminator - before; // bytes of this read that belong to the headers
        m_headers.resize(end);
        bytes.remove_prefix(used);
        return headersComplete();
    }
    case State::Body: {
        const auto take = static_cast<std::int64_t>(std::min<std::size_t>(bytes.size(), m_remaining));
        bytes.remove_prefix(take);
        m_remaining -= take;
        if (m_remaining == 0)
            requestDone();
        return Verdict::Ok;
    }
    case State::ChunkSize:
    case State::ChunkDataEnd:
    case State::Trailers: {
        const std::size_t end = bytes.find('\n');
        m_line.append(bytes.substr(0, end));
        if (m_line.size() > maxLineBytes)
            return Verdict::Malformed;
        if (end == std::string_view::npos) {
            bytes = {};
            return Verdict::Ok;
        }
        bytes.remove_prefix(end + 1);
        const std::string_view line = trimmed(m_line);
        if (m_state == State::ChunkDataEnd) {
            m_line.clear();
            m_state = State::ChunkSize;
            return line.empty() ? Verdict::Ok : Verdict::Malformed;
        }
        if (m_state == State::Trailers) {
            const bool last = line.empty();
            m_line.clear();
            if (last)
                requestDone();
            return Verdict::Ok;
        }
        std::int64_t size = 0;
        const std::string_view hex = line.substr(0, line.find(';'));
        const auto [ptr, error] = std::from_chars(hex.data(), hex.data() + hex.size(), size, 16);
        m_line.clear();
        if (error != std::errc() || hex.empty() || size < 0)
            return Verdict::Malformed;
        m_bodyBytes += size;
        if (m_bodyBytes > m_maxBodyBytes)
            return Verdict::BodyTooLarge;
        if (size == 0) {
            m_state = State::Trailers;
        } else {
            m_remaining = size;
            m_state = State::ChunkData;
        }
        return Verdict::Ok;
    }
    case State::ChunkData: {
        const auto take = static_cast<std::int64_t>(std::min<std::size_t>(bytes.size(), m_remaining));
        bytes.remove_prefix(take);
        m_remaining -= take;
        if (m_remaining == 0)
            m_state = State::ChunkDataEnd;
        return Verdict::Ok;
    }
    }
    return Verdict::Ok;
}

} // namespace hydra::server
