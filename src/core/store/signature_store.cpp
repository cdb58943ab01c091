#include "signature_store.h"

#include "atomic_file.h"

#include <QFile>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <cstdio>

using nlohmann::json;

namespace hydra::store {

void SignatureMap::remember(const std::string &toolCallId, StoredSignature value)
{
    if (m_capacity == 0)
        return;
    if (const auto it = m_entries.find(toolCallId); it != m_entries.end()) {
        m_order.erase(it->second);
        m_entries.erase(it);
    }
    while (m_order.size() >= m_capacity) {
        m_entries.erase(m_order.front()->toolCallId);
        m_order.pop_front();
    }
    m_order.push_back(std::make_shared<const SignatureRecord>(SignatureRecord{toolCallId, std::move(value)}));
    m_entries.emplace(toolCallId, std::prev(m_order.end()));
}

std::optional<StoredSignature> SignatureMap::find(const std::string &toolCallId) const
{
    const auto it = m_entries.find(toolCallId);
    if (it == m_entries.end())
        return std::nullopt;
    return (*it->second)->value;
}

std::string signaturesDocument(const std::vector<std::shared_ptr<const SignatureRecord>> &records)
{
    json list = json::array();
    for (const auto &record : records)
        list.push_back(
            {{"id", record->toolCallId}, {"signature", record->value.signature}, {"key", record->value.keyFingerprint}});
    const json document = {{"version", 1}, {"entries", std::move(list)}};
    return document.dump(-1, ' ', false, json::error_handler_t::replace);
}

SignatureStore::SignatureStore(QString filePath, std::size_t capacity, QObject *parent)
    : QObject(parent)
    , m_path(std::move(filePath))
    , m_map(capacity)
    , m_saveTimer(this)
{
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(2000); // a burst of tool calls is one write
    connect(&m_saveTimer, &QTimer::timeout, this, &SignatureStore::flush);
    load();
}

SignatureStore::~SignatureStore()
{
    flush(); // m_saver, destroyed next, runs it before it goes
}

void SignatureStore::remember(const std::string &toolCallId, StoredSignature value)
{
    m_map.remember(toolCallId, std::move(value));
    m_dirty = true;
    if (!m_path.isEmpty() && !m_saveTimer.isActive())
        m_saveTimer.start();
}

void SignatureStore::load()
{
    if (m_path.isEmpty() || !QFileInfo::exists(m_path))
        return;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QByteArray bytes = file.readAll();
    const json document = json::parse(bytes.constData(), bytes.constData() + bytes.size(), nullptr, false);
    const bool valid = document.is_object() && document.contains("entries") && document["entries"].is_array();
    if (!valid) {
        // Never refuse to start over a damaged cache: set it aside and begin empty.
        const QString aside = m_path + QStringLiteral(".corrupt");
        QFile::remove(aside);
        file.close();
        QFile::rename(m_path, aside);
        std::fprintf(stderr, "hydra: %s was unreadable; moved it to %s and started without saved signatures\n",
                     qPrintable(m_path), qPrintable(aside));
        return;
    }
    for (const auto &entry : document["entries"]) {
        if (!entry.is_object() || !entry.contains("id") || !entry["id"].is_string() || !entry.contains("signature") ||
            !entry["signature"].is_string())
            continue;
        StoredSignature value{entry["signature"].get<std::string>(),
                              entry.contains("key") && entry["key"].is_string() ? entry["key"].get<std::string>() : ""};
        m_map.remember(entry["id"].get<std::string>(), std::move(value));
    }
}

void SignatureStore::flush()
{
    m_saveTimer.stop();
    if ((!m_dirty && !m_saver.lastSaveFailed()) || m_path.isEmpty())
        return;
    // The entries are shared, not copied: the document is built, written and synced on the
    // saver's thread while this one goes on serving.
    m_dirty = false;
    m_saver.submit([path = m_path, records = m_map.snapshot()] {
        // Not worth a warning: the signatures are a cache (Gemini 3 falls back to the bypass
        // signature without them). The next flush tries again.
        return !replaceFileContent(path, signaturesDocument(records));
    });
}

} // namespace hydra::store
