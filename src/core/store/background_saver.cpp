#include "background_saver.h"

#include <utility>

namespace hydra::store {

BackgroundSaver::~BackgroundSaver()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join(); // joined, not detached: the thread is gone before what it used is
}

void BackgroundSaver::submit(Save save)
{
    {
        std::lock_guard lock(m_mutex);
        m_waiting = std::move(save);
        if (!m_thread.joinable())
            m_thread = std::thread([this] { run(); });
    }
    m_changed.notify_all();
}

void BackgroundSaver::waitIdle()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_waiting && !m_running; });
}

void BackgroundSaver::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [this] { return m_waiting || m_stopping; });
        if (!m_waiting)
            return; // stopping, and nothing left to save
        Save save = std::exchange(m_waiting, {});
        m_running = true;
        lock.unlock();
        m_lastFailed = !save();
        save = {}; // what it captured goes now, not with the next save
        lock.lock();
        m_running = false;
        m_changed.notify_all(); // waitIdle
    }
}

} // namespace hydra::store
