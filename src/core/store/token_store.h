#pragma once
// tokens.json in the config dir: the access tokens clients present to the gateway,
// stored only as SHA-256 digests, with a name, when they were created and last used.
//
//   {"version": 1, "tokens": [{"name": "cursor", "sha256": "9f86d0…", "created": "2025-05-01T10:00:00.000Z",
//     "last_used": "2025-05-02T08:00:00.000Z"}]}
//
// Several processes change it (the command line, the desktop app, a running gateway
// recording use), so every change is a read-modify-write under a lock file, and the file
// is replaced atomically. A running gateway notices changes by itself (AccessTokens).

#include <QString>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace hydra::store {

struct AccessToken
{
    std::string name;
    std::string sha256;   // lower-case hex of the token's SHA-256 digest
    std::string created;  // ISO 8601, UTC
    std::string lastUsed; // ISO 8601, UTC; empty: never used
};

// Pure: the file's text <-> entries. Errors say what is wrong and where.
std::variant<std::vector<AccessToken>, std::string> parseTokens(std::string_view text);
std::string serializeTokens(const std::vector<AccessToken> &tokens);

class TokenStore
{
public:
    static constexpr const char *fileName = "tokens.json";

    explicit TokenStore(QString configDir);

    QString filePath() const;
    // No file yet: no tokens. Errors start with the file's path.
    std::variant<std::vector<AccessToken>, std::string> load() const;
    // A new token under a new, valid name: returns the token itself (the only time it exists
    // outside the client that keeps it), or why not.
    std::variant<QByteArray, std::string> create(const QString &name) const;
    // Removes the token of that name; an error when there is none (or the file is unusable).
    std::optional<std::string> revoke(const QString &name) const;
    // Sets "last used" of the tokens with these digests (hex -> ISO time) when later than what
    // is stored. Tokens revoked meanwhile stay revoked; others created meanwhile stay.
    std::optional<std::string> recordUses(const std::map<std::string, std::string> &lastUsedByDigest) const;

private:
    // Reads the current entries under the lock, lets `change` edit them (it returns an error to
    // abandon the change, or nothing), and writes the result atomically before unlocking.
    template<typename Change>
    std::optional<std::string> modify(Change change) const;
    std::optional<std::string> save(const std::vector<AccessToken> &tokens) const;

    QString m_configDir;
};

} // namespace hydra::store
