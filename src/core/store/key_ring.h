#pragma once
// The stored Gemini keys: each key in the OS keychain (SecretStore entry "Hydra/gemini/<id>",
// id = fingerprintSecret(key)) and what is known about it in keys-meta.json
// (KeyMetadataStore). The operations the command line and the settings dialog share.
//
// Asynchronous like the keychain: every operation reports through its callback later, on
// this object's thread, and not at all once the KeyRing is gone. Secrets are written before
// their metadata and deleted before it, so keys-meta.json never lists a key that was not
// stored; a keychain failure leaves keys-meta.json as it was.

#include "key_metadata_store.h"
#include "pool/key_pool.h"
#include "secret_store.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace hydra::store {

struct NewKey
{
    std::string secret;
    std::string email;     // optional
    std::string projectId; // optional
    std::string label;     // optional: chooseLabel() picks one
    std::optional<KeyCheckRecord> lastCheck; // optional: how it fared when it was checked
};

struct RingError
{
    enum class Kind {
        None,
        KeychainUnavailable, // message says what to install or start
        Duplicate,           // add: the key is stored already
        NotFound,            // remove: no such key
        Metadata,            // keys-meta.json cannot be read or written
        BadInput,            // a key or label that cannot be stored
    };
    Kind kind = Kind::None;
    QString message;

    explicit operator bool() const { return kind != Kind::None; }
};

struct LoadedKeys
{
    std::vector<pool::KeyInfo> keys; // in the stored order
    std::vector<StoredKey> stored;   // what keys-meta.json says about each of `keys`
    std::vector<StoredKey> missing;  // listed in keys-meta.json but absent from the keychain
    RingError error;                 // KeychainUnavailable or Metadata: keys is empty
};

class KeyRing : public QObject
{
    Q_OBJECT
public:
    // "Hydra/gemini/<id>": the keychain entry of a key (Windows needs the prefix in the name).
    static QString entryName(const std::string &id);
    // The label a new key gets: its own, else its email, else its project id (with "-2", "-3"
    // appended when taken), else "key-N". add() refuses a label of its own that is taken.
    static std::string chooseLabel(const std::vector<StoredKey> &existing, const NewKey &key);
    // Why a label cannot be used, if it cannot: empty, spaces, digits only (an index), too long.
    static std::optional<std::string> labelProblem(const std::string &label);
    // Why a string cannot be an API key, if it cannot: empty, spaces or quotes in it.
    static std::optional<std::string> secretProblem(const std::string &secret);
    // The position in `keys` of the key with this label, or at this 1-based index.
    static std::optional<std::size_t> find(const std::vector<StoredKey> &keys, const QString &labelOrIndex);

    KeyRing(QString configDir, SecretStore &secrets, QObject *parent = nullptr);

    // keys-meta.json only: no keychain round trip, no secrets.
    std::variant<std::vector<StoredKey>, std::string> list() const;

    // Stores the key in the keychain, then appends it to keys-meta.json.
    void add(NewKey key, std::function<void(const RingError &, const StoredKey &)> done);
    // add() for each key in turn; stops at the first unavailable keychain (the rest get that
    // error too). Results in the keys' order.
    void addAll(std::vector<NewKey> keys,
                std::function<void(const std::vector<std::pair<RingError, StoredKey>> &)> done);
    // Deletes the key from the keychain (already gone is fine), then from keys-meta.json.
    void remove(const std::string &id, std::function<void(const RingError &)> done);
    // Every stored key with its secret, for the gateway (one keychain read per key).
    void loadAll(std::function<void(const LoadedKeys &)> done);

    // keys-meta.json only: remembers the outcome of a check. Returns an error, if any.
    std::optional<std::string> recordCheck(const std::string &id, const KeyCheckRecord &record);

private:
    void later(std::function<void()> call);

    KeyMetadataStore m_metadata;
    SecretStore &m_secrets;
};

} // namespace hydra::store
