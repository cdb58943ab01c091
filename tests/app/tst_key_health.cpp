// Key snapshots -> what the tray shows and which notifications follow.

#include "app/shell/key_health.h"

#include <QTest>

using namespace hydra;
using namespace hydra::app;

namespace {

pool::ModelSnapshot model(const std::string &id, pool::QuotaState state, std::int64_t untilMs = 0)
{
    pool::ModelSnapshot row;
    row.model = id;
    row.state = state;
    row.untilMs = untilMs;
    return row;
}

pool::KeySnapshot key(const std::string &label, std::vector<pool::ModelSnapshot> models = {}, bool dead = false)
{
    pool::KeySnapshot snapshot;
    snapshot.label = label;
    snapshot.dead = dead;
    snapshot.deadReason = dead ? "API key not valid" : "";
    snapshot.models = std::move(models);
    return snapshot;
}

} // namespace

class TstKeyHealth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsUsableAndLimitedKeys()
    {
        const KeyHealth health = summarizeKeys({
            key("a", {model("flash", pool::QuotaState::Healthy)}),
            key("b", {model("flash", pool::QuotaState::CoolingDown, 1000), model("pro", pool::QuotaState::Healthy)}),
            key("c", {}, true),
            key("d", {model("pro", pool::QuotaState::BackingOff)}), // transient: not out of quota
        });
        QCOMPARE(health.keys, 4);
        QCOMPARE(health.usable, 3);
        QCOMPARE(health.limited, 1);
        QCOMPARE(health.deadKeys.size(), std::size_t(1));
        QVERIFY(health.exhausted.empty());
    }

    void aModelIsExhaustedOnlyWhenEveryUsableKeyIsOut()
    {
        KeyHealth health = summarizeKeys({
            key("a", {model("flash", pool::QuotaState::CoolingDown, 5000)}),
            key("b", {model("flash", pool::QuotaState::ParkedForDay, 3000)}),
            key("dead", {model("flash", pool::QuotaState::Healthy)}, true),
        });
        QCOMPARE(health.exhausted.size(), std::size_t(1));
        QCOMPARE(health.exhausted.at("flash"), std::int64_t(3000)); // the first key to free up

        // A key that never served the model could still try it.
        health = summarizeKeys({
            key("a", {model("flash", pool::QuotaState::CoolingDown, 5000)}),
            key("b", {model("pro", pool::QuotaState::Healthy)}),
        });
        QVERIFY(health.exhausted.empty());
    }

    void eventsForExhaustionRecoveryAndInvalidKeys()
    {
        const KeyHealth healthy = summarizeKeys({key("a", {model("flash", pool::QuotaState::Healthy)}),
                                                 key("b", {model("flash", pool::QuotaState::Healthy)})});
        const KeyHealth exhausted = summarizeKeys({key("a", {model("flash", pool::QuotaState::CoolingDown, 7000)}),
                                                   key("b", {model("flash", pool::QuotaState::CoolingDown, 9000)})});
        QVERIFY(healthEvents(healthy, healthy).empty());

        auto events = healthEvents(healthy, exhausted);
        QCOMPARE(events.size(), std::size_t(1));
        QCOMPARE(events[0], (HealthEvent{HealthEvent::Kind::ModelExhausted, "flash", {}, 7000}));
        QVERIFY(healthEvents(exhausted, exhausted).empty()); // said once

        events = healthEvents(exhausted, healthy);
        QCOMPARE(events.size(), std::size_t(1));
        QCOMPARE(events[0], (HealthEvent{HealthEvent::Kind::ModelRecovered, "flash", {}, 0}));

        const KeyHealth oneDead = summarizeKeys({key("a", {model("flash", pool::QuotaState::CoolingDown, 7000)}),
                                                 key("b", {}, true)});
        events = healthEvents(exhausted, oneDead);
        QCOMPARE(events.size(), std::size_t(1)); // flash is still exhausted: only the key's news
        QCOMPARE(events[0], (HealthEvent{HealthEvent::Kind::KeyInvalid, "b", "API key not valid", 0}));
    }

    void noRecoveryNewsWhenTheLastKeyDies()
    {
        const KeyHealth exhausted = summarizeKeys({key("a", {model("flash", pool::QuotaState::CoolingDown, 7000)})});
        const KeyHealth dead = summarizeKeys({key("a", {}, true)});
        const auto events = healthEvents(exhausted, dead);
        QCOMPARE(events.size(), std::size_t(1));
        QCOMPARE(events[0].kind, HealthEvent::Kind::KeyInvalid);
    }
};

QTEST_GUILESS_MAIN(TstKeyHealth)
#include "tst_key_health.moc"
