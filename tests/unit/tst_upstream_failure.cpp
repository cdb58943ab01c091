// What a failed Gemini call means for the key and for the client. The bodies are
// Google's own (docs/gemini-wire.md §5, §6), stored in tests/fixtures/upstream/.

#include "json_support.h"

#include "relay/failover_relay.h"
#include "upstream/upstream_failure.h"

#include <QtTest>

using namespace hydra::upstream;

Q_DECLARE_METATYPE(hydra::upstream::Verdict)
Q_DECLARE_METATYPE(hydra::upstream::QuotaScope)

namespace {

const char *verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::RateLimited: return "RateLimited";
    case Verdict::KeyInvalid: return "KeyInvalid";
    case Verdict::Forbidden: return "Forbidden";
    case Verdict::Transient: return "Transient";
    case Verdict::ClientFault: return "ClientFault";
    }
    return "?";
}

const char *scopeName(QuotaScope scope)
{
    switch (scope) {
    case QuotaScope::Unknown: return "Unknown";
    case QuotaScope::PerMinute: return "PerMinute";
    case QuotaScope::PerDay: return "PerDay";
    }
    return "?";
}

// A key-shaped string made at run time, so no key-shaped literal is tracked; fixtures say
// {{LEAKED_KEY}} where Google's body would quote it.
const std::string kLeakedKey = std::string("AIza") + "SyD3xAmPlE0fAkEkEy_12345-abcdEFGHij";

std::optional<UpstreamFailure> classifyFixture(int status, const QString &file)
{
    auto body = hydra::test::fixtureBytes(QStringLiteral("upstream/") + file);
    if (!body)
        return std::nullopt;
    body->replace("{{LEAKED_KEY}}", QByteArray::fromStdString(kLeakedKey));
    return classifyHttpFailure(status, std::string_view(body->constData(), body->size()));
}

constexpr qint64 kNone = -1;

} // namespace

class TestUpstreamFailure : public QObject
{
    Q_OBJECT

private slots:
    void googleBodies_data();
    void googleBodies();
    void messageIsGooglesOwn();
    void keyInMessageIsRedacted();
    void modelNotFoundForTheClient();
    void invalidArgumentForTheClient();
    void bodiesThatAreNotJson_data();
    void bodiesThatAreNotJson();
    void serviceBlockedKeyIsInvalid();
    void networkFailureIsTransientAndRedacted();
    void googleDurations_data();
    void googleDurations();
    void requestLimitIsARequestCountOfTheScope_data();
    void requestLimitIsARequestCountOfTheScope();
};

