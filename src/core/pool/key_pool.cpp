#include "key_pool.h"

#include "secrets.h"

#include <algorithm>
#include <limits>
#include <set>
#include <tuple>

namespace hydra::pool {
namespace {

std::string projectOf(const KeyInfo &info)
{
    return info.projectId.empty() ? "key:" + info.fingerprint : "project:" + info.projectId;
}

bool contains(const std::vector<int> &list, int value)
{
    return std::find(list.begin(), list.end(), value) != list.end();
}

} // namespace

KeyPool::KeyPool(const Clock &clock)
    : m_clock(clock)
{
}

void KeyPool::changed() const
{
    if (m_changed)
        m_changed();
}

void KeyPool::setKeys(std::vector<KeyInfo> keys)
{
    for (KeyState &state : m_keys)
        state.configured = false;
    m_order.clear();
    for (auto &info : keys) {
        info.fingerprint = fingerprintSecret(info.secret);
        int slot = slotOf(info.fingerprint);
        if (slot >= 0 && m_keys[slot].configured)
            continue; // the same key twice in the list: one key
        if (slot < 0) {
            KeyState state;
            if (const auto it = m_absentKeys.find(info.fingerprint); it != m_absentKeys.end()) {
                state = std::move(it->second);
                m_absentKeys.erase(it);
            }
            m_keys.push_back(std::move(state));
            slot = static_cast<int>(m_keys.size()) - 1;
        }
        KeyState &state = m_keys[slot];
        state.info = std::move(info);
        state.project = projectOf(state.info);
        state.configured = true;
        reviveIfValidatedSince(state);
        m_order.push_back(slot);
    }
    // A removed key keeps its slot (requests in flight on it still report to it) and its state
    // (it may come back), but not its secret: nothing sends with it any more.
    for (KeyState &state : m_keys) {
        if (!state.configured)
            state.info.secret.clear();
    }
    changed();
}

void KeyPool::reviveIfValidatedSince(KeyState &state)
{
    if (!state.dead || state.info.validatedAtMs <= state.deadAtMs)
        return;
    state.dead = false;
    state.deadReason.clear();
    state.lastError.clear();
}

int KeyPool::slotOf(const std::string &fingerprint) const
{
    for (int i = 0; i < static_cast<int>(m_keys.size()); ++i) {
        if (m_keys[i].info.fingerprint == fingerprint)
            return i;
    }
    return -1;
}

int KeyPool::indexOf(const std::string &fingerprint) const
{
    const int slot = slotOf(fingerprint);
    return slot >= 0 && m_keys[slot].configured ? slot : -1;
}

int KeyPool::findConfigured(const std::function<bool(const KeyInfo &)> &matches) const
{
    for (const int slot : m_order) {
        if (matches(m_keys[slot].info))
            return slot;
    }
    return -1;
}

void KeyPool::setDefaultLimits(LimitsTable table)
{
    m_limits.setDefaults(std::move(table));
    changed();
}

void KeyPool::exemptFromBudget(std::string bucket)
{
    m_limits.exempt(std::move(bucket));
}

KnownLimits KeyPool::limitsFor(int key, const std::string &model) const
{
    return m_limits.limitsFor(m_keys.at(key).project, model);
}

QuotaBucket &KeyPool::bucket(const std::string &project, const std::string &model)
{
    if (const auto it = m_buckets.find(ProjectModel(project, model)); it != m_buckets.end())
        return it->second;
    return m_buckets.emplace(BucketId(project, model), QuotaBucket()).first->second;
}

const QuotaBucket &KeyPool::bucketOrEmpty(const std::string &project, const std::string &model) const
{
    static const QuotaBucket empty;
    const auto it = m_buckets.find(ProjectModel(project, model));
    return it == m_buckets.end() ? empty : it->second;
}

std::variant<int, PoolExhausted> KeyPool::pick(const std::string &model, const std::vector<int> &triedKeys,
                                               int preferredKey)
{
    if (m_order.empty())
        return PoolExhausted{PoolExhausted::Reason::NoKeys, 0, 0, false};

    const std::int64_t now = m_clock.nowMs();
    const PacificDay &today = m_calendar.dayAt(now);

    struct Candidate
    {
        int index;
        bool tried;
        bool backingOff;
        std::int64_t headroom;
        std::uint64_t lastUsed;
    };
    std::vector<Candidate> candidates;
    bool anyAlive = false;
    std::int64_t minuteFreeAt = std::numeric_limits<std::int64_t>::max();
    std::int64_t dayFreeAt = std::numeric_limits<std::int64_t>::max();
    bool allNoFreeTier = true;
    for (const int i : m_order) {
        const KeyState &state = m_keys[i];
        if (state.dead)
            continue;
        anyAlive = true;
        const KnownLimits limits = m_limits.limitsFor(state.project, model);
        const QuotaBucket &quota = bucketOrEmpty(state.project, model);
        const Block block = quota.block(now, today, limits);
        if (block.kind == Block::Kind::Minute) {
            minuteFreeAt = std::min(minuteFreeAt, block.untilMs);
            continue;
        }
        if (block.kind == Block::Kind::Day) {
            dayFreeAt = std::min(dayFreeAt, block.untilMs);
            allNoFreeTier = allNoFreeTier && block.noFreeTier;
            continue;
        }
        const auto keyModel = state.models.find(model);
        const bool backingOff = keyModel != state.models.end() && keyModel->second.backoffUntilMs > now;
        candidates.push_back({i, contains(triedKeys, i), backingOff, quota.headroom(now, today, limits), state.lastUsed});
    }

    if (candidates.empty()) {
        if (!anyAlive)
            return PoolExhausted{PoolExhausted::Reason::AllDead, 0, 0, false};
        // One key back within the minute is worth a Retry-After; otherwise it is tomorrow.
        if (minuteFreeAt != std::numeric_limits<std::int64_t>::max())
            return PoolExhausted{PoolExhausted::Reason::AllCoolingDown, std::max<std::int64_t>(0, minuteFreeAt - now),
                                 minuteFreeAt, false};
        return PoolExhausted{PoolExhausted::Reason::AllParkedForDay, std::max<std::int64_t>(0, dayFreeAt - now),
                             dayFreeAt, allNoFreeTier};
    }

    // Smaller is better: untried, not backing off, most headroom, least recently used.
    const auto rank = [](const Candidate &c) { return std::make_tuple(c.tried, c.backingOff, -c.headroom, c.lastUsed); };
    const Candidate *best = nullptr;
    for (const Candidate &candidate : candidates) {
        if (candidate.index == preferredKey && !candidate.tried && !candidate.backingOff) {
            best = &candidate;
            break;
        }
        if (!best || rank(candidate) < rank(*best))
            best = &candidate;
    }

    KeyState &chosen = m_keys[best->index];
    chosen.lastUsed = ++m_pickSequence;
    ++chosen.requests;
    const size_t buckets = m_buckets.size();
    QuotaBucket &quota = bucket(chosen.project, model);
    quota.usage.record(now, today.index);
    quota.lastRequestMs = now;
    if (m_buckets.size() > buckets) // a model new to this project
        evictForgottenModels(chosen.project, model, now);
    changed();
    return best->index;
}

void KeyPool::evictForgottenModels(const std::string &project, const std::string &keep, std::int64_t now)
{
    const auto first = m_buckets.lower_bound(ProjectModel(project, std::string_view()));
    size_t count = 0;
    auto oldest = m_buckets.end();
    for (auto it = first; it != m_buckets.end() && it->first.first == project; ++it) {
        ++count;
        const QuotaBucket &quota = it->second;
        const bool holding = quota.coolingUntilMs > now || quota.parkedUntilMs > now || it->first.second == keep;
        if (!holding && (oldest == m_buckets.end() || quota.lastRequestMs < oldest->second.lastRequestMs))
            oldest = it;
    }
    if (count <= maxModelsPerProject || oldest == m_buckets.end())
        return;
    const std::string model = oldest->first.second;
    m_buckets.erase(oldest);
    for (KeyState &state : m_keys) {
        if (state.project == project)
            state.models.erase(model);
    }
}

void KeyPool::refund(int key, const std::string &model)
{
    const auto it = m_buckets.find(ProjectModel(m_keys.at(key).project, model));
    if (it == m_buckets.end())
        return;
    it->second.usage.forgetLatest();
    changed();
}

void KeyPool::recordSuccess(int key, const std::string &model)
{
    KeyState &state = m_keys.at(key);
    state.lastError.clear();
    if (const auto it = state.models.find(model); it != state.models.end())
        it->second = {};
    if (const auto it = m_buckets.find(ProjectModel(state.project, model)); it != m_buckets.end())
        it->second.bareInARow = 0;
    changed();
}

void KeyPool::recordRateLimited(int key, const std::string &model, const RateLimitReport &report)
{
    KeyState &state = m_keys.at(key);
    const std::int64_t now = m_clock.nowMs();
    QuotaBucket &quota = bucket(state.project, model);
    const QuotaAction action = decideRateLimit(report, now, m_calendar.dayAt(now).endMs, quota.bareInARow);
    if (action.learnRpm)
        m_limits.learnRpm(state.project, model, *action.learnRpm);
    if (action.learnRpd)
        m_limits.learnRpd(state.project, model, *action.learnRpd);
    quota.apply(action);
    ++state.failures;
    state.lastError = report.message;
    state.models[model].lastError = report.message;
    changed();
}

void KeyPool::recordDead(int key, std::string reason)
{
    KeyState &state = m_keys.at(key);
    state.dead = true;
    state.deadAtMs = m_clock.nowMs();
    ++state.failures;
    state.deadReason = reason;
    state.lastError = std::move(reason);
    changed();
}

void KeyPool::markValid(int key)
{
    KeyState &state = m_keys.at(key);
    state.dead = false;
    state.deadReason.clear();
    state.lastError.clear();
    changed();
}

void KeyPool::recordTransient(int key, const std::string &model, std::string error)
{
    KeyState &state = m_keys.at(key);
    ++state.failures;
    KeyModelState &keyModel = state.models[model];
    ++keyModel.transientInARow;
    keyModel.backoffUntilMs = m_clock.nowMs() + transientBackoffMs(keyModel.transientInARow);
    keyModel.lastError = error;
    state.lastError = std::move(error);
    changed();
}

ModelSnapshot KeyPool::modelRow(const KeyState &state, const std::string &model, std::int64_t now,
                                const PacificDay &today) const
{
    const QuotaBucket &quota = bucketOrEmpty(state.project, model);
    const KnownLimits limits = m_limits.limitsFor(state.project, model);
    ModelSnapshot row;
    row.model = model;
    row.requestsThisMinute = quota.usage.lastMinute(now);
    row.requestsToday = quota.usage.onDay(today.index);
    row.rpmLimit = limits.rpm;
    row.rpdLimit = limits.rpd;
    row.rpmLearnt = limits.rpmLearnt;
    row.rpdLearnt = limits.rpdLearnt;
    const auto keyModel = state.models.find(model);
    if (keyModel != state.models.end())
        row.lastError = keyModel->second.lastError;
    const Block block = quota.block(now, today, limits);
    if (state.dead) {
        row.state = QuotaState::Dead;
    } else if (block.kind != Block::Kind::None) {
        row.state = block.kind == Block::Kind::Day ? QuotaState::ParkedForDay : QuotaState::CoolingDown;
        row.untilMs = block.untilMs;
        row.limitReached = block.budget;
        row.noFreeTier = block.noFreeTier;
    } else if (keyModel != state.models.end() && keyModel->second.backoffUntilMs > now) {
        row.state = QuotaState::BackingOff;
        row.untilMs = keyModel->second.backoffUntilMs;
    }
    row.perMinute = quota.usage.series(now);
    return row;
}

std::vector<KeySnapshot> KeyPool::snapshot() const
{
    const std::int64_t now = m_clock.nowMs();
    const PacificDay &today = m_calendar.dayAt(now);
    std::map<std::string, int> projectKeys;
    for (const int slot : m_order)
        ++projectKeys[m_keys[slot].project];

    std::vector<KeySnapshot> out;
    out.reserve(m_order.size());
    for (const int slot : m_order) {
        const KeyState &state = m_keys[slot];
        KeySnapshot snap;
        snap.label = state.info.label;
        snap.maskedKey = maskSecret(state.info.secret);
        snap.fingerprint = state.info.fingerprint;
        snap.projectId = state.info.projectId;
        snap.projectKeys = projectKeys[state.project];
        snap.dead = state.dead;
        snap.deadReason = state.deadReason;
        snap.requests = state.requests;
        snap.failures = state.failures;
        snap.lastError = state.lastError;
        // Every model this key's project has a bucket for, or this key has a record of.
        std::set<std::string> models;
        for (auto it = m_buckets.lower_bound(ProjectModel(state.project, std::string_view()));
             it != m_buckets.end() && it->first.first == state.project; ++it)
            models.insert(it->first.second);
        for (const auto &[model, keyModel] : state.models)
            models.insert(model);
        for (const auto &[bucketId, limits] : m_limits.learnt()) {
            if (bucketId.first == state.project)
                models.insert(bucketId.second);
        }
        for (const std::string &model : models)
            snap.models.push_back(modelRow(state, model, now, today));
        out.push_back(std::move(snap));
    }
    return out;
}

std::optional<std::int64_t> KeyPool::nextChangeMs() const
{
    const std::int64_t now = m_clock.nowMs();
    const PacificDay &today = m_calendar.dayAt(now);
    std::optional<std::int64_t> next;
    const auto consider = [&next, now](std::optional<std::int64_t> at) {
        if (at && *at > now && (!next || *at < *next))
            next = at;
    };
    for (const auto &[id, quota] : m_buckets) {
        consider(quota.coolingUntilMs);
        consider(quota.parkedUntilMs);
        consider(quota.usage.nextDropMs(now));
        if (quota.usage.onDay(today.index) > 0)
            consider(today.endMs);
    }
    for (const KeyState &state : m_keys) {
        for (const auto &[model, keyModel] : state.models)
            consider(keyModel.backoffUntilMs);
    }
    return next;
}

PoolState KeyPool::exportState() const
{
    const std::int64_t now = m_clock.nowMs();
    PoolState state;
    const auto exportKey = [&state](const KeyState &key) {
        state.keys.push_back(
            {key.info.fingerprint, key.dead, key.deadReason, key.deadAtMs, key.requests, key.failures, key.lastError});
    };
    for (const KeyState &key : m_keys) {
        if (key.configured || key.dead) // a removed key's counters are not worth keeping; that it is dead is
            exportKey(key);
    }
    for (const auto &[fingerprint, key] : m_absentKeys) {
        if (key.dead) // a removed key's counters are not worth keeping; that it is dead is
            exportKey(key);
    }

    std::set<BucketId> ids;
    for (const auto &[id, quota] : m_buckets) {
        if (!quota.idle(now))
            ids.insert(id);
    }
    for (const auto &[id, limits] : m_limits.learnt())
        ids.insert(id);
    for (const BucketId &id : ids) {
        const QuotaBucket &quota = bucketOrEmpty(id.first, id.second);
        PoolState::Bucket saved;
        saved.project = id.first;
        saved.model = id.second;
        saved.coolingUntilMs = quota.coolingUntilMs > now ? quota.coolingUntilMs : 0;
        saved.parkedUntilMs = quota.parkedUntilMs > now ? quota.parkedUntilMs : 0;
        saved.noFreeTier = saved.parkedUntilMs != 0 && quota.noFreeTier;
        saved.bareInARow = quota.bareInARow;
        if (const auto it = m_limits.learnt().find(id); it != m_limits.learnt().end())
            saved.learnt = it->second;
        saved.usage = quota.usage.data();
        state.buckets.push_back(std::move(saved));
    }
    return state;
}

void KeyPool::importState(const PoolState &state)
{
    const std::int64_t now = m_clock.nowMs();
    for (const PoolState::Key &saved : state.keys) {
        if (saved.fingerprint.empty())
            continue;
        const int index = slotOf(saved.fingerprint);
        KeyState &key = index >= 0 ? m_keys[index] : m_absentKeys[saved.fingerprint];
        if (index < 0)
            key.info.fingerprint = saved.fingerprint;
        key.dead = saved.dead;
        key.deadReason = saved.deadReason;
        // A file from before deadAt was kept: dead as of now, so only a later check revives it.
        key.deadAtMs = saved.dead && saved.deadAtMs == 0 ? now : saved.deadAtMs;
        key.requests = saved.requests;
        key.failures = saved.failures;
        key.lastError = saved.lastError;
        reviveIfValidatedSince(key);
    }
    ModelLimits::Learnt learnt = m_limits.learnt();
    for (const PoolState::Bucket &saved : state.buckets) {
        if (saved.project.empty() || saved.model.empty())
            continue;
        QuotaBucket &quota = bucket(saved.project, saved.model);
        quota.usage = UsageWindow::fromData(saved.usage, now);
        quota.coolingUntilMs = saved.coolingUntilMs;
        quota.parkedUntilMs = saved.parkedUntilMs;
        quota.noFreeTier = saved.noFreeTier;
        quota.bareInARow = std::max(0, saved.bareInARow);
        if (saved.learnt.rpm || saved.learnt.rpd)
            learnt[{saved.project, saved.model}] = saved.learnt;
    }
    m_limits.setLearnt(std::move(learnt));
    changed();
}

} // namespace hydra::pool
