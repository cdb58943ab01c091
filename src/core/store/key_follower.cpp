#include "key_follower.h"

#include "key_metadata_store.h"
#include "key_ring.h"
#include "keys_file.h"

#include <QPointer>

#include <string>
#include <utility>
#include <variant>

namespace hydra::store {

KeyFollower::KeyFollower(QString watchedFile, Load load, QObject *parent)
    : QObject(parent)
    , m_file(std::move(watchedFile), this)
    , m_load(std::move(load))
{
    connect(&m_file, &FilePoll::changed, this, &KeyFollower::read);
}

void KeyFollower::start()
{
    m_file.start();
}

void KeyFollower::read()
{
    if (m_reading) {
        m_readAgain = true;
        return;
    }
    m_reading = true;
    m_load([self = QPointer<KeyFollower>(this)](Loaded loaded) {
        if (!self)
            return;
        self->m_reading = false;
        if (loaded.problem.isEmpty())
            Q_EMIT self->keysChanged(loaded.keys);
        else
            Q_EMIT self->readFailed(loaded.problem);
        if (std::exchange(self->m_readAgain, false))
            self->read();
    });
}

KeyFollower *KeyFollower::forKeyRing(KeyRing &ring, const QString &configDir, QObject *parent)
{
    const QString metadata = configDir + u'/' + QString::fromLatin1(KeyMetadataStore::fileName);
    return new KeyFollower(
        metadata,
        [&ring](std::function<void(Loaded)> done) {
            ring.loadAll([done = std::move(done)](const LoadedKeys &loaded) {
                // A key listed but absent from the keychain is left out (the settings show it as
                // missing); an unreadable keychain or keys-meta.json changes nothing.
                done(loaded.error ? Loaded{{}, loaded.error.message} : Loaded{loaded.keys, {}});
            });
        },
        parent);
}

KeyFollower *KeyFollower::forKeysFile(const QString &path, QObject *parent)
{
    return new KeyFollower(
        path,
        [path](std::function<void(Loaded)> done) {
            auto keys = readKeysFile(path.toStdString());
            if (const auto *error = std::get_if<std::string>(&keys))
                done({{}, QString::fromStdString(*error)});
            else
                done({std::move(std::get<std::vector<pool::KeyInfo>>(keys)), {}});
        },
        parent);
}

} // namespace hydra::store
