#pragma once
// Processes that are not the test's own children (cloudflared started by hydra, a grandchild):
// whether one is really gone, and ending one; and the fake cloudflared's state file. The one
// place tests touch processes by pid, with each platform's own call.

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#if defined(Q_OS_WIN)
#include <windows.h>
#elif defined(Q_OS_UNIX)
#include <csignal>
#include <sys/types.h>
#endif

namespace hydra::testing {

// Gone, or a zombie: a zombie is dead, only not yet reaped (by a PID 1 that may never do it in
// a container).
inline bool processGone(qint64 pid)
{
#if defined(Q_OS_WIN)
    HANDLE process = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, static_cast<DWORD>(pid));
    if (!process)
        return true;
    DWORD exitCode = 0;
    const bool running = GetExitCodeProcess(process, &exitCode) && exitCode == STILL_ACTIVE;
    CloseHandle(process);
    return !running;
#elif defined(Q_OS_LINUX)
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close < 0 || text.mid(close + 2, 1) == "Z";
#else // macOS and other Unix systems: no /proc; a zombie still counts as there
    return ::kill(static_cast<pid_t>(pid), 0) != 0;
#endif
}

// Ends a process at once, without letting it clean up (SIGKILL; TerminateProcess on Windows).
inline void killProcess(qint64 pid)
{
#if defined(Q_OS_WIN)
    if (HANDLE process = OpenProcess(PROCESS_TERMINATE, FALSE, static_cast<DWORD>(pid))) {
        TerminateProcess(process, 1);
        CloseHandle(process);
    }
#else
    ::kill(static_cast<pid_t>(pid), SIGKILL);
#endif
}

inline QJsonObject readState(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace hydra::testing
