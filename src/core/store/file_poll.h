#pragma once
// Notices when a file another process may rewrite at any time (tokens.json, keys-meta.json, a
// keys file) has changed: its size and times are looked at twice a second. A file watcher is
// not used because it misses atomic replacements (write a temporary file, rename it over the
// old one) on some systems, and every Hydra file is written that way.

#include <QObject>
#include <QString>
#include <QTimer>

namespace hydra::store {

class FilePoll : public QObject
{
    Q_OBJECT
public:
    static constexpr int intervalMs = 500; // a change is noticed within a second

    explicit FilePoll(QString path, QObject *parent = nullptr);

    // Starts looking; the file as it is now counts as seen.
    void start();
    // The file as it is now counts as seen (call when it has just been read).
    void markSeen();

Q_SIGNALS:
    void changed(); // created, rewritten or removed since it was last seen

private:
    struct Stamp
    {
        bool exists = false;
        qint64 size = -1;
        qint64 modifiedMs = -1;
        qint64 changedMs = -1;
        bool operator==(const Stamp &) const = default;
    };
    Stamp stamp() const;
    void poll();

    QString m_path;
    Stamp m_seen;
    QTimer m_timer;
};

} // namespace hydra::store
