#pragma once
// Follows the request boundaries of one HTTP/1.1 connection, byte by byte, so that
// oversized requests are refused from their headers, before QHttpServer buffers
// the body in memory (it has no limits of its own before Qt 6.11). Pure logic.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace hydra::server {

class RequestFramer
{
public:
    enum class Verdict { Ok, HeadersTooLarge, BodyTooLarge, Malformed };

    RequestFramer(std::size_t maxHeaderBytes, std::int64_t maxBodyBytes);

    Verdict feed(std::string_view bytes);
    // True while a request has started arriving but is not complete yet.
    bool midRequest() const { return m_state != State::Idle; }
    // Requests whose last byte has arrived on this connection.
    std::uint64_t completedRequests() const { return m_completed; }
    // True once for a request that asked "Expect: 100-continue" and whose body has not all
    // arrived: the client waits for a 100 (Continue) before sending it.
    bool takeContinueRequest() { return std::exchange(m_wantsContinue, false) && midRequest(); }

private:
    enum class State { Idle, Headers, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers };

    Verdict headersComplete();
    Verdict step(std::string_view &bytes);
    void requestDone();

    std::size_t m_maxHeaderBytes;
    std::int64_t m_maxBodyBytes;
    State m_state = State::Idle;
    std::string m_headers;   // the header block of the current request (bounded)
    std::string m_line;      // chunk-size / trailer line being read (bounded)
    std::int64_t m_remaining = 0;
    std::int64_t m_bodyBytes = 0;
    std::uint64_t m_completed = 0;
    bool m_wantsContinue = false;
};

} // namespace hydra::server
