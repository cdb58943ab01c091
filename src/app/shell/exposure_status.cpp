#include "exposure_status.h"

#include <QCoreApplication>

namespace hydra::app {
namespace {

// The translation context of these texts (lupdate reads ExposureStatus::tr).
struct ExposureStatus
{
    Q_DECLARE_TR_FUNCTIONS(ExposureStatus)
};

ExposeState exposeState(tunnel::TunnelState state)
{
    switch (state) {
    case tunnel::TunnelState::Stopped:
        return ExposeState::Off;
    case tunnel::TunnelState::Starting:
        return ExposeState::Starting;
    case tunnel::TunnelState::Up:
        return ExposeState::Up;
    case tunnel::TunnelState::Reconnecting:
        return ExposeState::Reconnecting;
    case tunnel::TunnelState::Failed:
        return ExposeState::Failed;
    case tunnel::TunnelState::Stopping:
        return ExposeState::Stopping;
    }
    return ExposeState::Off;
}

} // namespace

QString failureReasonText(tunnel::FailureReason reason)
{
    using tunnel::FailureReason;
    switch (reason) {
    case FailureReason::None:
        break;
    case FailureReason::RateLimited:
        return ExposureStatus::tr("trycloudflare.com is limiting new quick tunnels from this network (error 1015).");
    case FailureReason::NoNetwork:
        return ExposureStatus::tr("trycloudflare.com cannot be reached: is this computer online?");
    case FailureReason::Blocked:
        return ExposureStatus::tr("The connection to trycloudflare.com was refused or cut: a firewall or proxy seems "
                                  "to block it.");
    case FailureReason::Timeout:
        return ExposureStatus::tr("trycloudflare.com did not answer in time.");
    case FailureReason::ServiceError:
        return ExposureStatus::tr("trycloudflare.com did not hand out a tunnel.");
    case FailureReason::EdgeUnreachable:
        return ExposureStatus::tr("The tunnel cannot connect to Cloudflare (outgoing TCP port 7844 may be blocked).");
    case FailureReason::ConfigProblem:
        return ExposureStatus::tr("The tunnel could not be set up.");
    case FailureReason::BadArguments:
        return ExposureStatus::tr("This cloudflared is too old for Hydra: use a recent release.");
    case FailureReason::AutoUpdated:
        return ExposureStatus::tr("cloudflared updated itself and stopped.");
    case FailureReason::NotFound:
        return ExposureStatus::tr("cloudflared could not be run.");
    case FailureReason::Crashed:
        return ExposureStatus::tr("cloudflared stopped unexpectedly.");
    }
    return {};
}

QString tunnelProblemText(const tunnel::TunnelStatus &status)
{
    QStringList parts{failureReasonText(status.reason)};
    if (status.retryInMs >= 0)
        parts << ExposureStatus::tr("Hydra tries again in %n second(s).", nullptr, (status.retryInMs + 999) / 1000);
    if (!status.message.isEmpty())
        parts << ExposureStatus::tr("Details: %1").arg(status.message);
    parts.removeAll(QString());
    return parts.join(u' ');
}

void applyTunnelStatus(ShellState &state, const tunnel::TunnelStatus &status, bool exposing)
{
    state.exposing = exposing;
    state.expose = exposeState(status.state);
    state.publicUrl = status.url.isEmpty() ? QString() : status.url + QStringLiteral("/v1");
    state.exposeProblem = status.state == tunnel::TunnelState::Failed ? tunnelProblemText(status) : QString();
}

} // namespace hydra::app
