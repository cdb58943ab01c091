#include "token_store.h"

#include "access_token.h"
#include "atomic_file.h"
#include "keys_file.h"

#include <nlohmann/json.hpp>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QSaveFile>

#include <algorithm>

using nlohmann::json;

namespace hydra::store {
namespace {

constexpr int formatVersion = 1;
constexpr int lockWaitMs = 10'000; // another Hydra process holds it for milliseconds, not seconds

std::string text(const json &object, const char *field)
{
    const auto it = object.find(field);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool isLowerHexDigest(const std::string &value)
{
    return value.size() == 64 &&
           std::all_of(value.begin(), value.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string nowIso()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString();
}

} // namespace

std::variant<std::vector<AccessToken>, std::string> parseTokens(std::string_view source)
{
    json document;
    try {
        document = json::parse(source);
    } catch (const json::parse_error &error) {
        return "malformed JSON at " + textPosition(source, error.byte);
    } catch (const json::exception &) { // out_of_range: a number too large for a double (1e999)
        return std::string("holds a number too large to read");
    }
    if (!document.is_object() || !document.value("tokens", json()).is_array())
        return std::string("expected an object with a \"tokens\" array");
    const json version = document.value("version", json());
    if (!version.is_number_integer())
        return std::string("has no format \"version\"");
    if (version.get<long long>() > formatVersion)
        return "written by a newer Hydra (format version " + version.dump() + ")";

    std::vector<AccessToken> tokens;
    for (const json &entry : document["tokens"]) {
        const std::string where = "token " + std::to_string(tokens.size() + 1);
        if (!entry.is_object())
            return where + " is not an object";
        AccessToken token{text(entry, "name"), text(entry, "sha256"), text(entry, "created"), text(entry, "last_used")};
        if (token.name.empty() || !isLowerHexDigest(token.sha256))
            return where + " has no \"name\" or no valid \"sha256\"";
        for (const AccessToken &other : tokens)
            if (other.name == token.name)
                return where + " repeats the name '" + token.name + "'";
        tokens.push_back(std::move(token));
    }
    return tokens;
}

std::string serializeTokens(const std::vector<AccessToken> &tokens)
{
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const AccessToken &token : tokens) {
        nlohmann::ordered_json entry = {{"name", token.name}, {"sha256", token.sha256}, {"created", token.created}};
        entry["last_used"] = token.lastUsed.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(token.lastUsed);
        list.push_back(std::move(entry));
    }
    return nlohmann::ordered_json{{"version", formatVersion}, {"tokens", std::move(list)}}.dump(2) + "\n";
}

TokenStore::TokenStore(QString configDir)
    : m_configDir(std::move(configDir))
{
}

QString TokenStore::filePath() const
{
    return QDir(m_configDir).filePath(QString::fromLatin1(fileName));
}

std::variant<std::vector<AccessToken>, std::string> TokenStore::load() const
{
    QFile file(filePath());
    if (!file.exists())
        return std::vector<AccessToken>();
    if (!file.open(QIODevice::ReadOnly))
        return filePath().toStdString() + ": " + file.errorString().toStdString();
    const QByteArray bytes = file.readAll();
    auto parsed = parseTokens(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    if (auto *error = std::get_if<std::string>(&parsed))
        return filePath().toStdString() + ": " + *error + " (fix or remove the file; its tokens then stop working)";
    return parsed;
}

std::optional<std::string> TokenStore::save(const std::vector<AccessToken> &tokens) const
{
    QSaveFile file(filePath());
    if (!file.open(QIODevice::WriteOnly))
        return filePath().toStdString() + ": " + file.errorString().toStdString();
    file.setPermissions(ownerOnlyFile);
    const std::string bytes = serializeTokens(tokens);
    if (file.write(bytes.data(), static_cast<qint64>(bytes.size())) != static_cast<qint64>(bytes.size()) ||
        !file.commit())
        return filePath().toStdString() + ": " + file.errorString().toStdString();
    return std::nullopt;
}

template<typename Change>
std::optional<std::string> TokenStore::modify(Change change) const
{
    if (!makePrivateDirectory(m_configDir))
        return "cannot create the config directory " + m_configDir.toStdString();
    QLockFile lock(filePath() + QStringLiteral(".lock"));
    lock.setStaleLockTime(30'000); // a process that died holding it does not block us forever
    if (!lock.tryLock(lockWaitMs))
        return filePath().toStdString() + " is locked by another Hydra process (" +
               (filePath() + QStringLiteral(".lock")).toStdString() + "); try again";
    QFile::setPermissions(filePath() + QStringLiteral(".lock"), ownerOnlyFile); // QLockFile makes it 0644
    auto loaded = load();
    if (auto *error = std::get_if<std::string>(&loaded))
        return *error;
    auto &tokens = std::get<std::vector<AccessToken>>(loaded);
    if (auto refused = change(tokens))
        return refused;
    return save(tokens);
}

std::variant<QByteArray, std::string> TokenStore::create(const QString &name) const
{
    if (auto problem = tokenNameProblem(name))
        return *problem;
    const QByteArray token = generateAccessToken();
    const std::string digest = tokenDigest(token).toHex().toStdString();
    const std::string wanted = name.toStdString();
    const auto error = modify([&](std::vector<AccessToken> &tokens) -> std::optional<std::string> {
        for (const AccessToken &existing : tokens)
            if (existing.name == wanted)
                return "a token named '" + wanted + "' already exists (revoke it first, or choose another name)";
        tokens.push_back({wanted, digest, nowIso(), {}});
        return std::nullopt;
    });
    if (error)
        return *error;
    return token;
}

std::optional<std::string> TokenStore::revoke(const QString &name) const
{
    const std::string wanted = name.toStdString();
    return modify([&](std::vector<AccessToken> &tokens) -> std::optional<std::string> {
        const auto removed = std::erase_if(tokens, [&](const AccessToken &token) { return token.name == wanted; });
        if (removed == 0)
            return "no access token is named '" + wanted + "' (see hydra tokens list)";
        return std::nullopt;
    });
}

std::optional<std::string> TokenStore::recordUses(const std::map<std::string, std::string> &lastUsedByDigest) const
{
    return modify([&](std::vector<AccessToken> &tokens) -> std::optional<std::string> {
        for (AccessToken &token : tokens) {
            const auto it = lastUsedByDigest.find(token.sha256);
            // ISO 8601 UTC strings of one format sort by time.
            if (it != lastUsedByDigest.end() && it->second > token.lastUsed)
                token.lastUsed = it->second;
        }
        return std::nullopt;
    });
}

} // namespace hydra::store
