#include "access_tokens.h"

#include "store/access_token.h"

#include <QDateTime>

#include <cstdio>

namespace hydra::server {
namespace {

constexpr int flushIntervalMs = 5000;

} // namespace

AccessTokens::AccessTokens(QString configDir, QObject *parent)
    : QObject(parent)
    , m_flush(this) // a child, so that it lives on this object's thread
{
    m_flush.setSingleShot(true);
    m_flush.setInterval(flushIntervalMs);
    connect(&m_flush, &QTimer::timeout, this, &AccessTokens::flushUses);
    if (configDir.isEmpty())
        return;
    m_store.emplace(std::move(configDir));
    m_file = new store::FilePoll(m_store->filePath(), this);
    connect(m_file, &store::FilePoll::changed, this, [this] { reload(); });
    m_file->start(); // the owner calls reload() first, to learn whether the file is usable
}

AccessTokens::~AccessTokens()
{
    flushUses(); // m_saver, destroyed next, runs it before it goes
}

std::optional<QString> AccessTokens::reload()
{
    if (!m_store)
        return std::nullopt;
    m_file->markSeen();
    auto loaded = m_store->load();
    if (const auto *error = std::get_if<std::string>(&loaded)) {
        const QString message = QString::fromStdString(*error);
        if (!m_warned && m_loaded)
            std::fprintf(stderr, "hydra: %s; the access tokens known before stay in force\n", qPrintable(message));
        m_warned = true;
        return message;
    }
    m_warned = false;
    m_loaded = true;
    std::vector<Entry> entries;
    for (const store::AccessToken &token : std::get<std::vector<store::AccessToken>>(loaded))
        entries.push_back({QString::fromStdString(token.name), QByteArray::fromHex(QByteArray::fromStdString(token.sha256)),
                           token.sha256});
    const bool different = entries.size() != m_entries.size() ||
                           !std::equal(entries.begin(), entries.end(), m_entries.begin(),
                                       [](const Entry &a, const Entry &b) { return a.name == b.name && a.digest == b.digest; });
    m_entries = std::move(entries);
    if (different)
        Q_EMIT changed();
    return std::nullopt;
}

std::optional<QString> AccessTokens::match(const QByteArray &presented)
{
    if (presented.isEmpty())
        return std::nullopt;
    const QByteArray digest = store::tokenDigest(presented);
    const Entry *found = nullptr;
    for (const Entry &entry : m_entries) {
        // No early exit: the loop takes as long whichever token (if any) matches.
        if (store::constantTimeEqual(digest, entry.digest))
            found = &entry;
    }
    if (!found)
        return std::nullopt;
    m_lastUses[found->digestHex] = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString();
    m_usesUnsaved = true;
    if (!m_flush.isActive())
        m_flush.start();
    return found->name;
}

void AccessTokens::flushUses()
{
    m_flush.stop();
    if (!m_store || (!m_usesUnsaved && !m_saver.lastSaveFailed()))
        return;
    m_usesUnsaved = false;
    // All the times this run has seen, not only the new ones: the saver drops a save that is
    // still waiting when a newer one comes, and the newer one then carries the older times too.
    // The file's lock and the merge with what other processes wrote happen on the saver's
    // thread as well.
    m_saver.submit([store = *m_store, uses = m_lastUses] {
        const auto error = store.recordUses(uses);
        if (error)
            std::fprintf(stderr, "hydra: cannot record when access tokens were last used: %s\n", error->c_str());
        return !error;
    });
}

} // namespace hydra::server
