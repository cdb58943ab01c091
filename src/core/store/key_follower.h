#pragma once
// The keys a running gateway serves with, followed on disk. Whoever changes them (hydra keys
// add or remove in another terminal, the settings dialog, an edited --keys-file) rewrites
// keys-meta.json or the keys file; within a second the keys are read again and handed on, and
// the gateway takes them without a restart. Reading may take a while (the keychain answers
// asynchronously); a change noticed meanwhile is read when that read is done, so the last
// state on disk always wins.

#include "file_poll.h"
#include "pool/key_pool.h"

#include <QObject>
#include <QString>

#include <functional>
#include <vector>

namespace hydra::store {

class KeyRing;

class KeyFollower : public QObject
{
    Q_OBJECT
public:
    struct Loaded
    {
        std::vector<pool::KeyInfo> keys;
        QString problem; // not empty: the keys could not be read, and the gateway keeps its own
    };
    // Reads the keys and calls back with them, now or later (on this object's thread).
    using Load = std::function<void(std::function<void(Loaded)>)>;

    KeyFollower(QString watchedFile, Load load, QObject *parent = nullptr);

    // The keys stored with hydra setup / hydra keys add: keys-meta.json in configDir, the
    // secrets from the keychain through `ring` (which must outlive the follower).
    static KeyFollower *forKeyRing(KeyRing &ring, const QString &configDir, QObject *parent = nullptr);
    // A keys file given with --keys-file.
    static KeyFollower *forKeysFile(const QString &path, QObject *parent = nullptr);

    // Starts following; the file as it is now counts as read.
    void start();

Q_SIGNALS:
    void keysChanged(const std::vector<hydra::pool::KeyInfo> &keys);
    void readFailed(const QString &problem);

private:
    void read();

    FilePoll m_file;
    Load m_load;
    bool m_reading = false;
    bool m_readAgain = false;
};

} // namespace hydra::store
