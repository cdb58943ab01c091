#include "keys_file.h"

#include <nlohmann/json.hpp>

#include <QFile>

using nlohmann::json;

namespace hydra::store {
std::string textPosition(std::string_view text, std::size_t byte)
{
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i + 1 < byte && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

namespace {

std::string optionalString(const json &entry, const char *field)
{
    const auto it = entry.find(field);
    return it != entry.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The token a parse error's message quotes ("; last read: '<token>'"), exactly as quoted: the
// message alone cannot tell where it ends, since a token may itself hold "'; expected ".
struct LastToken final : nlohmann::json_sax<json>
{
    std::string token;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t &) override { return true; }
    bool string(string_t &) override { return true; }
    bool binary(binary_t &) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t &) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t, const std::string &lastToken, const json::exception &) override
    {
        token = lastToken;
        return false;
    }
};

} // namespace

std::variant<std::vector<pool::KeyInfo>, std::string> parseKeysJson(std::string_view text)
{
    json document;
    try {
        document = json::parse(text);
    } catch (const json::parse_error &error) {
        std::string what = error.what();
        // nlohmann's message repeats the byte offset; people want line and column.
        const auto detail = what.find("parse error");
        if (detail != std::string::npos)
            what.erase(0, detail);
        // It also quotes the token it was reading ("last read: '...'"), which can be
        // an API key: keep the file's content out of a message meant for screens and logs.
        if (const auto lastRead = what.find("; last read: '"); lastRead != std::string::npos) {
            LastToken last;
            (void)json::sax_parse(text, &last);
            const std::string quoted = "; last read: '" + last.token + "'";
            // Exactly the quoted token goes (what follows, "; expected ...", stays); should it
            // not be there as quoted, everything from the marker on goes.
            what.erase(lastRead, what.compare(lastRead, quoted.size(), quoted) == 0 ? quoted.size() : std::string::npos);
        }
        return "malformed JSON at " + textPosition(text, error.byte) + ": " + what;
    } catch (const json::exception &) { // out_of_range: a number too large for a double (1e999)
        return std::string("a number in the file is too large to read");
    }
    if (!document.is_array())
        return std::string("expected a JSON array of {\"api_key\": ...} objects");
    std::vector<pool::KeyInfo> keys;
    for (std::size_t i = 0; i < document.size(); ++i) {
        const json &entry = document[i];
        const std::string where = "entry " + std::to_string(i + 1);
        if (!entry.is_object())
            return where + " is not an object";
        const std::string secret = optionalString(entry, "api_key");
        if (secret.empty())
            return where + " has no \"api_key\" string";
        if (secret.find_first_of(" \t\r\n\"") != std::string::npos)
            return where + " has an \"api_key\" with spaces or quotes in it";
        pool::KeyInfo key;
        key.secret = secret;
        key.email = optionalString(entry, "email");
        key.projectId = optionalString(entry, "project_id");
        key.label = !key.email.empty() ? key.email : "key-" + std::to_string(i + 1);
        keys.push_back(std::move(key));
    }
    return keys;
}

std::variant<std::vector<pool::KeyInfo>, std::string> readKeysFile(const std::string &path)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        return path + ": " + file.errorString().toStdString();
    const QByteArray bytes = file.readAll();
    auto parsed = parseKeysJson(std::string_view(bytes.constData(), bytes.size()));
    if (auto *error = std::get_if<std::string>(&parsed))
        return path + ": " + *error;
    return parsed;
}

} // namespace hydra::store
