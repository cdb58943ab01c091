#pragma once
// SecretStore on the OS keychain through QtKeychain: Windows Credential Manager, the macOS
// Keychain, the Secret Service (gnome-keyring, KeePassXC) or KWallet on Linux.
//
// One entry per secret: Windows caps one credential at 2,560 bytes and ignores the service
// name, so every entry name must carry the "Hydra/" prefix itself (KeyRing's names do).
// QtKeychain runs one job at a time for the whole process; read what you need once.

#include "secret_store.h"

#include <QString>

namespace hydra::store {

class KeychainSecretStore final : public SecretStore
{
public:
    static constexpr const char *defaultService = "Hydra";
    // The keychain may be waiting for someone to unlock it; past this it counts as unavailable.
    static constexpr int defaultTimeoutMs = 60'000;

    explicit KeychainSecretStore(QString service = QString::fromLatin1(defaultService),
                                 int timeoutMs = defaultTimeoutMs);

    void read(const QString &name, QObject *context, Done done) override;
    void write(const QString &name, const std::string &secret, QObject *context, Done done) override;
    void remove(const QString &name, QObject *context, Done done) override;

private:
    QString m_service;
    int m_timeoutMs;
};

// What a failed QtKeychain job means for people: QKeychain::Error as an int and its
// errorString(), turned into a sentence that says what is wrong and what to install or start.
// (Without a Secret Service, qtkeychain 0.13 reports OtherError, not NoBackendAvailable.)
QString describeKeychainFailure(int qkeychainError, const QString &errorString);

} // namespace hydra::store
