#pragma once
// Where API keys live: an asynchronous store of small named secrets (the OS keychain in
// Hydra, a map in tests). Every call returns at once and reports through its callback
// later, on the caller's thread, so a GUI thread never waits for the keychain.

#include <QObject>
#include <QString>

#include <functional>
#include <string>

namespace hydra::store {

struct SecretResult
{
    enum class Status {
        Ok,
        NotFound,    // no entry by that name (reading or deleting)
        Unavailable, // the store cannot be used now: no Secret Service, locked, denied, ...
    };
    Status status = Status::Ok;
    QString message;    // Unavailable: what is wrong and what to do about it, for people
    std::string secret; // read: the secret
};

class SecretStore
{
public:
    using Done = std::function<void(const SecretResult &)>;

    virtual ~SecretStore() = default;

    // Each call reports exactly once through `done`, never before it returns, and not at
    // all when `context` has been destroyed by then.
    virtual void read(const QString &name, QObject *context, Done done) = 0;
    virtual void write(const QString &name, const std::string &secret, QObject *context, Done done) = 0;
    virtual void remove(const QString &name, QObject *context, Done done) = 0;
};

} // namespace hydra::store