void TestUpstreamFailure::googleBodies_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("file");
    QTest::addColumn<Verdict>("verdict");
    QTest::addColumn<QString>("googleStatus");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<qint64>("retryDelayMs"); // kNone: absent
    QTest::addColumn<QuotaScope>("scope");
    QTest::addColumn<bool>("noFreeTier");
    QTest::addColumn<qint64>("quotaValue"); // kNone: absent

    const QString exhausted = QStringLiteral("RESOURCE_EXHAUSTED");
    QTest::newRow("429 per minute, RetryInfo 57s")
        << 429 << "429-per-minute.json" << Verdict::RateLimited << exhausted << "" << qint64(57000)
        << QuotaScope::PerMinute << false << qint64(10);
    QTest::newRow("429 per day: scope from quotaId, not from retryDelay")
        << 429 << "429-per-day.json" << Verdict::RateLimited << exhausted << "" << qint64(64400000)
        << QuotaScope::PerDay << false << qint64(250);
    QTest::newRow("429 paid tier per day, no RetryInfo")
        << 429 << "429-paid-per-day.json" << Verdict::RateLimited << exhausted << "" << kNone << QuotaScope::PerDay
        << false << qint64(10000);
    QTest::newRow("429 limit: 0 (no free tier), per-minute and per-day violations")
        << 429 << "429-no-free-tier.json" << Verdict::RateLimited << exhausted << "" << qint64(57000)
        << QuotaScope::PerDay << true << kNone;
    QTest::newRow("429 bare, no details") << 429 << "429-bare.json" << Verdict::RateLimited << exhausted << ""
                                          << kNone << QuotaScope::Unknown << false << kNone;
    QTest::newRow("429 wrapped in a list") << 429 << "429-list-wrapped.json" << Verdict::RateLimited << exhausted
                                           << "" << qint64(21000) << QuotaScope::PerMinute << false << kNone;
    QTest::newRow("400 API_KEY_INVALID") << 400 << "400-api-key-invalid.json" << Verdict::KeyInvalid
                                         << "INVALID_ARGUMENT" << "API_KEY_INVALID" << kNone << QuotaScope::Unknown
                                         << false << kNone;
    QTest::newRow("400 expired key") << 400 << "400-api-key-expired.json" << Verdict::KeyInvalid
                                     << "INVALID_ARGUMENT" << "API_KEY_INVALID" << kNone << QuotaScope::Unknown
                                     << false << kNone;
    QTest::newRow("403 unregistered caller") << 403 << "403-unregistered.json" << Verdict::KeyInvalid
                                             << "PERMISSION_DENIED" << "" << kNone << QuotaScope::Unknown << false
                                             << kNone;
    QTest::newRow("403 leaked key") << 403 << "403-leaked.json" << Verdict::KeyInvalid << "PERMISSION_DENIED" << ""
                                    << kNone << QuotaScope::Unknown << false << kNone;
    QTest::newRow("403 API disabled in the key's project") << 403 << "403-service-disabled.json" << Verdict::KeyInvalid
                                                       << "PERMISSION_DENIED" << "SERVICE_DISABLED" << kNone
                                                       << QuotaScope::Unknown << false << kNone;
    QTest::newRow("403 for the model, not the key") << 403 << "403-caller-no-permission.json" << Verdict::Forbidden
                                                    << "PERMISSION_DENIED" << "" << kNone << QuotaScope::Unknown
                                                    << false << kNone;
    QTest::newRow("500 internal") << 500 << "500-internal.json" << Verdict::Transient << "INTERNAL" << "" << kNone
                                  << QuotaScope::Unknown << false << kNone;
    QTest::newRow("503 overloaded") << 503 << "503-overloaded.json" << Verdict::Transient << "UNAVAILABLE" << ""
                                    << kNone << QuotaScope::Unknown << false << kNone;
    QTest::newRow("504 deadline") << 504 << "504-deadline.json" << Verdict::Transient << "DEADLINE_EXCEEDED" << ""
                                  << kNone << QuotaScope::Unknown << false << kNone;
    QTest::newRow("400 INVALID_ARGUMENT without ErrorInfo")
        << 400 << "400-invalid-argument.json" << Verdict::ClientFault << "INVALID_ARGUMENT" << "" << kNone
        << QuotaScope::Unknown << false << kNone;
    QTest::newRow("400 FAILED_PRECONDITION location") << 400 << "400-location.json" << Verdict::ClientFault
                                                      << "FAILED_PRECONDITION" << "" << kNone << QuotaScope::Unknown
                                                      << false << kNone;
    QTest::newRow("404 model not found") << 404 << "404-model-not-found.json" << Verdict::ClientFault << "NOT_FOUND"
                                         << "" << kNone << QuotaScope::Unknown << false << kNone;
}

void TestUpstreamFailure::googleBodies()
{
    QFETCH(int, status);
    QFETCH(QString, file);
    QFETCH(Verdict, verdict);
    QFETCH(QString, googleStatus);
    QFETCH(QString, reason);
    QFETCH(qint64, retryDelayMs);
    QFETCH(QuotaScope, scope);
    QFETCH(bool, noFreeTier);
    QFETCH(qint64, quotaValue);

    const auto failure = classifyFixture(status, file);
    QVERIFY(failure);
    QCOMPARE(verdictName(failure->verdict), verdictName(verdict));
    QCOMPARE(failure->httpStatus, status);
    QCOMPARE(QString::fromStdString(failure->googleStatus), googleStatus);
    QCOMPARE(QString::fromStdString(failure->reason), reason);
    QCOMPARE(failure->retryDelayMs.value_or(kNone), retryDelayMs);
    QCOMPARE(scopeName(failure->scope), scopeName(scope));
    QCOMPARE(failure->noFreeTier, noFreeTier);
    QCOMPARE(failure->quotaValue.value_or(kNone), quotaValue);
    QVERIFY(!failure->message.empty());
}

void TestUpstreamFailure::messageIsGooglesOwn()
{
    const auto failure = classifyFixture(503, QStringLiteral("503-overloaded.json"));
    QVERIFY(failure);
    QCOMPARE(QString::fromStdString(failure->message), QStringLiteral("The model is overloaded. Please try again later."));
}

