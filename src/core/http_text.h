#pragma once
// Small text helpers shared by the two HTTP/1.1 parsers (requests in, responses back).

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace hydra::http_text {

inline std::string lowered(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

// Without the spaces and tabs around it (and a line's trailing CR).
inline std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

} // namespace hydra::http_text
