// The quota model end to end: the real gateway against the fake Gemini, which enforces Google's
// per-minute quota per key or answers scripted 429s. Hydra budgets ahead of Google's limits, parks
// a (key, model) for the day on a per-day 429, and keeps what it knows across a restart.

#include "gateway_harness.h"
#include "pool/pacific_day.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <memory>

using hydra::fakes::Behaviour;
using hydra::pool::KeySnapshot;
using hydra::pool::QuotaState;
using hydra::testing::GatewayHarness;
using hydra::testing::HttpResult;

namespace {

const QByteArray kFlash = "gemini-2.5-flash";
const QByteArray kPro = "gemini-2.5-pro";

// Requests the fake saw with `key` for `model`.
int requestsWith(const GatewayHarness &gateway, const QByteArray &key, const QByteArray &model)
{
    int count = 0;
    for (const auto &request : gateway.fake.requests())
        count += request.key == key && request.path.contains("/models/" + model + ":");
    return count;
}

// The engine's latest key states, once `ready` holds for them.
std::vector<KeySnapshot> latestKeys(QSignalSpy &spy, const std::function<bool(const std::vector<KeySnapshot> &)> &ready)
{
    const auto latest = [&spy] {
        return spy.isEmpty() ? std::vector<KeySnapshot>() : spy.last().first().value<std::vector<KeySnapshot>>();
    };
    QElapsedTimer timer;
    timer.start();
    while (!ready(latest()) && timer.elapsed() < 5000)
        QTest::qWait(20);
    return latest();
}

std::function<void(hydra::GatewayConfig &)> withConfigDir(const QString &dir,
                                                           std::optional<hydra::pool::LimitsTable> limits = {})
{
    return [dir, limits](hydra::GatewayConfig &config) {
        config.configDir = dir;
        config.modelLimits = limits;
    };
}

} // namespace

