// Opt-in enforcement of Google's per-minute request quota per key, so tests can check that
// Hydra's own budgeting keeps requests under a known limit (or hits the real 429 when it does not).

#include "fake_gemini_state.h"

#include <chrono>

namespace hydra::fakes {

namespace {

qint64 monotonicMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

} // namespace

bool FakeGemini::State::overMinuteLimit(const QByteArray &key)
{
    const int limit = minuteLimits.value(key, 0);
    if (limit <= 0)
        return false;
    const qint64 now = monotonicMs();
    QList<qint64> &admitted = minuteAdmitted[key];
    while (!admitted.isEmpty() && admitted.first() <= now - 60'000)
        admitted.removeFirst();
    if (admitted.size() >= limit) {
        ++minuteRefusals;
        return true;
    }
    admitted.append(now);
    return false;
}

void FakeGemini::enforceRequestsPerMinute(const QByteArray &apiKey, int perMinute)
{
    if (perMinute <= 0) {
        d->minuteLimits.remove(apiKey);
        d->minuteAdmitted.remove(apiKey);
        return;
    }
    d->minuteLimits.insert(apiKey, perMinute);
}

int FakeGemini::minuteQuotaRefusals() const
{
    return d->minuteRefusals;
}

} // namespace hydra::fakes
