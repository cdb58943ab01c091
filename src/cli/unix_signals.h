#pragma once
// SIGINT/SIGTERM turned into a Qt signal (through a self-pipe), so the event loop,
// not a signal handler, does the shutdown work.

#include <QObject>

namespace hydra::cli {

class TerminationWatcher : public QObject
{
    Q_OBJECT
public:
    explicit TerminationWatcher(QObject *parent = nullptr);

Q_SIGNALS:
    void terminationRequested();
};

} // namespace hydra::cli
