#include "sse_parser.h"

namespace hydra::upstream {

std::vector<std::string> SseParser::feed(std::string_view bytes)
{
    std::vector<std::string> events;
    size_t pos = 0;
    while (pos < bytes.size()) {
        if (m_afterCarriageReturn) {
            m_afterCarriageReturn = false;
            if (bytes[pos] == '\n') { // the LF of a CRLF whose CR ended the last read
                ++pos;
                continue;
            }
        }
        const size_t end = bytes.find_first_of("\r\n", pos);
        if (end == std::string_view::npos) {
            m_line.append(bytes.substr(pos));
            break;
        }
        m_line.append(bytes.substr(pos, end - pos));
        endLine(events);
        if (bytes[end] == '\r') {
            if (end + 1 < bytes.size()) {
                pos = end + (bytes[end + 1] == '\n' ? 2 : 1);
            } else {
                m_afterCarriageReturn = true;
                pos = end + 1;
            }
        } else {
            pos = end + 1;
        }
    }
    return events;
}

std::vector<std::string> SseParser::finish()
{
    std::vector<std::string> events;
    if (!m_line.empty())
        endLine(events);
    endLine(events); // a blank line dispatches whatever data is pending
    return events;
}

void SseParser::endLine(std::vector<std::string> &events)
{
    if (m_line.empty()) {
        if (m_hasData)
            events.push_back(std::move(m_data));
        m_data.clear();
        m_hasData = false;
        return;
    }
    std::string_view line = m_line;
    if (line.front() != ':') { // lines starting with ':' are comments
        const size_t colon = line.find(':');
        const std::string_view field = line.substr(0, colon);
        std::string_view value = colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1);
        if (!value.empty() && value.front() == ' ')
            value.remove_prefix(1);
        if (field == "data") {
            if (m_hasData)
                m_data.push_back('\n');
            m_data.append(value);
            m_hasData = true;
        }
    }
    m_line.clear();
}

} // namespace hydra::upstream
