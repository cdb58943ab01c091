#pragma once
// Whether a process is really gone, and the fake cloudflared's state file, for tests.

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <csignal>

namespace hydra::testing {

// Gone or a zombie: a zombie is dead, only not yet reaped (by a PID 1 that may never do it in
// a container).
inline bool processGone(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close < 0 || text.mid(close + 2, 1) == "Z";
}

inline QJsonObject readState(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace hydra::testing
