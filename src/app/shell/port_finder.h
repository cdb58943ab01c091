#pragma once
// The next port after a taken one that can be listened on right now, to offer when the
// gateway's port is in use. A suggestion only: the user confirms it (ports are never
// switched silently, because clients are configured with the old one).

#include <QHostAddress>

#include <optional>

namespace hydra::app {

// Tries after+1, after+2, ... (at most `attempts` ports, never past 65535) by listening briefly.
std::optional<quint16> nextFreePort(const QHostAddress &host, quint16 after, int attempts = 100);

} // namespace hydra::app
