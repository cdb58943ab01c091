#pragma once
// Follows the request boundaries of one HTTP/1.1 connection, byte by byte. Each request's
// head is parsed strictly (request_head.h) and handed to an admission step the moment it
// is complete, before any of its body is read: a request that may not be served is refused
// from its head, and one that may is given its body limit there. QHttpServer (before Qt
// 6.11) has no limits of its own and buffers whole bodies, so this is where they are kept.
// Pure logic.

#include "request_head.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace hydra::server {

class RequestFramer
{
public:
    enum class Verdict {
        Ok,
        HeadersTooLarge, // 431
        BodyTooLarge,    // 413
        Malformed,       // rejection() says why and with which status (400, 431, 501, 505)
        Refused,         // the admission step turned the request away
    };
    // Decides about a request from its head: the body limit it is allowed, or nothing to refuse it.
    using Admission = std::function<std::optional<std::int64_t>(const RequestHead &)>;
    enum class Phase { Idle, Head, Body };

    // Without an admission step, every request may send up to maxBodyBytes.
    RequestFramer(std::size_t maxHeaderBytes, std::int64_t maxBodyBytes, Admission admission = {});

    // Once it returns anything but Ok the connection is out of step: feed it nothing more.
    Verdict feed(std::string_view bytes);
    Phase phase() const;
    // True while a request has started arriving but is not complete yet.
    bool midRequest() const { return phase() != Phase::Idle; }
    // Requests whose last byte has arrived on this connection.
    std::uint64_t completedRequests() const { return m_completed; }
    // Body bytes of the current request that have arrived so far.
    std::int64_t bodyBytesSoFar() const { return m_bodyBytes; }
    // True once for an admitted request that asked "Expect: 100-continue" and whose body has
    // not all arrived: the client waits for a 100 (Continue) before sending it.
    bool takeContinueRequest() { return std::exchange(m_wantsContinue, false) && midRequest(); }
    // Why the last Malformed verdict was given.
    const HeadRejection &rejection() const { return m_rejection; }

private:
    enum class State { Idle, Headers, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers };

    Verdict headersComplete();
    Verdict step(std::string_view &bytes);
    Verdict malformed(HeadRejection rejection);
    void requestDone();

    std::size_t m_maxHeaderBytes;
    std::int64_t m_maxBodyBytes;      // the listener's hard limit
    std::int64_t m_admittedBodyBytes; // the current request's limit, from its admission
    Admission m_admission;
    State m_state = State::Idle;
    std::string m_headers; // the header block of the current request (bounded)
    std::string m_line;    // chunk-size / trailer line being read (bounded)
    std::int64_t m_remaining = 0;
    std::int64_t m_bodyBytes = 0;
    std::uint64_t m_completed = 0;
    bool m_wantsContinue = false;
    HeadRejection m_rejection;
};

} // namespace hydra::server
