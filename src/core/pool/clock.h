#pragma once
// Where the pool gets the time. Production uses the wall clock; tests move a
// ManualClock by hand, so cooldown rules are tested without sleeping.

#include <chrono>
#include <cstdint>

namespace hydra::pool {

class Clock
{
public:
    virtual ~Clock() = default;
    virtual std::int64_t nowMs() const = 0; // milliseconds since the Unix epoch
};

class SystemClock final : public Clock
{
public:
    std::int64_t nowMs() const override
    {
        using namespace std::chrono;
        return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    }
};

class ManualClock final : public Clock
{
public:
    explicit ManualClock(std::int64_t startMs = 1'700'000'000'000) : m_now(startMs) {}
    std::int64_t nowMs() const override { return m_now; }
    void advance(std::int64_t ms) { m_now += ms; }

private:
    std::int64_t m_now;
};

} // namespace hydra::pool
