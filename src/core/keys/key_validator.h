#pragma once
// Does a Gemini key work, and does its project have free quota? Asks the upstream what the
// gateway would: the models list, then one tiny generateContent on a cheap model (one
// output token). Used by `hydra setup`, `hydra keys validate` and the settings dialog.

#include "store/key_metadata_store.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <cstdint>
#include <string>
#include <vector>

namespace hydra::upstream {
class GeminiClient;
class UpstreamCall;
struct UpstreamFailure;
} // namespace hydra::upstream

namespace hydra::keys {

enum class KeyStatus {
    Valid,        // answered
    Invalid,      // Google refuses the key (invalid, expired, leaked, blocked, wrong region)
    NoFreeTier,   // 429 "limit: 0": this project has no free quota for the probe model
    RateLimited,  // 429: a valid key whose quota is used up for now
    NetworkError, // no answer, or a 5xx: says nothing about the key
};

// "valid", "invalid", "no free tier", "rate-limited", "network error".
std::string statusName(KeyStatus status);
// A key that can go into the pool: valid, or valid but out of quota for now.
inline bool usable(KeyStatus status)
{
    return status == KeyStatus::Valid || status == KeyStatus::RateLimited;
}

struct KeyCheck
{
    KeyStatus status = KeyStatus::NetworkError;
    std::string detail;     // why, in a few words (never the key); empty when valid
    std::int64_t latencyMs = 0; // both calls together
};

// What keys-meta.json keeps of a check made now (hydra setup, hydra keys validate, the settings dialog).
store::KeyCheckRecord checkRecord(const KeyCheck &check);

// What one probe answer means (pure). `listing`: the answer to the models list.
KeyCheck classifyProbe(const upstream::UpstreamFailure &failure, bool listing);

class KeyValidator : public QObject
{
    Q_OBJECT
public:
    static constexpr const char *probeModel = "gemini-2.5-flash-lite";
    static constexpr int defaultConcurrency = 4;
    static constexpr int defaultTimeoutMs = 30'000;

    explicit KeyValidator(QUrl upstream, QObject *parent = nullptr);
    ~KeyValidator() override;

    void setConcurrency(int keysAtATime); // before validate()
    void setTimeoutMs(int ms);            // per call, of silence; before validate()

    // Checks each key, a few at a time: keyChecked(index) as each is known, then finished().
    // A second call while one runs is ignored.
    void validate(std::vector<std::string> secrets);
    bool isRunning() const { return m_running; }
    const std::vector<KeyCheck> &results() const { return m_results; }

Q_SIGNALS:
    void keyChecked(int index, const hydra::keys::KeyCheck &check);
    void finished();

private:
    struct Probe;
    void startNext();
    void listModels(Probe *probe);
    void generate(Probe *probe);
    void conclude(Probe *probe, KeyCheck check);

    upstream::GeminiClient *m_client;
    int m_concurrency = defaultConcurrency;
    int m_timeoutMs = defaultTimeoutMs;
    std::vector<std::string> m_secrets;
    std::vector<KeyCheck> m_results;
    std::size_t m_nextIndex = 0;
    std::size_t m_done = 0;
    bool m_running = false;
    std::vector<Probe *> m_probes;
};

} // namespace hydra::keys
