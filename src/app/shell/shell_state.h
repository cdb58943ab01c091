#pragma once
// What the tray shows, as plain values: the shell fills it from the engine, the key snapshots
// and the expose controller, and the tray menu and icon are pure functions of it (tested
// without a system tray).

#include <QString>

namespace hydra::app {

// Stopping: no new requests are taken; those in flight are finishing (Engine::stopGracefully).
enum class GatewayState { Stopped, Starting, Running, Stopping };

// The public tunnel as the tray shows it (see exposure_status.h for the mapping).
enum class ExposeState { Off, Starting, Up, Reconnecting, Failed, Stopping };

// The one state the tray icon shows, most urgent first when several hold.
enum class TrayStatus {
    Stopped,         // the gateway is not serving
    NoUsableKey,     // serving, but no key can answer (none stored, or all invalid)
    Exposed,         // serving and reachable from the internet through the tunnel
    SomeKeysLimited, // serving; some keys are out of quota for now
    Running,         // serving, every key healthy
};

struct ShellState
{
    GatewayState gateway = GatewayState::Stopped;
    QString baseUrl; // local base URL with /v1, known once running
    int rpm = 0;     // requests answered in the last 60 s

    int keys = 0;        // stored keys the gateway runs with
    int usableKeys = 0;  // not invalid
    int limitedKeys = 0; // usable, but cooling down or parked for some model

    bool exposing = false;                 // the switch is on (the tunnel may be connecting or waiting to retry)
    ExposeState expose = ExposeState::Off; // what the tunnel is doing
    QString publicUrl;                     // public base URL with /v1, once cloudflared named it
    QString exposeProblem;                 // Failed: what went wrong and what happens next

    bool startAtLogin = false;
};

TrayStatus trayStatus(const ShellState &state);

} // namespace hydra::app
