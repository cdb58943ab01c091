// pool-state.json: the key pool's quota state across restarts, written atomically; a damaged
// file is moved aside and never stops Hydra from starting.

#include "store/pool_state_file.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace hydra;
using nlohmann::json;

namespace {

pool::PoolState sampleState()
{
    pool::PoolState state;
    state.keys.push_back({"0123456789abcdef", true, "API key expired. Please renew the API key.", 1'700'000'030'000, 12, 3,
                          "expired"});
    state.keys.push_back({"fedcba9876543210", false, "", 0, 40, 0, ""});
    pool::PoolState::Bucket bucket;
    bucket.project = "project:my-project";
    bucket.model = "gemini-2.5-flash";
    bucket.coolingUntilMs = 1'700'000'057'000;
    bucket.parkedUntilMs = 1'700'028'800'000;
    bucket.noFreeTier = false;
    bucket.bareInARow = 2;
    bucket.learnt = {10, 250};
    bucket.usage.seconds = {{1'700'000'000, 2}, {1'700'000'001, 1}};
    bucket.usage.minutes = {{28'333'333, 3}};
    bucket.usage.days = {{2'461'057, 19}, {2'461'058, 3}};
    state.buckets.push_back(bucket);
    pool::PoolState::Bucket pro;
    pro.project = "key:fedcba9876543210";
    pro.model = "gemini-2.5-pro";
    pro.parkedUntilMs = 1'700'028'800'000;
    pro.noFreeTier = true;
    state.buckets.push_back(pro);
    return state;
}

void compare(const pool::PoolState &a, const pool::PoolState &b)
{
    QCOMPARE(a.keys.size(), b.keys.size());
    for (size_t i = 0; i < a.keys.size(); ++i) {
        QCOMPARE(a.keys[i].fingerprint, b.keys[i].fingerprint);
        QCOMPARE(a.keys[i].dead, b.keys[i].dead);
        QCOMPARE(a.keys[i].deadReason, b.keys[i].deadReason);
        QCOMPARE(a.keys[i].deadAtMs, b.keys[i].deadAtMs);
        QCOMPARE(a.keys[i].requests, b.keys[i].requests);
        QCOMPARE(a.keys[i].failures, b.keys[i].failures);
        QCOMPARE(a.keys[i].lastError, b.keys[i].lastError);
    }
    QCOMPARE(a.buckets.size(), b.buckets.size());
    for (size_t i = 0; i < a.buckets.size(); ++i) {
        const auto &x = a.buckets[i];
        const auto &y = b.buckets[i];
        QCOMPARE(x.project, y.project);
        QCOMPARE(x.model, y.model);
        QCOMPARE(x.coolingUntilMs, y.coolingUntilMs);
        QCOMPARE(x.parkedUntilMs, y.parkedUntilMs);
        QCOMPARE(x.noFreeTier, y.noFreeTier);
        QCOMPARE(x.bareInARow, y.bareInARow);
        QCOMPARE(x.learnt, y.learnt);
        QCOMPARE(x.usage.seconds, y.usage.seconds);
        QCOMPARE(x.usage.minutes, y.usage.minutes);
        QCOMPARE(x.usage.days, y.usage.days);
    }
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void write(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

// The permission bits of a file or folder, as stat() reports them (rwx for owner, group, others).
QFileDevice::Permissions modeOf(const QString &path)
{
    constexpr QFileDevice::Permissions mode = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                              QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                                              QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    return QFileInfo(path).permissions() & mode;
}

constexpr QFileDevice::Permissions rwOwner = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions rwxOwner = rwOwner | QFileDevice::ExeOwner;
constexpr QFileDevice::Permissions everyoneReads = QFileDevice::ReadGroup | QFileDevice::ReadOther;

} // namespace

class TestPoolStateFile : public QObject
{
    Q_OBJECT

private slots:
    void jsonRoundTrip();
    void fileRoundTripWithoutTemporaryLeftovers();
    void missingFileIsAQuietCleanStart();
    void corruptFileIsMovedAsideAndStartsClean();
    void unknownShapeOrVersionIsMovedAside();
    void badEntriesAreSkippedOneByOne();
    void unwritableDirectoryFailsWithAReason();
    void validatingAKeyClearsItsDeadMark();
    void theFileAndItsFolderAreTheOwnersAlone();
    void whatAnOlderVersionLeftOpenIsTightened();
};

void TestPoolStateFile::theFileAndItsFolderAreTheOwnersAlone()
{
#ifndef Q_OS_UNIX
    QSKIP("Unix permission bits");
#endif
    // pool-state.json holds a fingerprint of every key: no other user may read it, or list the folder.
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("hydra"));
    const QString path = folder + QStringLiteral("/pool-state.json");
    QVERIFY(store::savePoolState(path, sampleState()));
    QCOMPARE(modeOf(folder), rwxOwner);
    QCOMPARE(modeOf(path), rwOwner);
    QVERIFY(store::savePoolState(path, sampleState())); // replaced, still private
    QCOMPARE(modeOf(path), rwOwner);
}

void TestPoolStateFile::whatAnOlderVersionLeftOpenIsTightened()
{
#ifndef Q_OS_UNIX
    QSKIP("Unix permission bits");
#endif
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("hydra"));
    const QString path = folder + QStringLiteral("/pool-state.json");
    QVERIFY(QDir().mkdir(folder));
    QVERIFY(QFile::setPermissions(folder, rwxOwner | everyoneReads | QFileDevice::ExeGroup | QFileDevice::ExeOther));
    write(path, "{}");
    QVERIFY(QFile::setPermissions(path, rwOwner | everyoneReads));
    QCOMPARE(modeOf(path), rwOwner | everyoneReads); // 0644, as versions before this one left it
    QVERIFY(store::savePoolState(path, sampleState()));
    QCOMPARE(modeOf(folder), rwxOwner);
    QCOMPARE(modeOf(path), rwOwner);
}

