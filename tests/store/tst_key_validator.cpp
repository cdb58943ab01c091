// KeyValidator against the fake Gemini over loopback: what it asks, how it reads each of
// Google's answers, and that it checks a few keys at a time.

#include "fake_gemini.h"
#include "keys/key_validator.h"
#include "upstream/upstream_failure.h"

#include <nlohmann/json.hpp>

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <set>

using hydra::fakes::Behaviour;
using hydra::fakes::FakeGemini;
using hydra::keys::KeyCheck;
using hydra::keys::KeyStatus;
using hydra::keys::KeyValidator;

namespace {

std::string keyNamed(int n)
{
    std::string key = "AIzaSyVALIDATOR" + std::to_string(n);
    key.resize(39, '0');
    return key;
}

std::vector<KeyCheck> validate(KeyValidator &validator, const std::vector<std::string> &keys)
{
    QSignalSpy finished(&validator, &KeyValidator::finished);
    validator.validate(keys);
    if (!finished.wait(20000))
        qFatal("the validator never finished");
    return validator.results();
}

} // namespace

Q_DECLARE_METATYPE(Behaviour)
Q_DECLARE_METATYPE(KeyStatus)

class KeyValidatorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void asksForTheModelsThenOneTinyGeneration()
    {
        FakeGemini fake;
        QVERIFY(fake.listen());
        KeyValidator validator(QUrl(fake.baseUrl()));
        const std::string key = keyNamed(1);
        const auto results = validate(validator, {key});
        QCOMPARE(results.size(), size_t(1));
        QCOMPARE(results[0].status, KeyStatus::Valid);
        QVERIFY(results[0].detail.empty());
        QVERIFY(results[0].latencyMs >= 0);

        const auto requests = fake.requests();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests[0].method, QByteArray("GET"));
        QCOMPARE(requests[0].path, QByteArray("/v1beta/models"));
        QCOMPARE(requests[1].method, QByteArray("POST"));
        QCOMPARE(requests[1].path, QByteArray("/v1beta/models/gemini-2.5-flash-lite:generateContent"));
        const auto body = nlohmann::json::parse(requests[1].body.toStdString());
        QCOMPARE(body["generationConfig"]["maxOutputTokens"].get<int>(), 1);
        for (const auto &request : requests) {
            QCOMPARE(request.key, QByteArray::fromStdString(key)); // in the header, never the URL
            QVERIFY(!request.query.contains("key="));
        }
    }

    void readsEveryAnswer_data()
    {
        QTest::addColumn<Behaviour>("behaviour");
        QTest::addColumn<KeyStatus>("status");
        QTest::addColumn<QString>("detail");
        QTest::newRow("ok") << Behaviour::Ok << KeyStatus::Valid << "";
        QTest::newRow("invalid") << Behaviour::KeyInvalid << KeyStatus::Invalid << "API key not valid";
        QTest::newRow("expired") << Behaviour::KeyExpired << KeyStatus::Invalid << "expired";
        QTest::newRow("leaked") << Behaviour::KeyLeaked << KeyStatus::Invalid << "leaked";
        QTest::newRow("probe model not allowed") << Behaviour::ModelForbidden << KeyStatus::Valid << "not allowed";
        QTest::newRow("no free tier") << Behaviour::RateLimitNoFreeTier << KeyStatus::NoFreeTier << "no free quota";
        QTest::newRow("per minute") << Behaviour::RateLimitPerMinute << KeyStatus::RateLimited << "retry in 57 s";
        QTest::newRow("per day") << Behaviour::RateLimitPerDay << KeyStatus::RateLimited << "daily quota";
        QTest::newRow("overloaded") << Behaviour::Overloaded << KeyStatus::NetworkError << "HTTP 503";
        QTest::newRow("internal") << Behaviour::Internal << KeyStatus::NetworkError << "HTTP 500";
    }

    void readsEveryAnswer()
    {
        QFETCH(Behaviour, behaviour);
        QFETCH(KeyStatus, status);
        QFETCH(QString, detail);
        FakeGemini fake;
        QVERIFY(fake.listen());
        const std::string key = keyNamed(2);
        fake.script(QByteArray::fromStdString(key), {behaviour});
        KeyValidator validator(QUrl(fake.baseUrl()));
        const auto results = validate(validator, {key});
        QCOMPARE(results[0].status, status);
        QVERIFY2(QString::fromStdString(results[0].detail).contains(detail), results[0].detail.c_str());
        QVERIFY(results[0].detail.find(key) == std::string::npos);
    }

    void noAnswerIsANetworkError()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        KeyValidator validator(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        const auto results = validate(validator, {keyNamed(3)});
        QCOMPARE(results[0].status, KeyStatus::NetworkError);
        QVERIFY(!results[0].detail.empty());
    }

    void aStalledUpstreamTimesOut()
    {
        FakeGemini fake;
        QVERIFY(fake.listen());
        const std::string key = keyNamed(4);
        fake.script(QByteArray::fromStdString(key), {Behaviour::Stall});
        KeyValidator validator(QUrl(fake.baseUrl()));
        validator.setTimeoutMs(300);
        const auto results = validate(validator, {key});
        QCOMPARE(results[0].status, KeyStatus::NetworkError);
    }

    void checksFourKeysAtATime()
    {
        FakeGemini fake;
        QVERIFY(fake.listen());
        fake.setEventDelayMs(100); // answers take a while, so the checks overlap
        std::vector<std::string> keys;
        for (int i = 0; i < 10; ++i)
            keys.push_back(keyNamed(100 + i));
        fake.script(QByteArray::fromStdString(keys[3]), {Behaviour::KeyInvalid});

        KeyValidator validator(QUrl(fake.baseUrl()));
        std::set<QByteArray> started;
        std::set<QByteArray> done;
        std::size_t mostAtOnce = 0;
        connect(&fake, &FakeGemini::requestReceived, this, [&] {
            started.insert(fake.requests().constLast().key);
            mostAtOnce = std::max(mostAtOnce, started.size() - done.size());
        });
        std::vector<int> order;
        connect(&validator, &KeyValidator::keyChecked, this, [&](int index, const KeyCheck &) {
            done.insert(QByteArray::fromStdString(keys[std::size_t(index)]));
            order.push_back(index);
        });
        const auto results = validate(validator, keys);
        QCOMPARE(mostAtOnce, size_t(4));
        QCOMPARE(order.size(), size_t(10));
        QCOMPARE(results.size(), size_t(10));
        for (std::size_t i = 0; i < results.size(); ++i)
            QCOMPARE(results[i].status, i == 3 ? KeyStatus::Invalid : KeyStatus::Valid);
    }

    void nothingToCheckStillFinishes()
    {
        KeyValidator validator(QUrl(QStringLiteral("http://127.0.0.1:9")));
        QVERIFY(validate(validator, {}).empty());
    }

    void theModelListAloneCanCondemnAKey()
    {
        // Google refuses a bad key on the models list already (the fake only does so for
        // generation): the verdict comes from the list, and no generation is attempted.
        hydra::upstream::UpstreamFailure failure = hydra::upstream::classifyHttpFailure(
            400, "{\"error\":{\"code\":400,\"message\":\"API key not valid. Please pass a valid API key.\","
                 "\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\","
                 "\"reason\":\"API_KEY_INVALID\"}]}}");
        QCOMPARE(hydra::keys::classifyProbe(failure, true).status, KeyStatus::Invalid);
        // A missing probe model says nothing against the key.
        failure = hydra::upstream::classifyHttpFailure(
            404, "{\"error\":{\"code\":404,\"message\":\"models/x is not found\",\"status\":\"NOT_FOUND\"}}");
        QCOMPARE(hydra::keys::classifyProbe(failure, false).status, KeyStatus::Valid);
        // "User location is not supported": the key cannot be used from here.
        failure = hydra::upstream::classifyHttpFailure(
            400, "{\"error\":{\"code\":400,\"message\":\"User location is not supported for the API use.\","
                 "\"status\":\"FAILED_PRECONDITION\"}}");
        QCOMPARE(hydra::keys::classifyProbe(failure, false).status, KeyStatus::Invalid);
        QCOMPARE(hydra::keys::statusName(KeyStatus::NoFreeTier), std::string("no free tier"));
    }
};

QTEST_GUILESS_MAIN(KeyValidatorTest)
#include "tst_key_validator.moc"
