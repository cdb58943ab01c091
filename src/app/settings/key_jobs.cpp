#include "key_jobs.h"

#include "secrets.h"
#include "store/pool_state_file.h"

#include <QDir>

#include <algorithm>

namespace hydra::app {
KeyJob::KeyJob(store::KeyRing &ring, QString configDir, QUrl upstream, QObject *parent)
    : QObject(parent)
    , m_ring(ring)
    , m_configDir(std::move(configDir))
    , m_validator(new keys::KeyValidator(std::move(upstream), this))
{
}

void KeyJob::checkStored(std::vector<std::string> ids)
{
    m_ring.loadAll([this, guard = QPointer<KeyJob>(this), ids = std::move(ids)](const store::LoadedKeys &loaded) {
        if (!guard)
            return;
        if (loaded.error)
            return Q_EMIT finished(loaded.error.message);
        std::vector<std::string> secrets;
        for (std::size_t i = 0; i < loaded.keys.size(); ++i) {
            if (std::find(ids.begin(), ids.end(), loaded.stored[i].id) == ids.end())
                continue;
            m_outcomes.push_back({loaded.stored[i].id, {}, false, false, {}, {}});
            secrets.push_back(loaded.keys[i].secret);
        }
        for (const store::StoredKey &missing : loaded.missing)
            if (std::find(ids.begin(), ids.end(), missing.id) != ids.end())
                m_outcomes.push_back({missing.id, {}, false, false, {}, tr("not in the OS keychain; remove it")});
        validate(secrets, false);
    });
}

void KeyJob::addPasted(std::vector<store::NewKey> keys)
{
    m_pasted = std::move(keys);
    std::vector<std::string> secrets;
    for (const store::NewKey &key : m_pasted) {
        m_outcomes.push_back({fingerprintSecret(key.secret), {}, false, false, {}, {}});
        secrets.push_back(key.secret);
    }
    validate(secrets, true);
}

void KeyJob::validate(const std::vector<std::string> &secrets, bool storeAfter)
{
    connect(m_validator, &keys::KeyValidator::keyChecked, this, [this, storeAfter](int index, const keys::KeyCheck &check) {
        KeyOutcome &outcome = m_outcomes[static_cast<std::size_t>(index)];
        outcome.check = check;
        outcome.checked = true;
        if (!storeAfter) {
            if (const auto error = m_ring.recordCheck(outcome.id, keys::checkRecord(check)))
                outcome.problem = QString::fromStdString(*error);
            QString stateError;
            // A key the gateway marked dead stays dead until it is validated again: this is that.
            if (check.status == keys::KeyStatus::Valid &&
                !store::markKeyValidInPoolState(QDir(m_configDir).filePath(QStringLiteral("pool-state.json")),
                                                outcome.id, &stateError))
                outcome.problem = stateError;
        }
        Q_EMIT keyChecked(index);
    });
    connect(m_validator, &keys::KeyValidator::finished, this, [this, storeAfter] {
        if (storeAfter)
            storeUsable();
        else
            Q_EMIT finished({});
    });
    if (secrets.empty())
        return storeAfter ? storeUsable() : Q_EMIT finished({});
    m_validator->validate(secrets);
}

void KeyJob::storeUsable()
{
    std::vector<store::NewKey> usable;
    std::vector<std::size_t> at;
    for (std::size_t i = 0; i < m_outcomes.size(); ++i) {
        if (!keys::usable(m_outcomes[i].check.status))
            continue;
        store::NewKey key = m_pasted[i];
        key.lastCheck = keys::checkRecord(m_outcomes[i].check);
        usable.push_back(std::move(key));
        at.push_back(i);
    }
    m_pasted.clear(); // the secrets are not needed any more
    if (usable.empty())
        return Q_EMIT finished({});
    m_ring.addAll(std::move(usable), [this, guard = QPointer<KeyJob>(this), at](const auto &results) {
        if (!guard)
            return;
        QString keychainError;
        for (std::size_t i = 0; i < results.size(); ++i) {
            KeyOutcome &outcome = m_outcomes[at[i]];
            const auto &[error, stored] = results[i];
            if (error) {
                outcome.problem = error.message;
                if (error.kind == store::RingError::Kind::KeychainUnavailable)
                    keychainError = error.message;
            } else {
                outcome.stored = true;
                outcome.label = QString::fromStdString(stored.label);
            }
        }
        Q_EMIT finished(keychainError);
    });
}

} // namespace hydra::app
