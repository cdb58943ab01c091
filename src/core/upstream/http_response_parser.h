#pragma once
// Incremental HTTP/1.1 response parser for the upstream client: status line,
// headers, then a body framed by Content-Length, chunked encoding, or the end of
// the connection. Pure: bytes in, body bytes out.

#include <string>
#include <string_view>
#include <vector>

namespace hydra::upstream {

class HttpResponseParser
{
public:
    // Appends the body bytes contained in `bytes` to `body`. False on a protocol error
    // (see error()); the connection is then unusable.
    bool feed(std::string_view bytes, std::string &body);
    // The connection closed: completes a body that runs until the end of the connection.
    void connectionClosed();

    bool headersComplete() const { return m_state > State::Headers; }
    bool done() const { return m_state == State::Done; }
    int status() const { return m_status; }
    // Lower-case header name -> value (the last one wins).
    std::string header(std::string_view lowerCaseName) const;
    // The connection may carry another request after this response.
    bool reusable() const { return done() && m_keepAlive && m_framed; }
    const std::string &error() const { return m_error; }

private:
    enum class State { StatusLine, Headers, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers, UntilClose, Done, Failed };

    bool fail(std::string why);
    bool onLine(std::string_view line);
    bool startBody();

    State m_state = State::StatusLine;
    std::string m_line;
    int m_status = 0;
    bool m_http10 = false;
    bool m_keepAlive = true;
    bool m_framed = true;
    long long m_remaining = 0;
    std::vector<std::pair<std::string, std::string>> m_headers;
    std::string m_error;
};

} // namespace hydra::upstream
