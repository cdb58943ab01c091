#include "file_poll.h"

#include <QDateTime>
#include <QFileInfo>

namespace hydra::store {

FilePoll::FilePoll(QString path, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
    , m_timer(this) // a child, so that it lives on this object's thread
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &FilePoll::poll);
}

void FilePoll::start()
{
    markSeen();
    m_timer.start();
}

void FilePoll::markSeen()
{
    m_seen = stamp();
}

FilePoll::Stamp FilePoll::stamp() const
{
    const QFileInfo info(m_path);
    if (!info.exists())
        return {};
    return {true, info.size(), info.lastModified().toMSecsSinceEpoch(), info.metadataChangeTime().toMSecsSinceEpoch()};
}

void FilePoll::poll()
{
    const Stamp now = stamp();
    if (now == m_seen)
        return;
    m_seen = now;
    Q_EMIT changed();
}

} // namespace hydra::store
