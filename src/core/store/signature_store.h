#pragma once
// Thought signatures by tool-call id. Gemini 3 rejects a conversation whose earlier
// functionCall parts lack the signature it issued, and OpenAI-shaped clients drop
// such unknown fields, so the gateway keeps them: bounded (oldest forgotten first),
// and saved in the config dir so a restart mid-conversation keeps working.
// Also remembers which key produced each one: signatures may not validate on
// another key, so the conversation stays on that key while it is healthy.

#include "background_saver.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <cstddef>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace hydra::store {

struct StoredSignature
{
    std::string signature;
    std::string keyFingerprint; // which pool key produced it (KeyInfo::fingerprint)
};

// One remembered signature. Shared and never changed once made, so that a save can take all of
// them from the gateway thread at the cost of a pointer each.
struct SignatureRecord
{
    std::string toolCallId;
    StoredSignature value;
};

// The bounded map itself: plain data, no I/O.
class SignatureMap
{
public:
    explicit SignatureMap(std::size_t capacity) : m_capacity(capacity) {}

    void remember(const std::string &toolCallId, StoredSignature value);
    std::optional<StoredSignature> find(const std::string &toolCallId) const;
    std::size_t size() const { return m_order.size(); }
    // Oldest first, for saving.
    std::vector<std::shared_ptr<const SignatureRecord>> snapshot() const { return {m_order.begin(), m_order.end()}; }

private:
    using Order = std::list<std::shared_ptr<const SignatureRecord>>;
    std::size_t m_capacity;
    Order m_order; // oldest at the front
    std::unordered_map<std::string, Order::iterator> m_entries;
};

// The file's content for these records, oldest first: {"version":1,"entries":[{id,signature,key}]}.
std::string signaturesDocument(const std::vector<std::shared_ptr<const SignatureRecord>> &records);

// The map, loaded from and saved to a file (atomically, a moment after changes).
class SignatureStore : public QObject
{
    Q_OBJECT
public:
    static constexpr std::size_t defaultCapacity = 20'000;

    // An empty path keeps everything in memory only.
    explicit SignatureStore(QString filePath, std::size_t capacity = defaultCapacity, QObject *parent = nullptr);
    ~SignatureStore() override;

    void remember(const std::string &toolCallId, StoredSignature value);
    std::optional<StoredSignature> find(const std::string &toolCallId) const { return m_map.find(toolCallId); }
    std::size_t size() const { return m_map.size(); }
    // Hands pending changes to the saver's thread now (also done on destruction, which waits
    // for the write).
    void flush();

private:
    void load();

    QString m_path;
    SignatureMap m_map;
    QTimer m_saveTimer;
    bool m_dirty = false;
    BackgroundSaver m_saver; // declared last: its thread ends before the members above go
};

} // namespace hydra::store
