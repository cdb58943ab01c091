#include "child_process_guard.h"

#include <QCoreApplication>
#include <QProcess>
#include <QStringList>

#if defined(Q_OS_LINUX)
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <windows.h>
#endif

namespace hydra::tunnel {

#ifdef Q_OS_UNIX
bool startOrphanWatchdog(qint64 parentPid, qint64 childPid)
{
    // The command line is remembered so a recycled pid is never signalled by mistake.
    static const QString script = QStringLiteral(
        "parent=$1; child=$2\n"
        "command=$(ps -o command= -p \"$child\" 2>/dev/null)\n"
        "[ -n \"$command\" ] || exit 0\n"
        "while [ \"$(ps -o ppid= -p \"$child\" 2>/dev/null | tr -d ' ')\" = \"$parent\" ]; do sleep 1; done\n"
        "[ \"$(ps -o command= -p \"$child\" 2>/dev/null)\" = \"$command\" ] && kill -TERM \"$child\" 2>/dev/null\n"
        "exit 0\n");
    return QProcess::startDetached(QStringLiteral("/bin/sh"),
                                   {QStringLiteral("-c"), script, QStringLiteral("hydra-watchdog"),
                                    QString::number(parentPid), QString::number(childPid)});
}
#else
bool startOrphanWatchdog(qint64, qint64)
{
    return false;
}
#endif

void guardBeforeStart(QProcess &process)
{
#if defined(Q_OS_LINUX)
    const pid_t parent = ::getpid();
    // Runs in the child between fork and exec: only async-signal-safe calls.
    process.setChildProcessModifier([parent] {
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent) // Hydra died before the line above took effect
            ::_exit(1);
    });
#else
    Q_UNUSED(process);
#endif
}

void guardAfterStart(QProcess &process)
{
#if defined(Q_OS_WIN)
    // The job's handle is never closed by Hydra: Windows closes it when Hydra ends, and then
    // kills every process in the job.
    static const HANDLE job = [] {
        HANDLE handle = ::CreateJobObjectW(nullptr, nullptr);
        if (handle) {
            JOBOBJECT_EXTENDED_LIMIT_INFORMATION info = {};
            info.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
            ::SetInformationJobObject(handle, JobObjectExtendedLimitInformation, &info, sizeof info);
        }
        return handle;
    }();
    if (!job)
        return;
    HANDLE child = ::OpenProcess(PROCESS_SET_QUOTA | PROCESS_TERMINATE, FALSE, static_cast<DWORD>(process.processId()));
    if (child) {
        ::AssignProcessToJobObject(job, child);
        ::CloseHandle(child);
    }
#elif defined(Q_OS_MACOS)
    startOrphanWatchdog(QCoreApplication::applicationPid(), process.processId());
#else
    Q_UNUSED(process);
#endif
}

} // namespace hydra::tunnel
