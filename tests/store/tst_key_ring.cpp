// KeyRing and keys-meta.json over an in-memory keychain: what goes where, labels, order,
// duplicates, and that an unavailable keychain leaves everything as it was.

#include "secrets.h"
#include "store/key_metadata_store.h"
#include "store/key_ring.h"
#include "store/keychain_secret_store.h"
#include "store/memory_secret_store.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QDateTime>
#include <QTimeZone>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using hydra::store::KeyCheckRecord;
using hydra::store::KeyRing;
using hydra::store::LoadedKeys;
using hydra::store::NewKey;
using hydra::store::RingError;
using hydra::store::StoredKey;
using hydra::tests::MemorySecretStore;

namespace {

const std::string keyA = "AIzaSyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA0001";
const std::string keyB = "AIzaSyBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB0002";
const std::string keyC = "AIzaSyCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC0003";

struct Added
{
    RingError error;
    StoredKey key;
    bool reportedLater = false; // the callback did not run inside add()
};

Added add(KeyRing &ring, NewKey key)
{
    std::optional<Added> result;
    ring.add(std::move(key), [&result](const RingError &error, const StoredKey &stored) {
        result = Added{error, stored, false};
    });
    const bool early = result.has_value();
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 5000))
        qFatal("add() never reported");
    result->reportedLater = !early;
    return *result;
}

RingError remove(KeyRing &ring, const std::string &id)
{
    std::optional<RingError> result;
    ring.remove(id, [&result](const RingError &error) { result = error; });
    if (result)
        qFatal("remove() reported before it returned");
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 5000))
        qFatal("remove() never reported");
    return *result;
}

LoadedKeys loadAll(KeyRing &ring)
{
    std::optional<LoadedKeys> result;
    ring.loadAll([&result](const LoadedKeys &loaded) { result = loaded; });
    if (result)
        qFatal("loadAll() reported before it returned");
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 5000))
        qFatal("loadAll() never reported");
    return *result;
}

std::vector<StoredKey> listOf(const KeyRing &ring)
{
    auto listed = ring.list();
    if (auto *error = std::get_if<std::string>(&listed))
        qFatal("list failed: %s", error->c_str());
    return std::get<std::vector<StoredKey>>(listed);
}

QByteArray everyFile(const QString &dir)
{
    QByteArray all;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}

} // namespace

class KeyRingTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void addStoresTheSecretInTheKeychainAndTheRestInTheFile()
    {
        QTemporaryDir dir;
        MemorySecretStore secrets;
        KeyRing ring(dir.path(), secrets);
        QVERIFY(listOf(ring).empty());

        const Added a = add(ring, {keyA, "me@example.com", "proj-a", {}, {}});
        QVERIFY2(!a.error, qPrintable(a.error.message));
        QVERIFY(a.reportedLater);
        QCOMPARE(a.key.id, hydra::fingerprintSecret(keyA));
        QCOMPARE(a.key.label, std::string("me@example.com"));
        QCOMPARE(a.key.maskedKey, hydra::maskSecret(keyA));
        QVERIFY(!a.key.added.empty());

        QCOMPARE(secrets.entries.size(), 1);
        QCOMPARE(secrets.entries.firstKey(), QStringLiteral("Hydra/gemini/") + QString::fromStdString(a.key.id));
        QCOMPARE(secrets.entries.first(), keyA);

        const QString meta = dir.filePath("keys-meta.json");
        QVERIFY(QFile::exists(meta));
        QCOMPARE(QFile::permissions(meta) & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
        const QByteArray files = everyFile(dir.path());
        QVERIFY(files.contains("me@example.com"));
        QVERIFY(files.contains("proj-a"));
        QVERIFY2(!files.contains(QByteArray::fromStdString(keyA)), files.constData());
        QVERIFY(!files.contains(QByteArray::fromStdString(keyA.substr(4, 20))));
    }

    void labelsAndOrder()
    {
        QTemporaryDir dir;
        MemorySecretStore secrets;
        KeyRing ring(dir.path(), secrets);
        QCOMPARE(add(ring, {keyA, "me@example.com", "p1", {}, {}}).key.label, std::string("me@example.com"));
        QCOMPARE(add(ring, {keyB, "me@example.com", "p2", {}, {}}).key.label, std::string("me@example.com-2"));
        QCOMPARE(add(ring, {keyC, {}, {}, {}, {}}).key.label, std::string("key-3"));
        const auto keys = listOf(ring);
        QCOMPARE(keys.size(), size_t(3));
        QCOMPARE(keys[0].label, std::string("me@example.com"));
        QCOMPARE(keys[1].label, std::string("me@example.com-2"));
        QCOMPARE(keys[2].label, std::string("key-3"));

        QCOMPARE(KeyRing::find(keys, "me@example.com-2"), std::optional<size_t>(1));
        QCOMPARE(KeyRing::find(keys, "3"), std::optional<size_t>(2));
        QCOMPARE(KeyRing::find(keys, "1"), std::optional<size_t>(0));
        QCOMPARE(KeyRing::find(keys, "0"), std::nullopt);
        QCOMPARE(KeyRing::find(keys, "4"), std::nullopt);
        QCOMPARE(KeyRing::find(keys, "nobody"), std::nullopt);

        // A project id stands in for a missing email; an explicit label wins.
        QCOMPARE(KeyRing::chooseLabel(keys, {keyA, {}, "proj-x", {}, {}}), std::string("proj-x"));
        QCOMPARE(KeyRing::chooseLabel(keys, {keyA, "x@y.z", "proj-x", "mine", {}}), std::string("mine"));
        QCOMPARE(KeyRing::chooseLabel({}, {keyA, {}, {}, {}, {}}), std::string("key-1"));
        QCOMPARE(KeyRing::chooseLabel(keys, {keyA, {}, {}, "key-3", {}}), std::string("key-3-2"));
    }

    void refusesDuplicatesAndBadInput()
    {
        QTemporaryDir dir;
        MemorySecretStore secrets;
        KeyRing ring(dir.path(), secrets);
        QVERIFY(!add(ring, {keyA, {}, {}, "first", {}}).error);

        const Added again = add(ring, {keyA, "other@example.com", {}, {}, {}});
        QCOMPARE(again.error.kind, RingError::Kind::Duplicate);
        QVERIFY(again.error.message.contains("first"));
        QCOMPARE(add(ring, {keyB, {}, {}, "first", {}}).error.kind, RingError::Kind::BadInput);
        QCOMPARE(add(ring, {keyB, {}, {}, "12", {}}).error.kind, RingError::Kind::BadInput);
        QCOMPARE(add(ring, {keyB, {}, {}, "with space", {}}).error.kind, RingError::Kind::BadInput);
        QCOMPARE(add(ring, {"", {}, {}, {}, {}}).error.kind, RingError::Kind::BadInput);
        QCOMPARE(add(ring, {"AIza with space", {}, {}, {}, {}}).error.kind, RingError::Kind::BadInput);
        QCOMPARE(listOf(ring).size(), size_t(1));
        QCOMPARE(secrets.entries.size(), 1);
    }

    void removeDeletesBothAndToleratesAMissingSecret()
    {
        QTemporaryDir dir;
        MemorySecretStore secrets;
        KeyRing ring(dir.path(), secrets);
        const StoredKey a = add(ring, {keyA, {}, {}, {}, {}}).key;
        const StoredKey b = add(ring, {keyB, {}, {}, {}, {}}).key;
        QVERIFY(!remove(ring, a.id));
        QCOMPARE(listOf(ring).size(), size_t(1));
        QCOMPARE(listOf(ring)[0].id, b.id);
        QVERIFY(!secrets.entries.contains(KeyRing::entryName(a.id)));

        // Gone from the keychain already (deleted by hand): still removed from the list.
        secrets.entries.clear();
        QVERIFY(!remove(ring, b.id));
        QVERIFY(listOf(ring).empty());
        QCOMPARE(remove(ring, b.id).kind, RingError::Kind::NotFound);
    }

    void loadAllReadsEverySecretInOrder()
    {
        QTemporaryDir dir;
        MemorySecretStore secrets;
        KeyRing ring(dir.path(), secrets);
        QVERIFY(loadAll(ring).keys.empty());
        const StoredKey a = add(ring, {keyA, "a@example.com", "pa", {}, {}}).key;
        const StoredKey b = add(ring, {keyB, {}, "pb", {}, {}}).key;
        const StoredKey c = add(ring, {keyC, {}, {}, {}, {}}).key;
        secrets.entries.remove(KeyRing::entryName(b.id));

        const LoadedKeys loaded = loadAll(ring);
        QVERIFY(!loaded.error);
        QCOMPARE(loaded.keys.size(), size_t(2));
        QCOMPARE(loaded.keys[0].secret, keyA);
        QCOMPARE(loaded.keys[0].label, a.label);
        QCOMPARE(loaded.keys[0].email, std::string("a@example.com"));
        QCOMPARE(loaded.keys[0].projectId, std::string("pa"));
        QCOMPARE(loaded.keys[1].secret, keyC);
        QCOMPARE(loaded.stored.size(), size_t(2));
        QCOMPARE(loaded.stored[1].id, c.id);
        QCOMPARE(loaded.missing.size(), size_t(1));
        QCOMPARE(loaded.missing[0].id, b.id);
    }

    void anUnavailableKeychainChangesNothing()
    {
        QTemporaryDir dir;
        MemorySecretStore secrets;
        KeyRing ring(dir.path(), secrets);
        const StoredKey a = add(ring, {keyA, {}, {}, {}, {}}).key;
        const QByteArray before = everyFile(dir.path());

        secrets.unavailable = QStringLiteral("no Secret Service running: install gnome-keyring");
        const Added b = add(ring, {keyB, {}, {}, {}, {}});
        QCOMPARE(b.error.kind, RingError::Kind::KeychainUnavailable);
        QCOMPARE(b.error.message, secrets.unavailable);
        QCOMPARE(remove(ring, a.id).kind, RingError::Kind::KeychainUnavailable);
        const LoadedKeys loaded = loadAll(ring);
        QCOMPARE(loaded.error.kind, RingError::Kind::KeychainUnavailable);
        QVERIFY(loaded.keys.empty());
        QCOMPARE(everyFile(dir.path()), before);

        // Nothing stored yet and no keychain: no file appears either.
        QTemporaryDir empty;
        KeyRing fresh(empty.path(), secrets);
        QCOMPARE(add(fresh, {keyB, {}, {}, {}, {}}).error.kind, RingError::Kind::KeychainUnavailable);
        QVERIFY(QDir(empty.path()).isEmpty());
    }

    void addAllStopsAtAnUnavailableKeychain()
    {
        QTemporaryDir dir;
        MemorySecretStore secrets;
        KeyRing ring(dir.path(), secrets);
        std::optional<std::vector<std::pair<RingError, StoredKey>>> results;
        ring.addAll({{keyA, {}, {}, {}, {}}, {keyA, {}, {}, {}, {}}, {keyB, {}, {}, {}, {}}},
                    [&results](const auto &r) { results = r; });
        QVERIFY(QTest::qWaitFor([&results] { return results.has_value(); }, 5000));
        QCOMPARE(results->size(), size_t(3));
        QVERIFY(!(*results)[0].first);
        QCOMPARE((*results)[1].first.kind, RingError::Kind::Duplicate);
        QVERIFY(!(*results)[2].first);
        QCOMPARE(listOf(ring).size(), size_t(2));

        secrets.unavailable = QStringLiteral("locked");
        results.reset();
        const int callsBefore = secrets.calls;
        ring.addAll({{keyC, {}, {}, {}, {}}, {"AIzaSyDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD0004", {}, {}, {}, {}}},
                    [&results](const auto &r) { results = r; });
        QVERIFY(QTest::qWaitFor([&results] { return results.has_value(); }, 5000));
        QCOMPARE(results->size(), size_t(2));
        QCOMPARE((*results)[0].first.kind, RingError::Kind::KeychainUnavailable);
        QCOMPARE((*results)[1].first.kind, RingError::Kind::KeychainUnavailable);
        QCOMPARE(secrets.calls, callsBefore + 1); // it did not keep knocking
    }

    void checksAreRemembered()
    {
        QTemporaryDir dir;
        MemorySecretStore secrets;
        KeyRing ring(dir.path(), secrets);
        KeyCheckRecord first{"rate-limited", "daily quota used up", 420, "2025-05-01T10:00:00Z"};
        const StoredKey a = add(ring, {keyA, {}, {}, {}, first}).key;
        QCOMPARE(listOf(ring)[0].lastCheck->result, std::string("rate-limited"));
        QVERIFY(!ring.recordCheck(a.id, {"valid", {}, 99, "2025-05-02T10:00:00Z"}));
        const auto keys = listOf(ring);
        QCOMPARE(keys[0].lastCheck->result, std::string("valid"));
        QCOMPARE(keys[0].lastCheck->latencyMs, 99);
        QCOMPARE(keys[0].lastCheck->at, std::string("2025-05-02T10:00:00Z"));
        QVERIFY(ring.recordCheck("nope", {"valid", {}, 1, {}}).has_value());
        // The gateway learns when a key last passed a check (a dead key checked since lives again);
        // a failed check says nothing of the kind.
        QCOMPARE(loadAll(ring).keys[0].validatedAtMs, QDateTime(QDate(2025, 5, 2), QTime(10, 0), QTimeZone::utc()).toMSecsSinceEpoch());
        QVERIFY(!ring.recordCheck(a.id, {"invalid", "API key not valid", 80, "2025-05-03T10:00:00Z"}));
        QCOMPARE(loadAll(ring).keys[0].validatedAtMs, 0);
    }

    void metadataFileFormat()
    {
        std::vector<StoredKey> keys(2);
        keys[0] = {"aaaa", "me@example.com", "me@example.com", "proj", "AIza…0001", "2025-05-01T10:00:00Z",
                   KeyCheckRecord{"invalid", "API key not valid.", 12, "2025-05-01T10:00:00Z"}};
        keys[1] = {"bbbb", "key-2", {}, {}, "AIza…0002", "2025-05-01T10:00:01Z", std::nullopt};
        const std::string text = hydra::store::serializeKeyMetadata(keys);
        auto parsed = hydra::store::parseKeyMetadata(text);
        QVERIFY(std::holds_alternative<std::vector<StoredKey>>(parsed));
        const auto &back = std::get<std::vector<StoredKey>>(parsed);
        QCOMPARE(back.size(), size_t(2));
        QCOMPARE(back[0].label, keys[0].label);
        QCOMPARE(back[0].projectId, keys[0].projectId);
        QCOMPARE(back[0].maskedKey, keys[0].maskedKey);
        QCOMPARE(back[0].lastCheck->detail, keys[0].lastCheck->detail);
        QVERIFY(!back[1].lastCheck);

        const auto malformed = hydra::store::parseKeyMetadata("{\"version\": 1,\n  \"keys\": [,]}");
        QVERIFY(std::holds_alternative<std::string>(malformed));
        QVERIFY2(std::get<std::string>(malformed).find("line 2, column") != std::string::npos,
                 std::get<std::string>(malformed).c_str());
        QVERIFY(std::holds_alternative<std::string>(hydra::store::parseKeyMetadata("{\"version\": 2, \"keys\": []}")));
        QVERIFY(std::holds_alternative<std::string>(hydra::store::parseKeyMetadata("[]")));
        // A number a double cannot hold makes nlohmann throw out_of_range, not parse_error.
        QVERIFY(std::holds_alternative<std::string>(hydra::store::parseKeyMetadata("{\"version\": 1e999, \"keys\": []}")));
        QVERIFY(std::holds_alternative<std::string>(hydra::store::parseKeyMetadata(
            "{\"version\": 1, \"keys\": [{\"id\": \"a\", \"label\": \"x\"}, {\"id\": \"a\", \"label\": \"y\"}]}")));
    }

    void aDamagedFileIsNeverOverwritten()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath("keys-meta.json"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"version\": 1, \"keys\": [");
        file.close();
        MemorySecretStore secrets;
        KeyRing ring(dir.path(), secrets);
        QVERIFY(std::holds_alternative<std::string>(ring.list()));
        QCOMPARE(add(ring, {keyA, {}, {}, {}, {}}).error.kind, RingError::Kind::Metadata);
        QCOMPARE(loadAll(ring).error.kind, RingError::Kind::Metadata);
        QVERIFY(secrets.entries.isEmpty());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("{\"version\": 1, \"keys\": ["));
    }

    void keychainErrorsSayWhatToDo()
    {
        using hydra::store::describeKeychainFailure;
        // The errorString()s qtkeychain 0.13 gives on Linux without a usable Secret Service; 7 = OtherError.
        const QString noProvider =
            describeKeychainFailure(7, "The name org.freedesktop.secrets was not provided by any .service files");
        QVERIFY2(noProvider.startsWith("no Secret Service running: install gnome-keyring (or KeePassXC"),
                 qPrintable(noProvider));
        QVERIFY(noProvider.contains("--keys-file"));
        QVERIFY(noProvider.contains("org.freedesktop.secrets")); // the raw reason stays, for bug reports

        const QString noBus = describeKeychainFailure(7, "Cannot autolaunch D-Bus without X11 $DISPLAY");
        QVERIFY2(noBus.contains("no D-Bus session bus") && noBus.contains("--keys-file"), qPrintable(noBus));

        const QString locked = describeKeychainFailure(
            7, QString::fromUtf8("Object does not exist at path “/org/freedesktop/secrets/collection/login”"));
        QVERIFY2(locked.contains("locked") && locked.contains("--keys-file"), qPrintable(locked));

        const QString kde = describeKeychainFailure(7, "The name org.kde.kwalletd5 was not provided by any .service files");
        QVERIFY2(kde.contains("KWallet") && kde.contains("--keys-file"), qPrintable(kde));

        QVERIFY(describeKeychainFailure(3, "denied").contains("denied"));
        QVERIFY(describeKeychainFailure(7, "something odd").contains("--keys-file"));
    }
};

QTEST_GUILESS_MAIN(KeyRingTest)
#include "tst_key_ring.moc"
