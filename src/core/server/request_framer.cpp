#include "request_framer.h"

#include "http_text.h"

#include <algorithm>
#include <charconv>

namespace hydra::server {
namespace {

using http_text::trimmed;


constexpr std::size_t maxLineBytes = 4096;

} // namespace

RequestFramer::RequestFramer(std::size_t maxHeaderBytes, std::int64_t maxBodyBytes, Admission admission)
    : m_maxHeaderBytes(maxHeaderBytes)
    , m_maxBodyBytes(maxBodyBytes)
    , m_admittedBodyBytes(maxBodyBytes)
    , m_admission(std::move(admission))
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

RequestFramer::Phase RequestFramer::phase() const
{
    switch (m_state) {
    case State::Idle:
        return Phase::Idle;
    case State::Headers:
        return Phase::Head;
    default:
        return Phase::Body;
    }
}

void RequestFramer::requestDone()
{
    m_state = State::Idle;
    m_headers.clear();
    m_line.clear();
    m_bodyBytes = 0;
    m_wantsContinue = false;
    ++m_completed;
}

RequestFramer::Verdict RequestFramer::malformed(HeadRejection rejection)
{
    m_rejection = std::move(rejection);
    return Verdict::Malformed;
}

RequestFramer::Verdict RequestFramer::headersComplete()
{
    auto parsed = parseRequestHead(m_headers);
    m_headers.clear();
    if (auto *rejection = std::get_if<HeadRejection>(&parsed))
        return malformed(std::move(*rejection));
    const RequestHead &head = std::get<RequestHead>(parsed);
    m_admittedBodyBytes = m_maxBodyBytes;
    if (m_admission) {
        const std::optional<std::int64_t> limit = m_admission(head);
        if (!limit)
            return Verdict::Refused;
        m_admittedBodyBytes = std::min(*limit, m_maxBodyBytes);
    }
    if (head.chunked) {
        m_wantsContinue = head.expectsContinue;
        m_state = State::ChunkSize;
        return Verdict::Ok;
    }
    if (head.contentLength > m_admittedBodyBytes)
        return Verdict::BodyTooLarge;
    m_remaining = head.contentLength;
    if (m_remaining == 0) {
        requestDone();
    } else {
        m_wantsContinue = head.expectsContinue;
        m_state = State::Body;
    }
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
        // The head ends at the first empty line: a line feed followed by a line feed, or by CR LF
        // (lines may end in CR LF or a bare LF). The earliest one, however the bytes were split.
        std::size_t end = std::string::npos;
        std::size_t terminator = 0;
        for (std::size_t at = m_headers.find('\n', before >= 2 ? before - 2 : 0); at != std::string::npos;
             at = m_headers.find('\n', at + 1)) {
            if (at + 1 < m_headers.size() && m_headers[at + 1] == '\n') {
                end = at;
                terminator = 2;
                break;
            }
            if (at + 2 < m_headers.size() && m_headers[at + 1] == '\r' && m_headers[at + 2] == '\n') {
                end = at;
                terminator = 3;
                break;
            }
        }
        if (end == std::string::npos) {
            // Up to 3 bytes of the blank line may already be in: the verdict must not
            // depend on where the network cut the terminator.
            if (m_headers.size() > m_maxHeaderBytes + 3)
                return Verdict::HeadersTooLarge;
            bytes.remove_prefix(take);
            return Verdict::Ok;
        }
        const std::size_t used = end + terminator - before; // bytes of this read that belong to the headers
        if (end > 0 && m_headers[end - 1] == '\r')
            --end; // the last line's CR is not part of the block
        if (end > m_maxHeaderBytes)
            return Verdict::HeadersTooLarge;
        m_headers.resize(end);
        bytes.remove_prefix(used);
        return headersComplete();
    }
    case State::Body: {
        const auto take = static_cast<std::int64_t>(std::min<std::size_t>(bytes.size(), m_remaining));
        bytes.remove_prefix(take);
        m_remaining -= take;
        m_bodyBytes += take;
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
            return malformed({400, "A chunk-size or trailer line of the request body is too long."});
        if (end == std::string_view::npos) {
            bytes = {};
            return Verdict::Ok;
        }
        bytes.remove_prefix(end + 1);
        const std::string_view line = trimmed(m_line);
        if (m_state == State::ChunkDataEnd) {
            m_line.clear();
            m_state = State::ChunkSize;
            return line.empty() ? Verdict::Ok : malformed({400, "A chunk of the request body is longer than its size says."});
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
        if (error != std::errc() || hex.empty() || ptr != hex.data() + hex.size() || size < 0)
            return malformed({400, "A chunk size of the request body is malformed."});
        // Compared before adding: a chunk size near 2^63 would overflow the sum.
        if (size > m_admittedBodyBytes - m_bodyBytes)
            return Verdict::BodyTooLarge;
        m_bodyBytes += size;
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
