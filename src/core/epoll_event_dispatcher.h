#pragma once
// The gateway thread's event dispatcher on Linux: epoll instead of poll().
//
// Qt's own dispatchers (glib's and the UNIX one) hand the kernel the whole list of sockets on
// every pass of the event loop, and the kernel walks all of them each time. The gateway keeps
// two sockets per client connection (the client's and the upstream one), and at thousands of
// requests a second that walk was the largest single cost in its profile (bench/README.md).
// epoll keeps the interest list in the kernel and returns only the sockets that are ready.
//
// Semantics follow QEventDispatcherUNIX: posted events first, then one wait, then timers, then
// socket notifiers; level-triggered readiness; wakeUp() through an eventfd.

#include <QAbstractEventDispatcher>
#include <QAtomicInt>

#include <cstdint>
#include <thread>
#include <unordered_map>
#include <vector>

namespace hydra {

// Create it on the thread whose events it dispatches.
class EpollEventDispatcher final : public QAbstractEventDispatcher
{
    Q_OBJECT
public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(int timerId, qint64 intervalMs, Qt::TimerType timerType, QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

private:
    struct Timer
    {
        int id;
        qint64 intervalMs;
        Qt::TimerType type;
        QObject *object;
        std::int64_t deadlineNs;
        bool inTimerEvent = false;
    };
    // The notifiers of one descriptor, by QSocketNotifier::Type (Read, Write, Exception).
    struct Watched
    {
        QSocketNotifier *notifiers[3] = {nullptr, nullptr, nullptr};
        std::uint32_t registeredEvents = 0; // what epoll currently watches for
        bool maskChangePending = false;     // listed in m_maskChanges
    };

    static std::uint32_t wantedEvents(const Watched &watched);
    void updateInterest(int fd, Watched &watched);
    void applyMaskChanges();
    std::vector<Timer>::iterator findTimer(int timerId);
    // Milliseconds until the first timer is due (0: one is due now), or -1 without timers.
    int msUntilNextTimer() const;
    int activateTimers();
    int activateSocketNotifiers();
    void consumeWakeUp();

    const std::thread::id m_owner; // the thread it serves
    int m_epoll = -1;
    int m_wakeUpFd = -1; // an eventfd, always watched
    QAtomicInt m_wakeUps;   // 1 while a wake-up is written and not yet consumed
    QAtomicInt m_interrupt;
    bool m_postedHere = false; // this thread posted an event since the pass began sending them
    std::unordered_map<int, Watched> m_watched;
    std::vector<int> m_maskChanges; // descriptors whose mask changed since the last wait
    std::vector<Timer> m_timers; // a few hundred at most, so a scan per pass is cheap (not measured against a heap)
    // Notifiers found ready by the last wait, not activated yet; a notifier unregistered in the
    // meantime (its socket closed by an earlier activation) is cleared from here.
    std::vector<QSocketNotifier *> m_pending;
    std::size_t m_pendingNext = 0; // the first of m_pending not activated yet
};

} // namespace hydra
