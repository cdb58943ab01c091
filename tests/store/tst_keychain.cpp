// The real OS keychain through KeychainSecretStore (QtKeychain): entries written, read
// back and deleted. ctest runs this inside a private D-Bus session with gnome-keyring
// unlocked (tests/with-keyring.sh); run by hand without a session bus, it skips.

#include "secrets.h"
#include "store/key_ring.h"
#include "store/keychain_secret_store.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <optional>

using hydra::store::KeychainSecretStore;
using hydra::store::KeyRing;
using hydra::store::SecretResult;

namespace {

SecretResult wait(const std::function<void(hydra::store::SecretStore::Done)> &start)
{
    std::optional<SecretResult> result;
    start([&result](const SecretResult &r) { result = r; });
    if (result)
        qFatal("the keychain reported before the call returned");
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 20000))
        qFatal("the keychain never answered");
    return *result;
}

} // namespace

class KeychainTest : public QObject
{
    Q_OBJECT

    KeychainSecretStore m_store;
    QString m_name; // unique per run, so a leftover from a crashed run cannot interfere

private Q_SLOTS:
    void initTestCase()
    {
#if defined(Q_OS_LINUX)
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("no session bus: run as dbus-run-session -- sh tests/with-keyring.sh ./tst_keychain");
#endif
        m_name = QStringLiteral("Hydra/gemini/test-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    }

    void writeReadDelete()
    {
        const std::string secret = "AIzaSyKEYCHAIN0000000000000000000000abcd";
        SecretResult r = wait([this, &secret](auto done) { m_store.write(m_name, secret, this, done); });
        QVERIFY2(r.status == SecretResult::Status::Ok, qPrintable(r.message));

        r = wait([this](auto done) { m_store.read(m_name, this, done); });
        QVERIFY2(r.status == SecretResult::Status::Ok, qPrintable(r.message));
        QCOMPARE(r.secret, secret);

        // Writing again replaces the entry.
        const std::string replacement = "AIzaSyKEYCHAIN1111111111111111111111wxyz";
        r = wait([this, &replacement](auto done) { m_store.write(m_name, replacement, this, done); });
        QVERIFY(r.status == SecretResult::Status::Ok);
        r = wait([this](auto done) { m_store.read(m_name, this, done); });
        QCOMPARE(r.secret, replacement);

        r = wait([this](auto done) { m_store.remove(m_name, this, done); });
        QVERIFY2(r.status == SecretResult::Status::Ok, qPrintable(r.message));
        r = wait([this](auto done) { m_store.read(m_name, this, done); });
        QCOMPARE(r.status, SecretResult::Status::NotFound);
        QVERIFY(r.secret.empty());
        // Deleting what is not there: libsecret calls that a success, other backends NotFound.
        r = wait([this](auto done) { m_store.remove(m_name, this, done); });
        QVERIFY2(r.status != SecretResult::Status::Unavailable, qPrintable(r.message));
    }

    void entriesAreSeparate()
    {
        const QString other = m_name + QStringLiteral("-other");
        QVERIFY(wait([&](auto done) { m_store.write(m_name, "first", this, done); }).status == SecretResult::Status::Ok);
        QVERIFY(wait([&](auto done) { m_store.write(other, "second", this, done); }).status == SecretResult::Status::Ok);
        QCOMPARE(wait([&](auto done) { m_store.read(m_name, this, done); }).secret, std::string("first"));
        QCOMPARE(wait([&](auto done) { m_store.read(other, this, done); }).secret, std::string("second"));
        // Another service is another namespace.
        KeychainSecretStore elsewhere(QStringLiteral("HydraTestOtherService"));
        QCOMPARE(wait([&](auto done) { elsewhere.read(m_name, this, done); }).status, SecretResult::Status::NotFound);
        wait([&](auto done) { m_store.remove(m_name, this, done); });
        wait([&](auto done) { m_store.remove(other, this, done); });
    }

    void aCallerThatIsGoneHearsNothing()
    {
        bool called = false;
        {
            QObject context;
            m_store.read(m_name, &context, [&called](const SecretResult &) { called = true; });
        }
        // The job still runs to its end; wait for a later job, which QtKeychain runs after it.
        wait([this](auto done) { m_store.read(m_name, this, done); });
        QVERIFY(!called);
    }

    void keyRingOnTheRealKeychain()
    {
        QTemporaryDir dir;
        KeyRing ring(dir.path(), m_store);
        const std::string a = "AIzaSyRINGAAAAAAAAAAAAAAAAAAAAAAAAA0001";
        const std::string b = "AIzaSyRINGBBBBBBBBBBBBBBBBBBBBBBBBBB0002";
        std::optional<std::vector<std::pair<hydra::store::RingError, hydra::store::StoredKey>>> added;
        ring.addAll({{a, "a@example.com", "pa", {}, {}}, {b, {}, "pb", {}, {}}},
                    [&added](const auto &results) { added = results; });
        QVERIFY(QTest::qWaitFor([&added] { return added.has_value(); }, 20000));
        for (const auto &[error, key] : *added)
            QVERIFY2(!error, qPrintable(error.message));

        std::optional<hydra::store::LoadedKeys> loaded;
        ring.loadAll([&loaded](const hydra::store::LoadedKeys &l) { loaded = l; });
        QVERIFY(QTest::qWaitFor([&loaded] { return loaded.has_value(); }, 20000));
        QVERIFY2(!loaded->error, qPrintable(loaded->error.message));
        QCOMPARE(loaded->keys.size(), size_t(2));
        QCOMPARE(loaded->keys[0].secret, a);
        QCOMPARE(loaded->keys[1].secret, b);

        // The secret is in the keychain under the documented name.
        const auto stored = std::get<std::vector<hydra::store::StoredKey>>(ring.list());
        SecretResult direct = wait([&](auto done) { m_store.read(KeyRing::entryName(hydra::fingerprintSecret(a)), this, done); });
        QCOMPARE(direct.secret, a);

        // And nowhere in the config dir.
        QDirIterator files(dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray content = file.readAll();
            QVERIFY(!content.contains(QByteArray::fromStdString(a)));
            QVERIFY(!content.contains(QByteArray::fromStdString(b)));
        }

        for (const auto &key : stored) {
            std::optional<hydra::store::RingError> removed;
            ring.remove(key.id, [&removed](const hydra::store::RingError &e) { removed = e; });
            QVERIFY(QTest::qWaitFor([&removed] { return removed.has_value(); }, 20000));
            QVERIFY2(!*removed, qPrintable(removed->message));
        }
        direct = wait([&](auto done) { m_store.read(KeyRing::entryName(hydra::fingerprintSecret(a)), this, done); });
        QCOMPARE(direct.status, SecretResult::Status::NotFound);
    }
};

QTEST_GUILESS_MAIN(KeychainTest)
#include "tst_keychain.moc"
