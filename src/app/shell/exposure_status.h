#pragma once
// The tunnel's status (hydra::tunnel::TunnelStatus) as the tray shows it, in the user's
// language: which ExposeState, the public base URL, and why it failed. Pure.

#include "shell_state.h"
#include "tunnel/tunnel_supervisor.h"

#include <QString>

namespace hydra::app {

// Fills the exposure fields of `state`. `exposing`: whether the switch is on
// (ExposeController::isExposed()); a failure that will not be retried has turned it off.
void applyTunnelStatus(ShellState &state, const tunnel::TunnelStatus &status, bool exposing);

// Why the tunnel failed, what happens next, and cloudflared's own words as the detail.
QString tunnelProblemText(const tunnel::TunnelStatus &status);
// The reason alone, translated.
QString failureReasonText(tunnel::FailureReason reason);

} // namespace hydra::app
