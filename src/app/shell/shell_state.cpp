#include "shell_state.h"

namespace hydra::app {

TrayStatus trayStatus(const ShellState &state)
{
    if (state.gateway != GatewayState::Running)
        return TrayStatus::Stopped;
    // A gateway that can answer nothing is the thing to fix first, exposed or not.
    if (state.usableKeys == 0)
        return TrayStatus::NoUsableKey;
    // Reconnecting still counts: the URL is out there and comes back by itself.
    if (state.expose == ExposeState::Up || state.expose == ExposeState::Reconnecting)
        return TrayStatus::Exposed;
    if (state.limitedKeys > 0)
        return TrayStatus::SomeKeysLimited;
    return TrayStatus::Running;
}

} // namespace hydra::app
