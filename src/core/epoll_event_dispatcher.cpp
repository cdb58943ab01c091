#include "epoll_event_dispatcher.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTimerEvent>

#include <algorithm>
#include <cerrno>
#include <ctime>

#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace hydra {
namespace {

constexpr std::int64_t nsPerMs = 1'000'000;
constexpr int maxEventsPerWait = 256; // more ready sockets than this wait for the next pass

std::int64_t nowNs()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

// What each notifier type is woken by; the same as QEventDispatcherUNIX's poll() masks.
constexpr std::uint32_t activatingEvents[3] = {
    EPOLLIN | EPOLLHUP | EPOLLERR,  // QSocketNotifier::Read
    EPOLLOUT | EPOLLHUP | EPOLLERR, // QSocketNotifier::Write
    EPOLLPRI | EPOLLHUP | EPOLLERR, // QSocketNotifier::Exception
};
constexpr std::uint32_t watchedEvents[3] = {EPOLLIN, EPOLLOUT, EPOLLPRI};

} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
    , m_owner(std::this_thread::get_id())
    , m_epoll(epoll_create1(EPOLL_CLOEXEC))
    , m_wakeUpFd(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
    if (m_epoll < 0 || m_wakeUpFd < 0)
        qFatal("EpollEventDispatcher: cannot create epoll or eventfd descriptors (errno %d)", errno);
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = m_wakeUpFd;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeUpFd, &event);
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    ::close(m_wakeUpFd);
    ::close(m_epoll);
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupt.storeRelaxed(0);
    Q_EMIT awake();
    m_postedHere = false;
    QCoreApplication::sendPostedEvents();

    const bool includeTimers = !(flags & QEventLoop::X11ExcludeTimers);
    const bool includeNotifiers = !(flags & QEventLoop::ExcludeSocketNotifiers);
    // Events this thread posted while sending the others are sent on the next pass: no waiting.
    const bool canWait = (flags & QEventLoop::WaitForMoreEvents) && !m_interrupt.loadRelaxed() && !m_postedHere;
    if (canWait)
        Q_EMIT aboutToBlock();
    if (m_interrupt.loadRelaxed())
        return false;

    const int timeoutMs = !canWait ? 0 : includeTimers ? msUntilNextTimer() : -1;
    int activated = 0;
    if (includeNotifiers) {
        applyMaskChanges();
        epoll_event events[maxEventsPerWait];
        int ready;
        do
            ready = epoll_wait(m_epoll, events, maxEventsPerWait, timeoutMs);
        while (ready < 0 && errno == EINTR);
        m_pending.clear();
        m_pendingNext = 0;
        for (int i = 0; i < ready; ++i) {
            const int fd = events[i].data.fd;
            if (fd == m_wakeUpFd) {
                consumeWakeUp();
                ++activated;
                continue;
            }
            const auto watched = m_watched.find(fd);
            if (watched == m_watched.end())
                continue;
            for (int type = 0; type < 3; ++type) {
                if (watched->second.notifiers[type] && (events[i].events & activatingEvents[type]))
                    m_pending.push_back(watched->second.notifiers[type]);
            }
        }
    } else {
        // Sockets are not to be looked at: wait for a wake-up or a timer only.
        pollfd wakeUp{m_wakeUpFd, POLLIN, 0};
        if (::poll(&wakeUp, 1, timeoutMs) > 0) {
            consumeWakeUp();
            ++activated;
        }
    }
    if (includeTimers)
        activated += activateTimers();
    if (includeNotifiers)
        activated += activateSocketNotifiers();
    return activated > 0;
}

void EpollEventDispatcher::consumeWakeUp()
{
    eventfd_t count;
    eventfd_read(m_wakeUpFd, &count);
    m_wakeUps.storeRelease(0); // from here on, another thread's wakeUp() writes again
}

int EpollEventDispatcher::activateSocketNotifiers()
{
    // Taken from the front, so that an event loop nested in a handler (which refills the list)
    // leaves this one nothing stale to walk; readiness it skips is reported again (level-triggered).
    int activated = 0;
    while (m_pendingNext < m_pending.size()) {
        if (QSocketNotifier *notifier = std::exchange(m_pending[m_pendingNext++], nullptr)) {
            QEvent event(QEvent::SockAct);
            QCoreApplication::sendEvent(notifier, &event);
            ++activated;
        }
    }
    return activated;
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = static_cast<int>(notifier->socket());
    Watched &watched = m_watched[fd];
    if (watched.notifiers[notifier->type()] && watched.notifiers[notifier->type()] != notifier) {
        // Another notifier of this type still holds the number: its descriptor was closed while
        // it stayed enabled, and the kernel dropped that registration. Registered afresh.
        epoll_event ignored{};
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, &ignored);
        watched.registeredEvents = 0;
        watched.maskChangePending = false;
    }
    watched.notifiers[notifier->type()] = notifier;
    updateInterest(fd, watched);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    std::replace(m_pending.begin(), m_pending.end(), notifier, static_cast<QSocketNotifier *>(nullptr));
    const int fd = static_cast<int>(notifier->socket());
    const auto it = m_watched.find(fd);
    if (it == m_watched.end() || it->second.notifiers[notifier->type()] != notifier)
        return;
    it->second.notifiers[notifier->type()] = nullptr;
    updateInterest(fd, it->second);
    if (it->second.registeredEvents == 0)
        m_watched.erase(it);
}

std::uint32_t EpollEventDispatcher::wantedEvents(const Watched &watched)
{
    std::uint32_t wanted = 0;
    for (int type = 0; type < 3; ++type) {
        if (watched.notifiers[type])
            wanted |= watchedEvents[type];
    }
    return wanted;
}

