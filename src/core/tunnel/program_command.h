#pragma once
// A program to start and the arguments that precede the ones Hydra adds: how cloudflared is run.
// For a cloudflared binary the list is empty; a command the user named ("firejail cloudflared")
// brings its own (cloudflared_locator.h).

#include <QString>
#include <QStringList>

namespace hydra::tunnel {

struct ProgramCommand
{
    QString program;       // an absolute path; empty: none
    QStringList arguments; // put before cloudflared's own

    bool isEmpty() const { return program.isEmpty(); }
    bool operator==(const ProgramCommand &) const = default;
};

} // namespace hydra::tunnel
