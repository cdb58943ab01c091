#include "key_paste.h"

#include "secrets.h"
#include "store/keys_file.h"

#include <algorithm>
#include <map>

namespace hydra::keys {
namespace {

constexpr std::string_view spaces = " \t\r\f\v";

std::string_view trimmed(std::string_view text)
{
    const auto first = text.find_first_not_of(spaces);
    if (first == std::string_view::npos)
        return {};
    return text.substr(first, text.find_last_not_of(spaces) - first + 1);
}

// Spaces, then one pair of matching quotes around the whole, then spaces again.
std::string_view unquoted(std::string_view text)
{
    text = trimmed(text);
    if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') && text.back() == text.front())
        text = trimmed(text.substr(1, text.size() - 2));
    return text;
}

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const auto end = text.find(separator, start);
        parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos)
            return parts;
        start = end + 1;
    }
}

int lineAt(std::string_view text, std::size_t byte)
{
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(std::min(byte, text.size())), '\n'));
}

bool isHeader(std::string_view key)
{
    return key == "api_key" || key == "key" || key == "API key" || key == "apiKey";
}

class Collector
{
public:
    Collector(PastedKeys &result, const std::vector<store::StoredKey> &stored) : m_result(result)
    {
        for (const store::StoredKey &key : stored)
            m_stored.emplace(key.id, key.label);
    }

    void problem(int line, std::string reason) { m_result.problems.push_back({line, std::move(reason)}); }

    void key(int line, store::NewKey key)
    {
        if (const auto problem = store::KeyRing::secretProblem(key.secret))
            return this->problem(line, *problem);
        const std::string id = fingerprintSecret(key.secret);
        const std::string masked = maskSecret(key.secret);
        if (const auto earlier = m_seen.find(id); earlier != m_seen.end())
            return m_result.duplicates.push_back(
                {line, "the same key (" + masked + ") as line " + std::to_string(earlier->second)});
        if (const auto stored = m_stored.find(id); stored != m_stored.end())
            return m_result.duplicates.push_back({line, "this key (" + masked + ") is stored already, as " + stored->second});
        m_seen.emplace(id, line);
        m_result.keys.push_back(std::move(key));
        m_result.lines.push_back(line);
    }

private:
    PastedKeys &m_result;
    std::map<std::string, std::string> m_stored; // id -> label
    std::map<std::string, int> m_seen;           // id -> line
};

void parseJsonArray(std::string_view text, Collector &collect)
{
    auto parsed = store::parseKeysJson(text);
    if (const auto *error = std::get_if<std::string>(&parsed))
        return collect.problem(0, *error);
    // keys.json has no line numbers of its own: each entry is where its key first appears
    // after the previous entry's.
    std::size_t from = 0;
    for (pool::KeyInfo &info : std::get<std::vector<pool::KeyInfo>>(parsed)) {
        const auto at = text.find('"' + info.secret + '"', from);
        from = at == std::string_view::npos ? from : at + info.secret.size();
        store::NewKey key;
        key.secret = std::move(info.secret);
        key.email = std::move(info.email);
        key.projectId = std::move(info.projectId);
        collect.key(lineAt(text, from), std::move(key)); // label: KeyRing::chooseLabel, as for the other forms
    }
}

void parseLine(std::string_view text, int line, Collector &collect)
{
    text = trimmed(text); // a trailing tab is a space, not a separator
    const char separator = text.find('\t') != std::string_view::npos ? '\t' : ',';
    const auto fields = split(text, separator);
    if (fields.size() == 1)
        return collect.key(line, {std::string(unquoted(text)), {}, {}, {}, {}});
    if (fields.size() != 3)
        return collect.problem(line, "expected one key, or email,key,project; found " + std::to_string(fields.size()) +
                                         " fields");
    const std::string_view email = unquoted(fields[0]);
    const std::string_view secret = unquoted(fields[1]);
    if (isHeader(secret))
        return; // a spreadsheet's header row
    if (!email.empty() && email.find('@') == std::string_view::npos)
        return collect.problem(line, "the first field should be an email address (email,key,project)");
    collect.key(line, {std::string(secret), std::string(email), std::string(unquoted(fields[2])), {}, {}});
}

} // namespace

PastedKeys parsePastedKeys(std::string_view text, const std::vector<store::StoredKey> &stored)
{
    PastedKeys result;
    Collector collect(result, stored);
    if (trimmed(text).substr(0, 1) == "[") {
        parseJsonArray(text, collect);
        return result;
    }
    int line = 0;
    for (std::string_view row : split(text, '\n')) {
        ++line;
        if (!unquoted(row).empty())
            parseLine(row, line, collect);
    }
    return result;
}

} // namespace hydra::keys
