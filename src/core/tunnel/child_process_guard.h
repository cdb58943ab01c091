#pragma once
// No cloudflared outlives Hydra, even when Hydra is killed (a leftover would keep a public URL
// pointing at a dead port). Each OS needs its own trick:
// - Linux: the child asks the kernel for SIGTERM when its parent dies (PR_SET_PDEATHSIG). The
//   kernel means the parent *thread*, so the QProcess must be started from a thread that lives
//   as long as the process: the main thread (TunnelSupervisor lives there).
// - Windows: the child joins a job object that kills its members when Hydra's handle to it
//   closes, which the OS does when Hydra ends in any way.
// - macOS (no parent-death signal): a detached watchdog shell polls whether the child still
//   belongs to Hydra and sends it SIGTERM once it has been handed to launchd.

#include <QtGlobal>

class QProcess;

namespace hydra::tunnel {

// Before QProcess::start().
void guardBeforeStart(QProcess &process);
// Once QProcess::started has fired.
void guardAfterStart(QProcess &process);

// Unix: starts a detached `sh` that sends SIGTERM to `childPid` as soon as its parent is no
// longer `parentPid` (the parent died and the child was re-parented), and exits by itself when
// the child is gone. Used on macOS; compiled on every Unix so it is tested on Linux too.
bool startOrphanWatchdog(qint64 parentPid, qint64 childPid);

} // namespace hydra::tunnel