void TestPoolStateFile::validatingAKeyClearsItsDeadMark()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pool-state.json"));
    QVERIFY(store::markKeyValidInPoolState(path, "0123456789abcdef")); // no file: nothing to do
    QVERIFY(!QFile::exists(path));
    QVERIFY(store::savePoolState(path, sampleState()));
    QVERIFY(store::markKeyValidInPoolState(path, "0123456789abcdef"));
    const auto state = store::loadPoolState(path);
    QVERIFY(state);
    QVERIFY(!state->keys[0].dead);
    QVERIFY(state->keys[0].deadReason.empty());
    QCOMPARE(state->keys[0].requests, std::uint64_t(12)); // the rest stays
    QCOMPARE(state->buckets.size(), size_t(2));
}

void TestPoolStateFile::jsonRoundTrip()
{
    const pool::PoolState state = sampleState();
    const json document = store::poolStateToJson(state);
    QCOMPARE(document["version"].get<int>(), 1);
    const auto back = store::poolStateFromJson(document);
    QVERIFY(back);
    compare(state, *back);
}

void TestPoolStateFile::fileRoundTripWithoutTemporaryLeftovers()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/pool-state.json"));
    QVERIFY(store::savePoolState(path, sampleState()));
    QVERIFY(QFile::exists(path));
    QCOMPARE(QDir(dir.filePath(QStringLiteral("sub"))).entryList(QDir::Files), QStringList{QStringLiteral("pool-state.json")});
    const auto loaded = store::loadPoolState(path);
    QVERIFY(loaded);
    compare(sampleState(), *loaded);
    QVERIFY(!readAll(path).contains("AIza"));
}

void TestPoolStateFile::missingFileIsAQuietCleanStart()
{
    QTemporaryDir dir;
    QVERIFY(!store::loadPoolState(dir.filePath(QStringLiteral("pool-state.json"))));
    QVERIFY(!store::loadPoolState(QString()));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("pool-state.json.corrupt"))));
}

void TestPoolStateFile::corruptFileIsMovedAsideAndStartsClean()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pool-state.json"));
    write(path, "{\"version\": 1, \"keys\": [");
    QVERIFY(!store::loadPoolState(path));
    QVERIFY(!QFile::exists(path));
    QCOMPARE(readAll(path + QStringLiteral(".corrupt")), QByteArray("{\"version\": 1, \"keys\": ["));
    // The next save starts a good file again; a second corrupt one replaces the first aside.
    QVERIFY(store::savePoolState(path, sampleState()));
    QVERIFY(store::loadPoolState(path));
    write(path, QByteArray("\x00\xff garbage", 11));
    QVERIFY(!store::loadPoolState(path));
    QVERIFY(readAll(path + QStringLiteral(".corrupt")).contains("garbage"));
}

void TestPoolStateFile::unknownShapeOrVersionIsMovedAside()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pool-state.json"));
    for (const QByteArray &text : {QByteArray("[]"), QByteArray("{\"version\": 2, \"keys\": [], \"buckets\": []}"),
                                   QByteArray("{\"version\": 1, \"keys\": {}, \"buckets\": []}"), QByteArray("{}")}) {
        write(path, text);
        QVERIFY2(!store::loadPoolState(path), text.constData());
        QVERIFY(!QFile::exists(path));
        QCOMPARE(readAll(path + QStringLiteral(".corrupt")), text);
    }
}

void TestPoolStateFile::badEntriesAreSkippedOneByOne()
{
    json document = store::poolStateToJson(sampleState());
    document["keys"].push_back("not an object");
    document["keys"].push_back({{"fingerprint", 5}});
    document["buckets"].push_back({{"project", "p"}}); // no model
    document["buckets"][0]["learntRpm"] = "ten";
    document["buckets"][0]["usage"]["days"].push_back({"x", 1});
    document["buckets"][0]["bareInARow"] = -4;
    const auto state = store::poolStateFromJson(document);
    QVERIFY(state);
    QCOMPARE(state->keys.size(), size_t(2));
    QCOMPARE(state->buckets.size(), size_t(2));
    QVERIFY(!state->buckets[0].learnt.rpm);
    QCOMPARE(state->buckets[0].learnt.rpd, std::optional<std::int64_t>(250));
    QCOMPARE(state->buckets[0].usage.days.size(), size_t(2));
    QCOMPARE(state->buckets[0].bareInARow, 0);
}

void TestPoolStateFile::unwritableDirectoryFailsWithAReason()
{
    QTemporaryDir dir;
    const QString blocker = dir.filePath(QStringLiteral("file"));
    write(blocker, "x"); // a file where the directory should be
    QString error;
    QVERIFY(!store::savePoolState(blocker + QStringLiteral("/pool-state.json"), sampleState(), &error));
    QVERIFY(error.contains(QStringLiteral("pool-state.json")));
}

QTEST_APPLESS_MAIN(TestPoolStateFile)
#include "tst_pool_state_file.moc"