void TestUpstreamFailure::keyInMessageIsRedacted()
{
    const auto failure = classifyFixture(400, QStringLiteral("400-key-in-message.json"));
    QVERIFY(failure);
    QVERIFY2(failure->message.find(kLeakedKey) == std::string::npos, failure->message.c_str());
    QVERIFY2(failure->message.find("AIza") != std::string::npos, "the masked key should still be recognisable");
    QVERIFY2(failure->message.find("Unknown name") != std::string::npos, failure->message.c_str());
    QCOMPARE(QString::fromStdString(hydra::upstream::clientErrorFor(*failure).message).contains(QString::fromStdString(kLeakedKey)), false);
}

void TestUpstreamFailure::modelNotFoundForTheClient()
{
    const auto failure = classifyFixture(404, QStringLiteral("404-model-not-found.json"));
    QVERIFY(failure);
    const hydra::ApiError error = clientErrorFor(*failure);
    QCOMPARE(error.httpStatus, 404);
    QCOMPARE(QString::fromStdString(error.type), QStringLiteral("invalid_request_error"));
    QCOMPARE(error.code, std::optional<std::string>("model_not_found"));
    QVERIFY2(error.message.find("models/gemini-1.5-flash is not found") != std::string::npos, error.message.c_str());
}

void TestUpstreamFailure::invalidArgumentForTheClient()
{
    const auto failure = classifyFixture(400, QStringLiteral("400-invalid-argument.json"));
    QVERIFY(failure);
    const hydra::ApiError error = clientErrorFor(*failure);
    QCOMPARE(error.httpStatus, 400);
    QCOMPARE(QString::fromStdString(error.type), QStringLiteral("invalid_request_error"));
    QCOMPARE(error.code, std::optional<std::string>("INVALID_ARGUMENT"));
    QVERIFY2(error.message.find("should be non-empty for OBJECT type") != std::string::npos, error.message.c_str());
}

void TestUpstreamFailure::bodiesThatAreNotJson_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Verdict>("verdict");
    QTest::newRow("429 HTML page") << 429 << QByteArray("<html>Too Many Requests</html>") << Verdict::RateLimited;
    QTest::newRow("502 from a proxy") << 502 << QByteArray("<html>Bad Gateway</html>") << Verdict::Transient;
    QTest::newRow("401 empty") << 401 << QByteArray() << Verdict::KeyInvalid;
    QTest::newRow("408 empty") << 408 << QByteArray() << Verdict::Transient;
    QTest::newRow("413 plain text") << 413 << QByteArray("Request Entity Too Large") << Verdict::ClientFault;
    QTest::newRow("400 JSON without error") << 400 << QByteArray(R"({"message":"nope"})") << Verdict::ClientFault;
}

void TestUpstreamFailure::bodiesThatAreNotJson()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(Verdict, verdict);
    const UpstreamFailure failure = classifyHttpFailure(status, body.toStdString());
    QCOMPARE(verdictName(failure.verdict), verdictName(verdict));
    QCOMPARE(QString::fromStdString(failure.message), QStringLiteral("Gemini answered HTTP %1.").arg(status));
    QVERIFY(!failure.retryDelayMs);
    QCOMPARE(scopeName(failure.scope), scopeName(QuotaScope::Unknown));
}

void TestUpstreamFailure::serviceBlockedKeyIsInvalid()
{
    const UpstreamFailure failure = classifyHttpFailure(
        400, R"({"error":{"code":400,"message":"Requests to this API are blocked.","status":"INVALID_ARGUMENT",
                 "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_SERVICE_BLOCKED"}]}})");
    QCOMPARE(verdictName(failure.verdict), verdictName(Verdict::KeyInvalid));
    QCOMPARE(QString::fromStdString(failure.reason), QStringLiteral("API_KEY_SERVICE_BLOCKED"));
}

void TestUpstreamFailure::networkFailureIsTransientAndRedacted()
{
    const UpstreamFailure failure =
        networkFailure(std::string("Connection refused for ...?key=") + kLeakedKey + "&alt=sse");
    QCOMPARE(verdictName(failure.verdict), verdictName(Verdict::Transient));
    QCOMPARE(failure.httpStatus, 0);
    QVERIFY(failure.message.find(kLeakedKey) == std::string::npos);
    QVERIFY(failure.message.find("Connection refused") != std::string::npos);
}

