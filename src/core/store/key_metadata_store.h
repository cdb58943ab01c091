#pragma once
// keys-meta.json in the config dir: what Hydra knows about each stored key except the key
// itself (label, email, project, when it was added, the last check), in the keys' order.
// The key lives in the OS keychain under "Hydra/gemini/<id>"; this file never holds it.
//
//   {"version": 1, "keys": [{"id": "3f2a…", "label": "me@example.com", "email": "…",
//     "project_id": "…", "masked_key": "AIza…abcd", "added": "2025-05-01T10:00:00Z",
//     "last_check": {"result": "valid", "detail": "", "latency_ms": 412, "at": "…"}}]}

#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace hydra::store {

struct KeyCheckRecord
{
    std::string result; // keys::statusName(): "valid", "invalid", "no free tier", ...
    std::string detail; // why, for anything but valid (never contains the key)
    std::int64_t latencyMs = 0;
    std::string at; // ISO 8601, UTC
};

struct StoredKey
{
    std::string id; // fingerprintSecret(key): names the keychain entry
    std::string label;
    std::string email;     // optional
    std::string projectId; // optional
    std::string maskedKey; // "AIza…abcd"
    std::string added;     // ISO 8601, UTC
    std::optional<KeyCheckRecord> lastCheck;
};

// Pure: the file's text <-> entries. Parse errors name line and column.
std::variant<std::vector<StoredKey>, std::string> parseKeyMetadata(std::string_view text);
std::string serializeKeyMetadata(const std::vector<StoredKey> &keys);

class KeyMetadataStore
{
public:
    static constexpr const char *fileName = "keys-meta.json";

    explicit KeyMetadataStore(QString configDir);

    QString filePath() const;
    // No file yet: no keys. Errors start with the file's path.
    std::variant<std::vector<StoredKey>, std::string> load() const;
    // Replaces the file atomically (QSaveFile), creating the config dir when needed.
    // Returns an error, or nothing on success.
    std::optional<std::string> save(const std::vector<StoredKey> &keys) const;

private:
    QString m_configDir;
};

} // namespace hydra::store
