#pragma once
// Thought signatures by tool-call id. Gemini 3 rejects a conversation whose earlier
// functionCall parts lack the signature it issued, and OpenAI-shaped clients drop
// such unknown fields, so the gateway keeps them: bounded (oldest forgotten first),
// and saved in the config dir so a restart mid-conversation keeps working.
// Also remembers which key produced each one: signatures may not validate on
// another key, so the conversation stays on that key while it is healthy.

#include <QObject>
#include <QString>
#include <QTimer>

#include <cstddef>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>

namespace hydra::store {

struct StoredSignature
{
    std::string signature;
    std::string keyFingerprint; // which pool key produced it (KeyInfo::fingerprint)
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
    template<typename Visit>
    void forEach(Visit visit) const
    {
        for (const auto &id : m_order)
            visit(id, m_entries.at(id).value);
    }

private:
    struct Entry
    {
        StoredSignature value;
        std::list<std::string>::iterator position;
    };
    std::size_t m_capacity;
    std::list<std::string> m_order; // oldest at the front
    std::unordered_map<std::string, Entry> m_entries;
};

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
    // Writes pending changes now (also done on destruction).
    void flush();

private:
    void load();

    QString m_path;
    SignatureMap m_map;
    QTimer m_saveTimer;
    bool m_dirty = false;
};

} // namespace hydra::store
