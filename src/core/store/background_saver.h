#pragma once
// Runs a store's saves on a thread of its own. The gateway thread serves every request and
// stream, and a save there (serialising, writing, and the fsync that makes the rename safe)
// stalls them all: 0.5 ms on this machine's disk, far longer on a busy laptop disk, and longer
// again for a large file (thought signatures can reach megabytes).
//
// One save waits at most: a newer one replaces it, since each save writes the whole current
// state. A save must own everything it reads (capture copies, not the store), because it runs
// while the caller goes on. A save says whether it succeeded; after a failure the owner saves
// again at its next chance even when nothing changed.

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace hydra::store {

class BackgroundSaver
{
public:
    using Save = std::function<bool()>; // true: saved

    BackgroundSaver() = default;
    // Runs the save still waiting, then ends the thread.
    ~BackgroundSaver();
    BackgroundSaver(const BackgroundSaver &) = delete;
    BackgroundSaver &operator=(const BackgroundSaver &) = delete;

    // Queues `save`, replacing one that has not started yet. The thread starts with the first.
    void submit(Save save);
    // Returns once every save submitted so far has run.
    void waitIdle();
    // Whether the last save that ran failed. Inside a save: whether the one before it failed.
    bool lastSaveFailed() const { return m_lastFailed; }

private:
    void run();

    std::mutex m_mutex;
    std::condition_variable m_changed;
    Save m_waiting; // empty: nothing waits
    bool m_running = false; // a save is running now
    bool m_stopping = false;
    std::atomic<bool> m_lastFailed = false;
    std::thread m_thread;
};

} // namespace hydra::store
