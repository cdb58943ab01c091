#pragma once
// The access tokens a running gateway accepts: tokens.json (store::TokenStore) as seen by
// the engine's thread. Another process (the command line, the settings dialog) may create
// or revoke tokens at any time, so the file is looked at twice a second and re-read when it
// changed: a file watcher misses atomic replacements on some systems. "Last used" times are
// collected in memory and written at most every few seconds, on a thread of their own (the
// file is locked, merged with other processes' changes and synced: not work for the gateway thread).

#include "store/background_saver.h"
#include "store/file_poll.h"
#include "store/token_store.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTimer>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hydra::server {

class AccessTokens : public QObject
{
    Q_OBJECT
public:
    // configDir empty: no token file, no tokens (a memory-only gateway).
    explicit AccessTokens(QString configDir, QObject *parent = nullptr);
    ~AccessTokens() override; // writes pending "last used" times

    // Re-reads the file now. On an unusable file the tokens known so far stay in force, and the
    // error is returned.
    std::optional<QString> reload();
    bool empty() const { return m_entries.empty(); }
    qsizetype count() const { return static_cast<qsizetype>(m_entries.size()); }
    // The name of the token presented, or nothing. Every stored digest is compared, each in
    // constant time, so the answer's timing says nothing about which tokens exist.
    std::optional<QString> match(const QByteArray &presented);

Q_SIGNALS:
    void changed(); // the set of tokens changed (created or revoked elsewhere)

private:
    struct Entry
    {
        QString name;
        QByteArray digest;    // raw SHA-256
        std::string digestHex; // as in the file
    };
    void flushUses();

    std::optional<store::TokenStore> m_store;
    std::vector<Entry> m_entries;
    store::FilePoll *m_file = nullptr; // tokens.json, looked at twice a second; a child
    QTimer m_flush;
    // Digest hex -> ISO time of the last use, for every token used in this run (at most one
    // entry per token).
    std::map<std::string, std::string> m_lastUses;
    bool m_usesUnsaved = false;
    bool m_loaded = false; // read successfully at least once
    bool m_warned = false; // an unusable file is reported once, not twice a second
    store::BackgroundSaver m_saver; // declared last: its thread ends before the members above go
};

} // namespace hydra::server