void TestUpstreamFailure::googleDurations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms"); // kNone: refused
    QTest::newRow("whole seconds") << "57s" << qint64(57000);
    QTest::newRow("nanosecond fraction rounds up") << "57.219397761s" << qint64(57220);
    QTest::newRow("exact millisecond fraction") << "1.5s" << qint64(1500);
    QTest::newRow("zero") << "0s" << qint64(0);
    QTest::newRow("a day") << "86400s" << qint64(86400000);
    QTest::newRow("empty") << "" << kNone;
    QTest::newRow("unit only") << "s" << kNone;
    QTest::newRow("no unit") << "57" << kNone;
    QTest::newRow("milliseconds unit") << "57ms" << kNone;
    QTest::newRow("negative") << "-1s" << kNone;
    QTest::newRow("words") << "soon s" << kNone;
    QTest::newRow("space inside") << "57 s" << kNone;
    QTest::newRow("one nanosecond rounds up") << "0.000000001s" << qint64(1);
    QTest::newRow("exponent") << "1e3s" << kNone; // never in Google's format
    QTest::newRow("no whole part") << ".5s" << kNone;
    QTest::newRow("no fraction after the dot") << "5.s" << kNone;
    QTest::newRow("ten fraction digits") << "1.0000000001s" << kNone;
    QTest::newRow("plus sign") << "+5s" << kNone;
    QTest::newRow("too large to be milliseconds") << "99999999999999999999s" << kNone;
    QTest::newRow("the largest accepted") << "999999999999.999999999s" << qint64(1'000'000'000'000'000);
}

void TestUpstreamFailure::googleDurations()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    const std::string utf8 = text.toStdString();
    QCOMPARE(parseGoogleDuration(utf8).value_or(kNone), ms);
}

void TestUpstreamFailure::requestLimitIsARequestCountOfTheScope_data()
{
    QTest::addColumn<QByteArray>("violations"); // the QuotaFailure's violations array
    QTest::addColumn<QuotaScope>("scope");
    QTest::addColumn<qint64>("requestLimit"); // kNone: absent

    QTest::newRow("requests per minute") << QByteArray(R"([{"quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier","quotaValue":"10"}])")
                                         << QuotaScope::PerMinute << qint64(10);
    QTest::newRow("as a number") << QByteArray(R"([{"quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier","quotaValue":15}])")
                                 << QuotaScope::PerMinute << qint64(15);
    QTest::newRow("a token limit says nothing about requests")
        << QByteArray(R"([{"quotaId":"GenerateContentInputTokensPerModelPerMinute-FreeTier","quotaValue":"250000"}])")
        << QuotaScope::PerMinute << kNone;
    QTest::newRow("tokens first, then requests of the same minute")
        << QByteArray(R"([{"quotaId":"GenerateContentInputTokensPerModelPerMinute-FreeTier","quotaValue":"250000"},)"
                      R"({"quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier","quotaValue":"5"}])")
        << QuotaScope::PerMinute << qint64(5);
    QTest::newRow("the day wins, and its own limit with it")
        << QByteArray(R"([{"quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier","quotaValue":"10"},)"
                      R"({"quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier","quotaValue":"250"}])")
        << QuotaScope::PerDay << qint64(250);
    QTest::newRow("a per-minute limit is not the day's")
        << QByteArray(R"([{"quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier","quotaValue":"10"},)"
                      R"({"quotaId":"GenerateContentInputTokensPerModelPerDay-FreeTier","quotaValue":"1000000"}])")
        << QuotaScope::PerDay << kNone;
    QTest::newRow("no value") << QByteArray(R"([{"quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier"}])")
                              << QuotaScope::PerDay << kNone;
    QTest::newRow("not digits") << QByteArray(R"([{"quotaId":"GenerateRequestsPerDayPerProjectPerModel-FreeTier","quotaValue":"many"}])")
                                << QuotaScope::PerDay << kNone;
}

void TestUpstreamFailure::requestLimitIsARequestCountOfTheScope()
{
    QFETCH(QByteArray, violations);
    QFETCH(QuotaScope, scope);
    QFETCH(qint64, requestLimit);
    const QByteArray body = R"({"error":{"code":429,"message":"Quota exceeded.","status":"RESOURCE_EXHAUSTED",)"
                            R"("details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":)" +
                            violations + "}]}}";
    const UpstreamFailure failure = classifyHttpFailure(429, body.toStdString());
    QCOMPARE(scopeName(failure.scope), scopeName(scope));
    QCOMPARE(failure.requestLimit.value_or(kNone), requestLimit);
    // What the pool is told: exactly that limit, never a token count.
    QCOMPARE(hydra::relay::rateLimitReport(failure).quotaValue.value_or(kNone), requestLimit);
}

QTEST_APPLESS_MAIN(TestUpstreamFailure)
#include "tst_upstream_failure.moc"