class QuotaEndToEnd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fourKeysAtFivePerMinuteServeTwentyRequestsWithoutA429()
    {
        const QList<QByteArray> keys = {"quota-key-1", "quota-key-2", "quota-key-3", "quota-key-4"};
        GatewayHarness gateway(keys, [](hydra::GatewayConfig &config) {
            config.modelLimits = hydra::pool::LimitsTable{{"gemini-2.5-flash", {5, {}}}};
        });
        for (const QByteArray &key : keys)
            gateway.fake.enforceRequestsPerMinute(key, 5);
        gateway.fake.setQuotaValue(QStringLiteral("5"));

        // Twenty at once, streamed and not: all served, none refused by Google.
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 20; ++i)
            replies << gateway.post(QStringLiteral("/chat/completions"), GatewayHarness::chat(i % 2 == 0));
        for (QNetworkReply *reply : replies) {
            const HttpResult result = GatewayHarness::finish(reply);
            QCOMPARE(result.status, 200);
        }
        QCOMPARE(gateway.fake.minuteQuotaRefusals(), 0);
        QCOMPARE(gateway.fake.requests().size(), 20);
        for (const QByteArray &key : keys)
            QCOMPARE(requestsWith(gateway, key, kFlash), 5);

        // The 21st would exceed every key's limit: Hydra answers itself, with the real wait.
        const HttpResult refused = gateway.postJson(QStringLiteral("/chat/completions"), GatewayHarness::chat(false));
        QCOMPARE(refused.status, 429);
        const int retryAfter = refused.header("Retry-After").toInt();
        QVERIFY2(retryAfter >= 1 && retryAfter <= 61, refused.header("Retry-After").constData());
        QVERIFY(refused.header("x-should-retry").isEmpty());
        QCOMPARE(refused.json()["error"].toObject()["code"].toString(), "rate_limit_exceeded");
        QVERIFY(refused.json()["error"].toObject()["message"].toString().contains("gemini-2.5-flash"));
        QCOMPARE(gateway.fake.requests().size(), 20);
        QCOMPARE(gateway.fake.minuteQuotaRefusals(), 0);
    }

    void limitLearntFromA429IsBudgetedAfterwards()
    {
        // No configured limit: Google's 429 names it (quotaValue), and Hydra keeps to it.
        GatewayHarness gateway({"learn-key"});
        gateway.fake.enforceRequestsPerMinute("learn-key", 3);
        gateway.fake.setQuotaValue(QStringLiteral("3"));
        gateway.fake.setRetryDelay(QStringLiteral("1s"));
        QSignalSpy keys(&gateway.engine, &hydra::Engine::keysChanged);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(gateway.postJson(QStringLiteral("/chat/completions"), GatewayHarness::chat(false)).status, 200);
        const HttpResult limited = gateway.postJson(QStringLiteral("/chat/completions"), GatewayHarness::chat(false));
        QCOMPARE(limited.status, 429);
        QCOMPARE(gateway.fake.minuteQuotaRefusals(), 1);

        // Google's cooldown (1 s) is over, but Hydra now knows 3 requests a minute are made.
        QTest::qWait(1100);
        const HttpResult budgeted = gateway.postJson(QStringLiteral("/chat/completions"), GatewayHarness::chat(false));
        QCOMPARE(budgeted.status, 429);
        QVERIFY(budgeted.header("Retry-After").toInt() > 30);
        QCOMPARE(gateway.fake.requests().size(), 4); // not sent at all
        QCOMPARE(gateway.fake.minuteQuotaRefusals(), 1);

        const auto states = latestKeys(keys, [](const std::vector<KeySnapshot> &s) {
            return s.size() == 1 && s[0].model("gemini-2.5-flash") && s[0].model("gemini-2.5-flash")->rpmLimit;
        });
        QCOMPARE(states.size(), size_t(1));
        const auto *flash = states[0].model("gemini-2.5-flash");
        QVERIFY(flash);
        QCOMPARE(flash->rpmLimit, std::optional<std::int64_t>(3));
        QVERIFY(flash->rpmLearnt);
        QCOMPARE(flash->state, QuotaState::CoolingDown);
        QVERIFY(flash->limitReached);
    }

    void keyStatesAreSignalledWhenACooldownEnds()
    {
        // States change with time too: the GUI hears when a cooling key is healthy again.
        GatewayHarness gateway({"cool-key"});
        gateway.fake.script("cool-key", {Behaviour::RateLimitPerMinute});
        gateway.fake.setRetryDelay(QStringLiteral("1s"));
        QSignalSpy keys(&gateway.engine, &hydra::Engine::keysChanged);
        const HttpResult limited = gateway.postJson(QStringLiteral("/chat/completions"), GatewayHarness::chat(false));
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.header("Retry-After"), QByteArray("1"));
        const auto stateOf = [](const std::vector<KeySnapshot> &s) {
            const auto *flash = s.size() == 1 ? s[0].model("gemini-2.5-flash") : nullptr;
            return flash ? std::optional<QuotaState>(flash->state) : std::nullopt;
        };
        auto states = latestKeys(keys, [&](const auto &s) { return stateOf(s) == QuotaState::CoolingDown; });
        QCOMPARE(stateOf(states), std::optional<QuotaState>(QuotaState::CoolingDown));
        states = latestKeys(keys, [&](const auto &s) { return stateOf(s) == QuotaState::Healthy; });
        QCOMPARE(stateOf(states), std::optional<QuotaState>(QuotaState::Healthy));
        QCOMPARE(gateway.fake.requests().size(), 1); // no request was needed to notice
    }

    void perDay429ParksTheKeyOnlyForThatModel()
    {
        QTemporaryDir dir;
        GatewayHarness gateway({"day-key-a", "day-key-b"}, withConfigDir(dir.path()));
        gateway.fake.script("day-key-a", {Behaviour::RateLimitPerDay});
        QSignalSpy keys(&gateway.engine, &hydra::Engine::keysChanged);

        // The per-day 429 on key a fails over to b; a is not tried again for flash today.
        for (int i = 0; i < 4; ++i)
            QCOMPARE(gateway.postJson(QStringLiteral("/chat/completions"), GatewayHarness::chat(i % 2 == 0)).status, 200);
        QCOMPARE(requestsWith(gateway, "day-key-a", kFlash), 1);
        QCOMPARE(requestsWith(gateway, "day-key-b", kFlash), 4);
        // Another model of the same key is served by it.
        for (int i = 0; i < 2; ++i)
            QCOMPARE(gateway.postJson(QStringLiteral("/chat/completions"), GatewayHarness::chat(false, kPro)).status, 200);
        QCOMPARE(requestsWith(gateway, "day-key-a", kPro), 1);

        const std::int64_t midnight = hydra::pool::pacificDayAt(QDateTime::currentMSecsSinceEpoch()).endMs;
        const auto states = latestKeys(keys, [](const std::vector<KeySnapshot> &s) {
            return s.size() == 2 && s[0].model("gemini-2.5-pro") && s[1].model("gemini-2.5-pro");
        });
        QCOMPARE(states.size(), size_t(2));
        const auto *parked = states[0].model("gemini-2.5-flash");
        QVERIFY(parked);
        QCOMPARE(parked->state, QuotaState::ParkedForDay);
        QCOMPARE(parked->untilMs, midnight);
        QVERIFY(!parked->noFreeTier);
        QCOMPARE(states[0].model("gemini-2.5-pro")->state, QuotaState::Healthy);
        QCOMPARE(states[1].model("gemini-2.5-flash")->state, QuotaState::Healthy);

        // Once b is out for the day as well, the client hears it plainly and is told not to retry.
        gateway.fake.script("day-key-b", {Behaviour::RateLimitPerDay});
        const HttpResult exhausted = gateway.postJson(QStringLiteral("/chat/completions"), GatewayHarness::chat(false));
        QCOMPARE(exhausted.status, 429);
        QCOMPARE(exhausted.header("x-should-retry"), QByteArray("false"));
        QVERIFY(exhausted.header("Retry-After").isEmpty());
        const QString message = exhausted.json()["error"].toObject()["message"].toString();
        QVERIFY2(message.contains("gemini-2.5-flash") && message.contains("midnight Pacific"), qPrintable(message));
        QCOMPARE(exhausted.json()["error"].toObject()["code"].toString(), "insufficient_quota");
        QCOMPARE(requestsWith(gateway, "day-key-a", kFlash), 1);
        // And the next flash request does not reach Google at all.
        const int before = gateway.fake.requests().size();
        QCOMPARE(gateway.postJson(QStringLiteral("/chat/completions"), GatewayHarness::chat(true)).status, 429);
        QCOMPARE(gateway.fake.requests().size(), before);
    }

    void restartKeepsTheParking()
    {
        QTemporaryDir dir;
        const QString statePath = dir.filePath(QStringLiteral("pool-state.json"));
        {
            GatewayHarness gateway({"restart-key-a", "restart-key-b"}, withConfigDir(dir.path()));
            gateway.fake.script("restart-key-a", {Behaviour::RateLimitPerDay});
            QCOMPARE(gateway.postJson(QStringLiteral("/chat/completions"), GatewayHarness::chat(false)).status, 200);
            QCOMPARE(requestsWith(gateway, "restart-key-a", kFlash), 1);
        } // stopping saves the state
        QFile file(statePath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray saved = file.readAll();
        QVERIFY(saved.contains("parkedUntilMs"));
        QVERIFY(!saved.contains("restart-key")); // keys by fingerprint only

        GatewayHarness gateway({"restart-key-a", "restart-key-b"}, withConfigDir(dir.path()));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(gateway.postJson(QStringLiteral("/chat/completions"), GatewayHarness::chat(i % 2 == 0)).status, 200);
        QCOMPARE(requestsWith(gateway, "restart-key-a", kFlash), 0);
        QCOMPARE(requestsWith(gateway, "restart-key-b", kFlash), 3);
        QCOMPARE(gateway.postJson(QStringLiteral("/chat/completions"), GatewayHarness::chat(false, kPro)).status, 200);
        QCOMPARE(requestsWith(gateway, "restart-key-a", kPro), 1);
    }

    void corruptStateFileIsSetAsideAndTheGatewayStarts()
    {
        QTemporaryDir dir;
        const QString statePath = dir.filePath(QStringLiteral("pool-state.json"));
        QFile file(statePath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{ not json");
        file.close();
        GatewayHarness gateway({"corrupt-key"}, withConfigDir(dir.path()));
        QCOMPARE(gateway.postJson(QStringLiteral("/chat/completions"), GatewayHarness::chat(false)).status, 200);
        QVERIFY(QFile::exists(statePath + QStringLiteral(".corrupt")));
    }
};

QTEST_GUILESS_MAIN(QuotaEndToEnd)
#include "tst_quota_e2e.moc"
