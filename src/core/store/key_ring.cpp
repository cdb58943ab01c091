#include "key_ring.h"

#include "secrets.h"

#include <QDateTime>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace hydra::store {
namespace {

bool taken(const std::vector<StoredKey> &keys, const std::string &label)
{
    return std::any_of(keys.begin(), keys.end(), [&label](const StoredKey &key) { return key.label == label; });
}

RingError metadataError(const std::string &message)
{
    return {RingError::Kind::Metadata, QString::fromStdString(message)};
}

} // namespace

QString KeyRing::entryName(const std::string &id)
{
    return QStringLiteral("Hydra/gemini/") + QString::fromStdString(id);
}

std::string KeyRing::chooseLabel(const std::vector<StoredKey> &existing, const NewKey &key)
{
    std::string base = !key.label.empty() ? key.label : !key.email.empty() ? key.email : key.projectId;
    if (base.empty() || labelProblem(base)) {
        for (std::size_t n = existing.size() + 1;; ++n)
            if (const std::string label = "key-" + std::to_string(n); !taken(existing, label))
                return label;
    }
    if (!taken(existing, base))
        return base;
    for (int n = 2;; ++n)
        if (const std::string label = base + "-" + std::to_string(n); !taken(existing, label))
            return label;
}

std::optional<std::string> KeyRing::labelProblem(const std::string &label)
{
    if (label.empty())
        return std::string("a label cannot be empty");
    if (label.size() > 200)
        return std::string("a label can have at most 200 characters");
    if (std::any_of(label.begin(), label.end(), [](char c) { return static_cast<unsigned char>(c) <= ' '; }))
        return "the label '" + label + "' has spaces or control characters in it";
    if (std::all_of(label.begin(), label.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return "the label '" + label + "' is a number, which would be taken for a position in the list";
    return std::nullopt;
}

std::optional<std::string> KeyRing::secretProblem(const std::string &secret)
{
    if (secret.empty())
        return std::string("the API key is empty");
    if (secret.find_first_of(" \t\r\n\"'") != std::string::npos)
        return std::string("the API key has spaces or quotes in it");
    if (secret.size() > 1024)
        return std::string("that is too long for an API key");
    return std::nullopt;
}

std::optional<std::size_t> KeyRing::find(const std::vector<StoredKey> &keys, const QString &labelOrIndex)
{
    const std::string wanted = labelOrIndex.toStdString();
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (keys[i].label == wanted)
            return i;
    bool isNumber = false;
    const qulonglong index = labelOrIndex.toULongLong(&isNumber);
    if (isNumber && index >= 1 && index <= keys.size())
        return static_cast<std::size_t>(index - 1);
    return std::nullopt;
}

KeyRing::KeyRing(QString configDir, SecretStore &secrets, QObject *parent)
    : QObject(parent)
    , m_metadata(std::move(configDir))
    , m_secrets(secrets)
{
}

std::variant<std::vector<StoredKey>, std::string> KeyRing::list() const
{
    return m_metadata.load();
}

void KeyRing::later(std::function<void()> call)
{
    QTimer::singleShot(0, this, std::move(call));
}

void KeyRing::add(NewKey key, std::function<void(const RingError &, const StoredKey &)> done)
{
    const auto refuse = [this, &done](RingError error) {
        later([done, error] { done(error, StoredKey()); });
    };
    if (const auto problem = secretProblem(key.secret))
        return refuse({RingError::Kind::BadInput, QString::fromStdString(*problem)});
    if (!key.label.empty())
        if (const auto problem = labelProblem(key.label))
            return refuse({RingError::Kind::BadInput, QString::fromStdString(*problem)});
    auto before = m_metadata.load();
    if (auto *error = std::get_if<std::string>(&before))
        return refuse(metadataError(*error));
    const std::string id = fingerprintSecret(key.secret);
    for (const StoredKey &stored : std::get<std::vector<StoredKey>>(before)) {
        if (stored.id == id)
            return refuse({RingError::Kind::Duplicate,
                           QStringLiteral("this key is stored already, as %1").arg(QString::fromStdString(stored.label))});
        if (!key.label.empty() && stored.label == key.label)
            return refuse({RingError::Kind::BadInput, QStringLiteral("the label %1 is taken already")
                                                          .arg(QString::fromStdString(key.label))});
    }

    const std::string secret = key.secret;
    m_secrets.write(entryName(id), secret, this,
                    [this, key = std::move(key), id, done = std::move(done)](const SecretResult &written) {
        if (written.status != SecretResult::Status::Ok)
            return done({RingError::Kind::KeychainUnavailable, written.message}, StoredKey());
        // Read again: another Hydra may have changed the file while the keychain worked.
        auto current = m_metadata.load();
        if (auto *error = std::get_if<std::string>(&current))
            return done(metadataError(*error), StoredKey());
        auto &keys = std::get<std::vector<StoredKey>>(current);
        if (const auto it = std::find_if(keys.begin(), keys.end(), [&id](const StoredKey &k) { return k.id == id; });
            it != keys.end())
            return done({RingError::Kind::Duplicate, QStringLiteral("this key is stored already, as %1")
                                                         .arg(QString::fromStdString(it->label))},
                        StoredKey());
        StoredKey stored;
        stored.id = id;
        stored.label = chooseLabel(keys, key);
        stored.email = key.email;
        stored.projectId = key.projectId;
        stored.maskedKey = maskSecret(key.secret);
        stored.added = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
        stored.lastCheck = key.lastCheck;
        keys.push_back(stored);
        if (const auto error = m_metadata.save(keys)) {
            // Do not leave a secret behind that no list shows.
            m_secrets.remove(entryName(id), this, [](const SecretResult &) {});
            return done(metadataError(*error), StoredKey());
        }
        done(RingError(), stored);
    });
}

void KeyRing::addAll(std::vector<NewKey> keys,
                     std::function<void(const std::vector<std::pair<RingError, StoredKey>> &)> done)
{
    struct Progress
    {
        std::vector<NewKey> keys;
        std::vector<std::pair<RingError, StoredKey>> results;
        std::function<void(const std::vector<std::pair<RingError, StoredKey>> &)> done;
        std::function<void()> next;
    };
    auto progress = std::make_shared<Progress>();
    progress->keys = std::move(keys);
    progress->done = std::move(done);
    std::weak_ptr<Progress> weak = progress;
    progress->next = [this, weak] {
        const auto p = weak.lock();
        if (!p)
            return;
        if (p->results.size() == p->keys.size()) {
            return p->done(p->results);
        }
        add(p->keys[p->results.size()], [p](const RingError &error, const StoredKey &stored) {
            p->results.emplace_back(error, stored);
            if (error.kind == RingError::Kind::KeychainUnavailable)
                while (p->results.size() < p->keys.size())
                    p->results.emplace_back(error, StoredKey());
            p->next();
        });
    };
    // The state lives as long as a pending add() (or this first call) holds it.
    later([progress] { progress->next(); });
}

void KeyRing::remove(const std::string &id, std::function<void(const RingError &)> done)
{
    auto before = m_metadata.load();
    if (auto *error = std::get_if<std::string>(&before))
        return later([done, error = metadataError(*error)] { done(error); });
    const auto &keys = std::get<std::vector<StoredKey>>(before);
    if (std::none_of(keys.begin(), keys.end(), [&id](const StoredKey &k) { return k.id == id; }))
        return later([done] { done({RingError::Kind::NotFound, QStringLiteral("no such key")}); });

    m_secrets.remove(entryName(id), this, [this, id, done = std::move(done)](const SecretResult &removed) {
        if (removed.status == SecretResult::Status::Unavailable)
            return done({RingError::Kind::KeychainUnavailable, removed.message});
        auto current = m_metadata.load();
        if (auto *error = std::get_if<std::string>(&current))
            return done(metadataError(*error));
        auto &keys = std::get<std::vector<StoredKey>>(current);
        std::erase_if(keys, [&id](const StoredKey &k) { return k.id == id; });
        if (const auto error = m_metadata.save(keys))
            return done(metadataError(*error));
        done(RingError());
    });
}

void KeyRing::loadAll(std::function<void(const LoadedKeys &)> done)
{
    auto listed = m_metadata.load();
    if (auto *error = std::get_if<std::string>(&listed)) {
        LoadedKeys result;
        result.error = metadataError(*error);
        return later([done, result] { done(result); });
    }
    struct Progress
    {
        std::vector<StoredKey> stored;
        LoadedKeys result;
        std::size_t next = 0;
        std::function<void(const LoadedKeys &)> done;
    };
    auto progress = std::make_shared<Progress>();
    progress->stored = std::move(std::get<std::vector<StoredKey>>(listed));
    progress->done = std::move(done);

    // One read at a time: QtKeychain runs its jobs one by one anyway.
    auto readNext = std::make_shared<std::function<void()>>();
    std::weak_ptr<std::function<void()>> weakReadNext = readNext;
    *readNext = [this, progress, weakReadNext] {
        const auto self = weakReadNext.lock();
        if (progress->next == progress->stored.size())
            return progress->done(progress->result);
        const StoredKey &key = progress->stored[progress->next];
        m_secrets.read(entryName(key.id), this, [progress, self](const SecretResult &read) {
            const StoredKey &key = progress->stored[progress->next++];
            if (read.status == SecretResult::Status::Unavailable) {
                progress->result.keys.clear();
                progress->result.stored.clear();
                progress->result.missing.clear();
                progress->result.error = {RingError::Kind::KeychainUnavailable, read.message};
                return progress->done(progress->result);
            }
            if (read.status == SecretResult::Status::NotFound) {
                progress->result.missing.push_back(key);
            } else {
                pool::KeyInfo info;
                info.secret = read.secret;
                info.label = key.label;
                info.projectId = key.projectId;
                info.email = key.email;
                if (key.lastCheck && key.lastCheck->result == "valid") { // revives it if the gateway holds it dead
                    const QDateTime at = QDateTime::fromString(QString::fromStdString(key.lastCheck->at), Qt::ISODateWithMs);
                    info.validatedAtMs = at.isValid() ? at.toMSecsSinceEpoch() : 0;
                }
                progress->result.keys.push_back(std::move(info));
                progress->result.stored.push_back(key);
            }
            (*self)();
        });
    };
    later([readNext] { (*readNext)(); });
}

std::optional<std::string> KeyRing::recordCheck(const std::string &id, const KeyCheckRecord &record)
{
    auto current = m_metadata.load();
    if (auto *error = std::get_if<std::string>(&current))
        return *error;
    auto &keys = std::get<std::vector<StoredKey>>(current);
    const auto it = std::find_if(keys.begin(), keys.end(), [&id](const StoredKey &k) { return k.id == id; });
    if (it == keys.end())
        return std::string("no such key");
    it->lastCheck = record;
    return m_metadata.save(keys);
}

} // namespace hydra::store
