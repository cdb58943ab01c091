#pragma once
// Checking keys in the background, with what `hydra setup` and `hydra keys validate` use:
// KeyValidator (the models list, then one tiny generateContent), a few keys at a time.
// - checkStored(): stored keys are read from the keychain, checked, and each result is kept in
//   keys-meta.json (a valid key also loses a dead mark in pool-state.json, as on the CLI);
// - addPasted(): pasted keys are checked, and the usable ones go to the keychain.
// One job per run; it reports keyChecked() per key as results arrive, then finished().

#include "keys/key_validator.h"
#include "store/key_ring.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <string>
#include <vector>

namespace hydra::app {

struct KeyOutcome
{
    std::string id;    // the key's fingerprint
    keys::KeyCheck check;
    bool checked = false;
    bool stored = false; // addPasted: now in the keychain
    QString label;       // addPasted: the label it was stored under
    QString problem;     // what went wrong storing or recording it, if anything
};

class KeyJob : public QObject
{
    Q_OBJECT
public:
    KeyJob(store::KeyRing &ring, QString configDir, QUrl upstream, QObject *parent = nullptr);

    void checkStored(std::vector<std::string> ids);
    void addPasted(std::vector<store::NewKey> keys);

    int total() const { return static_cast<int>(m_outcomes.size()); }
    const std::vector<KeyOutcome> &outcomes() const { return m_outcomes; }

Q_SIGNALS:
    void keyChecked(int index);
    // `error`: why nothing (more) could be done, e.g. the keychain is unavailable; empty when done.
    void finished(const QString &error);

private:
    void validate(const std::vector<std::string> &secrets, bool storeAfter);
    void storeUsable();

    store::KeyRing &m_ring;
    QString m_configDir;
    keys::KeyValidator *m_validator;
    std::vector<store::NewKey> m_pasted;
    std::vector<KeyOutcome> m_outcomes;
};

} // namespace hydra::app
