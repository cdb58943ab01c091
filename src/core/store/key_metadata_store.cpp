#include "key_metadata_store.h"

#include "atomic_file.h"
#include "keys_file.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QSaveFile>

using nlohmann::json;

namespace hydra::store {
namespace {

constexpr int formatVersion = 1;

std::string text(const json &object, const char *field)
{
    const auto it = object.find(field);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

} // namespace

std::variant<std::vector<StoredKey>, std::string> parseKeyMetadata(std::string_view source)
{
    json document;
    try {
        document = json::parse(source);
    } catch (const json::parse_error &error) {
        return "malformed JSON at " + textPosition(source, error.byte);
    } catch (const json::exception &) { // out_of_range: a number too large for a double (1e999)
        return std::string("holds a number too large to read");
    }
    if (!document.is_object() || !document.value("keys", json()).is_array())
        return std::string("expected an object with a \"keys\" array");
    const json version = document.value("version", json());
    if (!version.is_number_integer())
        return std::string("has no format \"version\"");
    if (version.get<long long>() > formatVersion)
        return "written by a newer Hydra (format version " + version.dump() + ")";

    std::vector<StoredKey> keys;
    for (const json &entry : document["keys"]) {
        const std::string where = "key " + std::to_string(keys.size() + 1);
        if (!entry.is_object())
            return where + " is not an object";
        StoredKey key;
        key.id = text(entry, "id");
        key.label = text(entry, "label");
        if (key.id.empty() || key.label.empty())
            return where + " has no \"id\" or \"label\"";
        for (const StoredKey &other : keys)
            if (other.id == key.id || other.label == key.label)
                return where + " repeats the id or label of another key";
        key.email = text(entry, "email");
        key.projectId = text(entry, "project_id");
        key.maskedKey = text(entry, "masked_key");
        key.added = text(entry, "added");
        if (const json check = entry.value("last_check", json()); check.is_object()) {
            KeyCheckRecord record;
            record.result = text(check, "result");
            record.detail = text(check, "detail");
            record.at = text(check, "at");
            if (const json latency = check.value("latency_ms", json()); latency.is_number_integer())
                record.latencyMs = latency.get<std::int64_t>();
            if (!record.result.empty())
                key.lastCheck = std::move(record);
        }
        keys.push_back(std::move(key));
    }
    return keys;
}

std::string serializeKeyMetadata(const std::vector<StoredKey> &keys)
{
    // ordered_json: fields in the order people read them.
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const StoredKey &key : keys) {
        nlohmann::ordered_json entry = {{"id", key.id}, {"label", key.label}};
        if (!key.email.empty())
            entry["email"] = key.email;
        if (!key.projectId.empty())
            entry["project_id"] = key.projectId;
        entry["masked_key"] = key.maskedKey;
        entry["added"] = key.added;
        if (key.lastCheck) {
            nlohmann::ordered_json check = {{"result", key.lastCheck->result}, {"at", key.lastCheck->at},
                          {"latency_ms", key.lastCheck->latencyMs}};
            if (!key.lastCheck->detail.empty())
                check["detail"] = key.lastCheck->detail;
            entry["last_check"] = std::move(check);
        }
        list.push_back(std::move(entry));
    }
    return nlohmann::ordered_json{{"version", formatVersion}, {"keys", std::move(list)}}.dump(2) + "\n";
}

KeyMetadataStore::KeyMetadataStore(QString configDir)
    : m_configDir(std::move(configDir))
{
}

QString KeyMetadataStore::filePath() const
{
    return QDir(m_configDir).filePath(QString::fromLatin1(fileName));
}

std::variant<std::vector<StoredKey>, std::string> KeyMetadataStore::load() const
{
    QFile file(filePath());
    if (!file.exists())
        return std::vector<StoredKey>();
    if (!file.open(QIODevice::ReadOnly))
        return filePath().toStdString() + ": " + file.errorString().toStdString();
    const QByteArray bytes = file.readAll();
    auto parsed = parseKeyMetadata(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
    if (auto *error = std::get_if<std::string>(&parsed))
        return filePath().toStdString() + ": " + *error;
    return parsed;
}

std::optional<std::string> KeyMetadataStore::save(const std::vector<StoredKey> &keys) const
{
    if (!makePrivateDirectory(m_configDir))
        return "cannot create the config directory " + m_configDir.toStdString();
    QSaveFile file(filePath());
    if (!file.open(QIODevice::WriteOnly))
        return filePath().toStdString() + ": " + file.errorString().toStdString();
    // Not secret, but whose keys these are is nobody else's business either.
    file.setPermissions(ownerOnlyFile);
    const std::string bytes = serializeKeyMetadata(keys);
    if (file.write(bytes.data(), static_cast<qint64>(bytes.size())) != static_cast<qint64>(bytes.size()) ||
        !file.commit())
        return filePath().toStdString() + ": " + file.errorString().toStdString();
    return std::nullopt;
}

} // namespace hydra::store