void EpollEventDispatcher::updateInterest(int fd, Watched &watched)
{
    const std::uint32_t wanted = wantedEvents(watched);
    if (wanted == watched.registeredEvents)
        return;
    if (wanted != 0 && watched.registeredEvents != 0) {
        // A change of mask (QAbstractSocket turns its write notifier on for each write and off
        // once the bytes are out, usually within one pass) waits for the next epoll_wait, where
        // on and off cancel out and cost no system call.
        if (!watched.maskChangePending) {
            watched.maskChangePending = true;
            m_maskChanges.push_back(fd);
        }
        return;
    }
    // Adding and removing are done at once: a descriptor is closed right after its notifiers
    // go, and its number may come back for another socket before the next wait.
    epoll_event event{};
    event.events = wanted;
    event.data.fd = fd;
    if (wanted == 0) {
        // Fails harmlessly when the descriptor was closed first (the kernel dropped it then).
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, &event);
    } else if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event) < 0 && errno == EEXIST) {
        // A closed descriptor's number came back for a new socket before its old notifier was
        // unregistered; MOD points the interest at what the number means now.
        epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event);
    }
    watched.registeredEvents = wanted;
}

void EpollEventDispatcher::applyMaskChanges()
{
    for (const int fd : m_maskChanges) {
        const auto it = m_watched.find(fd);
        if (it == m_watched.end() || !it->second.maskChangePending)
            continue; // unregistered since, or registered afresh
        Watched &watched = it->second;
        watched.maskChangePending = false;
        const std::uint32_t wanted = wantedEvents(watched);
        if (wanted == watched.registeredEvents || wanted == 0 || watched.registeredEvents == 0)
            continue;
        epoll_event event{};
        event.events = wanted;
        event.data.fd = fd;
        if (epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event) < 0 && errno == ENOENT) {
            // The descriptor was closed and its number reused while a notifier stayed registered.
            epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
        }
        watched.registeredEvents = wanted;
    }
    m_maskChanges.clear();
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 intervalMs, Qt::TimerType timerType, QObject *object)
{
    m_timers.push_back({timerId, intervalMs, timerType, object, nowNs() + intervalMs * nsPerMs});
}

std::vector<EpollEventDispatcher::Timer>::iterator EpollEventDispatcher::findTimer(int timerId)
{
    return std::find_if(m_timers.begin(), m_timers.end(), [timerId](const Timer &t) { return t.id == timerId; });
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    const auto it = findTimer(timerId);
    if (it == m_timers.end())
        return false;
    *it = m_timers.back(); // order does not matter: the next due timer is found by a scan
    m_timers.pop_back();
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    return std::erase_if(m_timers, [object](const Timer &t) { return t.object == object; }) > 0;
}

QList<QAbstractEventDispatcher::TimerInfo> EpollEventDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> out;
    for (const Timer &timer : m_timers) {
        if (timer.object == object)
            out.append(TimerInfo(timer.id, static_cast<int>(timer.intervalMs), timer.type));
    }
    return out;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto it = findTimer(timerId);
    if (it == m_timers.end())
        return -1;
    return static_cast<int>(std::max<std::int64_t>(0, (it->deadlineNs - nowNs() + nsPerMs - 1) / nsPerMs));
}

int EpollEventDispatcher::msUntilNextTimer() const
{
    if (m_timers.empty())
        return -1;
    std::int64_t first = m_timers.front().deadlineNs;
    for (const Timer &timer : m_timers)
        first = std::min(first, timer.deadlineNs);
    const std::int64_t waitNs = first - nowNs();
    // Rounded up: epoll_wait counts whole milliseconds, and a timer must not fire early.
    return waitNs <= 0 ? 0 : static_cast<int>(std::min<std::int64_t>((waitNs + nsPerMs - 1) / nsPerMs, 24 * 3'600'000));
}

int EpollEventDispatcher::activateTimers()
{
    const std::int64_t now = nowNs();
    std::vector<std::pair<std::int64_t, int>> due; // local: a handler's nested event loop comes back here
    for (const Timer &timer : m_timers) {
        if (timer.deadlineNs <= now && !timer.inTimerEvent)
            due.emplace_back(timer.deadlineNs, timer.id);
    }
    std::sort(due.begin(), due.end()); // earliest first, as Qt fires them
    int activated = 0;
    for (const auto &[deadline, id] : due) {
        // Looked up again each time: a timer event may stop or start other timers.
        auto it = findTimer(id);
        if (it == m_timers.end() || it->inTimerEvent)
            continue;
        // The next deadline keeps to the schedule, unless the loop fell a whole interval behind.
        it->deadlineNs = deadline + std::max<qint64>(it->intervalMs, 1) * nsPerMs;
        if (it->deadlineNs <= now)
            it->deadlineNs = now + it->intervalMs * nsPerMs;
        it->inTimerEvent = true; // not fired again by an event loop nested in its own handler
        QTimerEvent event(id);
        QCoreApplication::sendEvent(it->object, &event);
        ++activated;
        it = findTimer(id);
        if (it != m_timers.end())
            it->inTimerEvent = false;
    }
    return activated;
}

void EpollEventDispatcher::wakeUp()
{
    if (std::this_thread::get_id() == m_owner) {
        // Posted by this thread (a deleteLater, a queued call): it is not waiting, and the next
        // pass sends posted events before it waits. An eventfd write and read per request saved.
        m_postedHere = true;
        return;
    }
    if (m_wakeUps.testAndSetAcquire(0, 1))
        eventfd_write(m_wakeUpFd, 1);
}

void EpollEventDispatcher::interrupt()
{
    m_interrupt.storeRelaxed(1);
    wakeUp();
}

} // namespace hydra
