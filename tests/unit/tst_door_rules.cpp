// The pure rules of the gateway's doors: where a token is looked for, which address a client
// is counted under, what the tunnel serves, and how failed token checks are slowed down.

#include "server/credentials.h"
#include "server/door_policy.h"
#include "server/failure_throttle.h"

#include <QtTest>

using namespace hydra::server;

namespace {

IncomingRequest requestWith(QHash<QByteArray, QByteArray> headers, const QString &query = {})
{
    IncomingRequest request;
    request.method = "POST";
    request.headers = std::move(headers);
    request.query = QUrlQuery(query);
    request.peer = QHostAddress(QStringLiteral("127.0.0.1"));
    return request;
}

} // namespace

class TestDoorRules : public QObject
{
    Q_OBJECT

private slots:
    void tokenFromBearerOrApiKey()
    {
        QCOMPARE(presentedToken(requestWith({{"authorization", "Bearer hydra-abc"}})), QByteArray("hydra-abc"));
        QCOMPARE(presentedToken(requestWith({{"authorization", "bearer   hydra-abc  "}})), QByteArray("hydra-abc"));
        QCOMPARE(presentedToken(requestWith({{"x-api-key", "hydra-k"}})), QByteArray("hydra-k"));
        QCOMPARE(presentedToken(requestWith({{"authorization", "Basic Zm9vOmJhcg=="}})), QByteArray());
        QCOMPARE(presentedToken(requestWith({})), QByteArray());
        QCOMPARE(presentedToken(requestWith({{"x-goog-api-key", "hydra-g"}})), QByteArray("hydra-g"));
        QCOMPARE(presentedToken(requestWith({{"authorization", "Bearer hydra-b"}, {"x-goog-api-key", "other"}})),
                 QByteArray("hydra-b"));
        // Never from the URL, where logs, proxies and browser history keep it.
        QCOMPARE(presentedToken(requestWith({}, QStringLiteral("key=hydra-q"))), QByteArray());
        QCOMPARE(presentedToken(requestWith({}, QStringLiteral("alt=sse&key=hydra-q%2Dx"))), QByteArray());
    }

    void clientAddressOnEachDoor()
    {
        const IncomingRequest viaEdge = requestWith({{"cf-connecting-ip", " 203.0.113.7 "}});
        QCOMPARE(clientAddress(viaEdge, true), QByteArray("203.0.113.7"));
        QCOMPARE(clientAddress(viaEdge, false), QByteArray("127.0.0.1")); // locally the header means nothing
        QCOMPARE(clientAddress(requestWith({}), true), QByteArray("127.0.0.1"));
        QCOMPARE(clientAddress(requestWith({{"cf-connecting-ip", QByteArray(500, 'x')}}), true).size(), 64);
    }

    void tunnelServesOnlyTheApi()
    {
        for (const Route route : {Route::ListModels, Route::GetModel, Route::ChatCompletions, Route::Completions,
                                  Route::Embeddings, Route::NativeList, Route::NativeGet, Route::NativeCall})
            QVERIFY(servedThroughTunnel(route));
        QVERIFY(!servedThroughTunnel(Route::Health));
        QVERIFY(!servedThroughTunnel(Route::NotFound));
        QVERIFY(errorShapeFor(Route::NativeCall) == ErrorShape::Google);
        QVERIFY(errorShapeFor(Route::ChatCompletions) == ErrorShape::OpenAi);
        QVERIFY(errorShapeFor(Route::Messages) == ErrorShape::Anthropic);
        QVERIFY(servedThroughTunnel(Route::Messages));
    }

    void unauthorizedIsOpenAiShaped()
    {
        const auto body = unauthorized().toJson();
        QCOMPARE(unauthorized().httpStatus, 401);
        QCOMPARE(body["error"]["code"], "invalid_api_key");
        QCOMPARE(body["error"]["type"], "invalid_request_error");
        QVERIFY(body["error"]["param"].is_null());
        QVERIFY(body["error"]["message"].is_string());
    }

    void throttleLetsAFewThroughThenDoubles()
    {
        FailureThrottle throttle; // 3 free, then 250, 500, 1000, 2000, 4000, 4000
        const QByteArray client = "203.0.113.7";
        QList<int> delays;
        for (int i = 0; i < 9; ++i)
            delays << throttle.failure(client, 1000 + i);
        QCOMPARE(delays, (QList<int>{0, 0, 0, 250, 500, 1000, 2000, 4000, 4000}));
        QCOMPARE(throttle.failure("198.51.100.1", 2000), 0); // other clients are not affected
        throttle.success(client);
        QCOMPARE(throttle.failure(client, 3000), 0); // a success forgives
    }

    void throttleForgetsAfterAQuietSpell()
    {
        ThrottleSettings settings;
        settings.forgetAfterMs = 60'000;
        FailureThrottle throttle(settings);
        for (int i = 0; i < 5; ++i)
            throttle.failure("a", 0);
        QVERIFY(throttle.failure("a", 1000) > 0);
        QCOMPARE(throttle.failure("a", 1000 + 60'001), 0);
    }

    void throttleDelayIsBoundedForever()
    {
        FailureThrottle throttle;
        int last = 0;
        for (int i = 0; i < 5000; ++i)
            last = throttle.failure("a", i);
        QCOMPARE(last, 4000);
    }

    void throttleMemoryIsBounded()
    {
        ThrottleSettings settings;
        settings.maxClients = 100;
        FailureThrottle throttle(settings);
        for (int i = 0; i < 1000; ++i)
            throttle.failure(QByteArray::number(i), i);
        QVERIFY(throttle.trackedClients() <= 100);
        // The most recent clients are the ones remembered.
        for (int i = 0; i < 3; ++i)
            throttle.failure("999", 2000);
        QVERIFY(throttle.failure("999", 2000) > 0);
    }
};

QTEST_GUILESS_MAIN(TestDoorRules)
#include "tst_door_rules.moc"
