#pragma once
// The rules for choosing a Gemini key for a request and for what an outcome does to that key.
// Plain data and a Clock: no I/O, no timers, fully unit-testable.
//
// Quota is Google's per (project, model): keys with the same project id share one bucket per
// model (a key without a project id is a project of its own). A bucket is cooled down by a
// per-minute 429, parked until Pacific midnight by a per-day or "limit: 0" 429, and budgeted
// ahead of time: each bucket's requests are counted over a sliding minute and per Pacific day,
// and a key is skipped before it would reach a known limit (learnt from Google's quotaValue,
// else the defaults table), so that most 429s never happen. Among the keys that can serve, the
// one with the most headroom goes first, ties broken by least recent use. Dead keys (invalid,
// expired, leaked) stay dead until markValid().

#include "clock.h"
#include "key_snapshot.h"
#include "model_limits.h"
#include "pacific_day.h"
#include "pool_state.h"
#include "quota_bucket.h"
#include "quota_rules.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace hydra::pool {

struct KeyInfo
{
    std::string secret;    // the API key itself; never logged
    std::string label;     // what people see ("key-1", an email, ...)
    std::string projectId; // optional; keys with the same one share Google's quota
    std::string email;     // optional
    std::string fingerprint; // filled by the pool: fingerprintSecret(secret)
    // When the user last checked the key and Google accepted it (ms since the epoch; 0: never):
    // a key the pool holds dead since before then is alive again.
    std::int64_t validatedAtMs = 0;
};

struct PoolExhausted
{
    enum class Reason {
        NoKeys,
        AllDead,
        AllCoolingDown,  // per-minute: every usable key is cooling down or at its per-minute limit
        AllParkedForDay, // per-day: every usable key is out of today's quota for this model
    };
    Reason reason = Reason::NoKeys;
    std::int64_t retryAfterMs = 0; // AllCoolingDown: until the first key is free again;
                                   // AllParkedForDay: until quota returns (Pacific midnight)
    std::int64_t untilMs = 0;      // the same as a time (ms since the epoch)
    bool noFreeTier = false;       // AllParkedForDay: every key's project said "limit: 0" for the model

    bool perDay() const { return reason == Reason::AllParkedForDay; }
};

class KeyPool
{
public:
    // Buckets kept per project: clients may name any model, so the least recently used idle one
    // is forgotten beyond this.
    static constexpr size_t maxModelsPerProject = 64;

    explicit KeyPool(const Clock &clock);

    // The keys to use from now on, in the order people see them; may be called while requests are
    // in flight. A key's index stays the same for the pool's lifetime: a request on a key that is
    // removed meanwhile still reports its outcome to that key, which then gets no new requests.
    // Keys already known (by fingerprint) keep their state: a dead key stays dead (unless it was
    // validated since it died: KeyInfo::validatedAtMs), a cooling project stays cooling, also
    // when a removed key is added again.
    void setKeys(std::vector<KeyInfo> keys);
    size_t size() const { return m_order.size(); } // the keys configured now
    // Any index pick() returned, also of a key removed since (its secret is then empty).
    const KeyInfo &key(int index) const { return m_keys.at(index).info; }
    // The index of the configured key with this fingerprint, or -1.
    int indexOf(const std::string &fingerprint) const;
    // The index of the first configured key `matches` accepts, or -1.
    int findConfigured(const std::function<bool(const KeyInfo &)> &matches) const;

    // Limits: the per-model defaults (freeTierDefaults() unless set), buckets never budgeted.
    void setDefaultLimits(LimitsTable table);
    void exemptFromBudget(std::string bucket);
    KnownLimits limitsFor(int key, const std::string &model) const;

    // The key to use for `model` (and counts the request against its project's budget): never a
    // dead key, nor one whose project is cooling down, parked or at a known limit for this model.
    // `preferredKey` when it can serve and is untried (a conversation pinned to the key that issued
    // its thought signatures); else untried keys before tried ones, keys not backing off before
    // those that are, then the most headroom, then the least recently used.
    std::variant<int, PoolExhausted> pick(const std::string &model, const std::vector<int> &triedKeys,
                                          int preferredKey = -1);

    void recordSuccess(int key, const std::string &model);
    void recordRateLimited(int key, const std::string &model, const RateLimitReport &report);
    void recordDead(int key, std::string reason);
    void markValid(int key); // the user validated a dead key again
    // 5xx, network: counted, and the key backs off for that model, but it is never killed.
    void recordTransient(int key, const std::string &model, std::string error);
    // The last request picked for (key, model) did not use quota after all (Google refused it as
    // malformed, or failed with a 5xx): it no longer counts against the budget. Counting it could
    // only lock a key out for the day without cause; not counting a request Google did count
    // costs at most one 429, which then parks or cools the key as usual.
    void refund(int key, const std::string &model);

    std::vector<KeySnapshot> snapshot() const;
    // The next moment the snapshot changes by time alone (a cooldown, parking or backoff ends,
    // requests leave the sliding minute, a new Pacific day starts), if any: for change signals.
    std::optional<std::int64_t> nextChangeMs() const;

    PoolState exportState() const;
    // Restores saved state (after setKeys): keys by fingerprint, buckets by project and model.
    void importState(const PoolState &state);

    // Called after every change (a pick, an outcome, an import): for change signals and saving.
    void setChangeListener(std::function<void()> listener) { m_changed = std::move(listener); }

private:
    struct KeyModelState
    {
        int transientInARow = 0;
        std::int64_t backoffUntilMs = 0;
        std::string lastError;
    };
    struct KeyState
    {
        KeyInfo info;
        std::string project; // the bucket group: "project:<id>" or "key:<fingerprint>"
        bool configured = false; // false: removed by setKeys, kept for requests still in flight
        bool dead = false;
        std::string deadReason;
        std::int64_t deadAtMs = 0;
        std::uint64_t lastUsed = 0; // pick sequence number; 0 = never
        std::uint64_t requests = 0;
        std::uint64_t failures = 0;
        std::string lastError;
        std::map<std::string, KeyModelState> models;
    };
    using BucketId = std::pair<std::string, std::string>; // (project, model)
    using Buckets = std::map<BucketId, QuotaBucket, ProjectModelLess>;

    QuotaBucket &bucket(const std::string &project, const std::string &model);
    const QuotaBucket &bucketOrEmpty(const std::string &project, const std::string &model) const;
    void evictForgottenModels(const std::string &project, const std::string &keep, std::int64_t now);
    ModelSnapshot modelRow(const KeyState &state, const std::string &model, std::int64_t now,
                           const PacificDay &today) const;
    void changed() const;
    int slotOf(const std::string &fingerprint) const; // any slot, configured or not; -1: none
    static void reviveIfValidatedSince(KeyState &state); // the user checked it after it died

    const Clock &m_clock;
    mutable PacificCalendar m_calendar;
    ModelLimits m_limits;
    std::vector<KeyState> m_keys; // slots: only ever appended to, so indices stay valid
    std::vector<int> m_order;     // the configured keys' slots, in the order they were given
    std::map<std::string, KeyState> m_absentKeys; // by fingerprint: known from before, not configured now
    Buckets m_buckets;
    std::uint64_t m_pickSequence = 0;
    std::function<void()> m_changed;
};

} // namespace hydra::pool
