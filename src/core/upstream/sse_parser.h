#pragma once
// Incremental Server-Sent Events parser. Bytes arrive in arbitrary pieces from the
// network; complete events come out as soon as their terminating blank line is in.
// Accepts LF, CRLF and CR line endings (Google's framing is not documented and
// proxies rewrite it), including a CRLF split across two reads.

#include <string>
#include <string_view>
#include <vector>

namespace hydra::upstream {

class SseParser
{
public:
    // Returns the `data` payloads of every event completed by these bytes.
    std::vector<std::string> feed(std::string_view bytes);
    // The stream ended: an event that lacked its final blank line still counts.
    std::vector<std::string> finish();

private:
    void endLine(std::vector<std::string> &events);

    std::string m_line;
    std::string m_data;
    bool m_hasData = false;
    bool m_afterCarriageReturn = false;
};

} // namespace hydra::upstream
