#include "key_pool.h"

#include "secrets.h"

#include <algorithm>
#include <limits>

namespace hydra::pool {

KeyPool::KeyPool(const Clock &clock)
    : m_clock(clock)
{
}

void KeyPool::setKeys(std::vector<KeyInfo> keys)
{
    m_keys.clear();
    m_keys.reserve(keys.size());
    for (auto &info : keys) {
        KeyState state;
        state.info = std::move(info);
        state.info.fingerprint = fingerprintSecret(state.info.secret);
        m_keys.push_back(std::move(state));
    }
}

bool KeyPool::coolingDown(const KeyState &state, const std::string &model, std::int64_t now) const
{
    const auto it = state.coolingUntilMs.find(model);
    return it != state.coolingUntilMs.end() && it->second > now;
}

int KeyPool::indexOf(const std::string &fingerprint) const
{
    for (int i = 0; i < static_cast<int>(m_keys.size()); ++i) {
        if (m_keys[i].info.fingerprint == fingerprint)
            return i;
    }
    return -1;
}

std::variant<int, PoolExhausted> KeyPool::pick(const std::string &model, const std::vector<int> &triedKeys,
                                               int preferredKey)
{
    if (m_keys.empty())
        return PoolExhausted{PoolExhausted::Reason::NoKeys, 0};

    const std::int64_t now = m_clock.nowMs();
    if (preferredKey >= 0 && preferredKey < static_cast<int>(m_keys.size()) && !m_keys[preferredKey].dead &&
        !coolingDown(m_keys[preferredKey], model, now) &&
        std::find(triedKeys.begin(), triedKeys.end(), preferredKey) == triedKeys.end()) {
        m_keys[preferredKey].lastUsed = ++m_pickSequence;
        ++m_keys[preferredKey].requests;
        return preferredKey;
    }
    int best = -1;
    bool bestTried = true;
    std::int64_t firstFreeAt = std::numeric_limits<std::int64_t>::max();
    bool anyAlive = false;
    for (int i = 0; i < static_cast<int>(m_keys.size()); ++i) {
        const KeyState &state = m_keys[i];
        if (state.dead)
            continue;
        anyAlive = true;
        if (coolingDown(state, model, now)) {
            firstFreeAt = std::min(firstFreeAt, state.coolingUntilMs.at(model));
            continue;
        }
        const bool tried = std::find(triedKeys.begin(), triedKeys.end(), i) != triedKeys.end();
        const bool better = best < 0 || (bestTried && !tried) ||
                            (tried == bestTried && state.lastUsed < m_keys[best].lastUsed);
        if (better) {
            best = i;
            bestTried = tried;
        }
    }
    if (best >= 0) {
        m_keys[best].lastUsed = ++m_pickSequence;
        ++m_keys[best].requests;
        return best;
    }
    if (!anyAlive)
        return PoolExhausted{PoolExhausted::Reason::AllDead, 0};
    return PoolExhausted{PoolExhausted::Reason::AllCoolingDown, firstFreeAt - now};
}

void KeyPool::recordSuccess(int key)
{
    m_keys.at(key).lastError.clear();
}

void KeyPool::recordRateLimited(int key, const std::string &model, std::int64_t cooldownMs, std::string error)
{
    KeyState &state = m_keys.at(key);
    state.coolingUntilMs[model] = m_clock.nowMs() + (cooldownMs > 0 ? cooldownMs : defaultCooldownMs);
    ++state.failures;
    state.lastError = std::move(error);
}

void KeyPool::recordDead(int key, std::string reason)
{
    KeyState &state = m_keys.at(key);
    state.dead = true;
    ++state.failures;
    state.deadReason = reason;
    state.lastError = std::move(reason);
}

void KeyPool::recordTransient(int key, std::string error)
{
    KeyState &state = m_keys.at(key);
    ++state.failures;
    state.lastError = std::move(error);
}

std::vector<KeySnapshot> KeyPool::snapshot() const
{
    const std::int64_t now = m_clock.nowMs();
    std::vector<KeySnapshot> out;
    out.reserve(m_keys.size());
    for (const KeyState &state : m_keys) {
        KeySnapshot snap{state.info.label, maskSecret(state.info.secret), state.dead, state.deadReason, {},
                         state.requests, state.failures, state.lastError};
        for (const auto &[model, until] : state.coolingUntilMs) {
            if (until > now)
                snap.coolingUntilMs[model] = until;
        }
        out.push_back(std::move(snap));
    }
    return out;
}

} // namespace hydra::pool
