#pragma once
// A SecretStore in memory for tests: asynchronous like the keychain (every callback comes
// from the event loop), and able to play an unavailable keychain.

#include "store/secret_store.h"

#include <QMap>
#include <QPointer>
#include <QTimer>

namespace hydra::tests {

class MemorySecretStore final : public store::SecretStore
{
public:
    QMap<QString, std::string> entries;
    QString unavailable; // non-empty: every call fails with this message
    int calls = 0;

    void read(const QString &name, QObject *context, Done done) override
    {
        store::SecretResult result = outcome();
        if (result.status == store::SecretResult::Status::Ok) {
            if (entries.contains(name))
                result.secret = entries.value(name);
            else
                result.status = store::SecretResult::Status::NotFound;
        }
        report(context, std::move(done), result);
    }

    void write(const QString &name, const std::string &secret, QObject *context, Done done) override
    {
        store::SecretResult result = outcome();
        if (result.status == store::SecretResult::Status::Ok)
            entries.insert(name, secret);
        report(context, std::move(done), result);
    }

    void remove(const QString &name, QObject *context, Done done) override
    {
        store::SecretResult result = outcome();
        if (result.status == store::SecretResult::Status::Ok && entries.remove(name) == 0)
            result.status = store::SecretResult::Status::NotFound;
        report(context, std::move(done), result);
    }

private:
    store::SecretResult outcome()
    {
        ++calls;
        store::SecretResult result;
        if (!unavailable.isEmpty()) {
            result.status = store::SecretResult::Status::Unavailable;
            result.message = unavailable;
        }
        return result;
    }

    static void report(QObject *context, Done done, store::SecretResult result)
    {
        QTimer::singleShot(0, context, [done = std::move(done), result = std::move(result)] { done(result); });
    }
};

} // namespace hydra::tests
