#pragma once
// The rules for choosing a Gemini key for a request and for what an outcome does
// to that key. Plain data and a Clock: no I/O, no Qt, fully unit-testable.

#include "clock.h"

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace hydra::pool {

struct KeyInfo
{
    std::string secret;    // the API key itself; never logged
    std::string label;     // what people see ("key-1", an email, ...)
    std::string projectId; // optional
    std::string email;     // optional
    std::string fingerprint; // filled by the pool: fingerprintSecret(secret)
};

struct PoolExhausted
{
    enum class Reason { NoKeys, AllDead, AllCoolingDown };
    Reason reason = Reason::NoKeys;
    std::int64_t retryAfterMs = 0; // AllCoolingDown: until the first key is free again
};

struct KeySnapshot
{
    std::string label;
    std::string maskedKey;
    bool dead = false;
    std::string deadReason;
    std::map<std::string, std::int64_t> coolingUntilMs; // model -> when it is usable again
    std::uint64_t requests = 0;
    std::uint64_t failures = 0;
    std::string lastError;
};

class KeyPool
{
public:
    static constexpr std::int64_t defaultCooldownMs = 60'000;

    explicit KeyPool(const Clock &clock);

    void setKeys(std::vector<KeyInfo> keys);
    size_t size() const { return m_keys.size(); }
    const KeyInfo &key(int index) const { return m_keys.at(index).info; }

    // The key to use for `model`: never a dead key or one cooling down for this model;
    // `preferredKey` when it is usable and untried (a conversation pinned to the key that
    // issued its thought signatures), else keys this request has not tried yet, then the
    // least recently used.
    std::variant<int, PoolExhausted> pick(const std::string &model, const std::vector<int> &triedKeys,
                                          int preferredKey = -1);
    // The index of the key with this fingerprint, or -1.
    int indexOf(const std::string &fingerprint) const;

    void recordSuccess(int key);
    void recordRateLimited(int key, const std::string &model, std::int64_t cooldownMs, std::string error);
    void recordDead(int key, std::string reason);
    void recordTransient(int key, std::string error); // counted, never held against the key

    std::vector<KeySnapshot> snapshot() const;

private:
    struct KeyState
    {
        KeyInfo info;
        bool dead = false;
        std::string deadReason;
        std::map<std::string, std::int64_t> coolingUntilMs;
        std::uint64_t lastUsed = 0; // pick sequence number; 0 = never
        std::uint64_t requests = 0;
        std::uint64_t failures = 0;
        std::string lastError;
    };

    bool coolingDown(const KeyState &state, const std::string &model, std::int64_t now) const;

    const Clock &m_clock;
    std::vector<KeyState> m_keys;
    std::uint64_t m_pickSequence = 0;
};

} // namespace hydra::pool
