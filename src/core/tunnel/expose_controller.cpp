#include "expose_controller.h"

#include "engine.h"
#include "store/token_store.h"

#include <QDate>

namespace hydra::tunnel {

ExposeController::ExposeController(Engine &engine, QString configDir, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_configDir(std::move(configDir))
{
    connect(&m_engine, &Engine::tunnelDoorOpened, this, &ExposeController::onDoorOpened);
    connect(&m_engine, &Engine::tunnelDoorFailed, this, &ExposeController::onDoorFailed);
    // The gateway stopping takes the door with it; cloudflared would only forward to nothing.
    connect(&m_engine, &Engine::stopped, this, [this] {
        m_doorOpen = false;
        setExposed(false);
    });
    connect(&m_supervisor, &TunnelSupervisor::statusChanged, this, &ExposeController::onSupervisorStatus);
}

ExposeController::~ExposeController()
{
    if (m_exposed)
        stopAndWait(3000);
}

QString ExposeController::newTokenName(const QDate &today)
{
    return QStringLiteral("public-") + today.toString(Qt::ISODate);
}

void ExposeController::setExposed(bool exposed)
{
    if (exposed == m_exposed)
        return;
    if (!exposed) {
        m_exposed = false;
        m_supervisor.stop(); // Stopped arrives through onSupervisorStatus, which closes the door
        if (m_supervisor.status().state == TunnelState::Stopped)
            onSupervisorStatus(m_supervisor.status());
        return;
    }
    if (m_cloudflared.isEmpty()) {
        setStatus({TunnelState::Failed, {}, FailureReason::NotFound, describeFailure(FailureReason::NotFound), -1});
        return;
    }
    // A public gateway without a token would be an open proxy for the user's Google keys.
    if (!ensureToken())
        return;
    m_exposed = true;
    setStatus({TunnelState::Starting, {}, FailureReason::None, QStringLiteral("opening the tunnel door"), -1});
    m_engine.openTunnelDoor();
}

bool ExposeController::ensureToken()
{
    const store::TokenStore tokens(m_configDir);
    const auto loaded = tokens.load();
    QString problem;
    if (const auto *error = std::get_if<std::string>(&loaded)) {
        problem = QString::fromStdString(*error);
    } else if (std::get<std::vector<store::AccessToken>>(loaded).empty()) {
        const QString name = newTokenName(QDate::currentDate());
        const auto created = tokens.create(name);
        if (const auto *token = std::get_if<QByteArray>(&created)) {
            Q_EMIT tokenCreated(name, *token);
            return true;
        }
        problem = QString::fromStdString(std::get<std::string>(created));
    } else {
        return true;
    }
    setStatus({TunnelState::Failed, {}, FailureReason::ConfigProblem,
               QStringLiteral("not exposing the gateway: no access token could be set up (%1)").arg(problem), -1});
    return false;
}

void ExposeController::onDoorOpened(quint16 port)
{
    m_doorOpen = true;
    if (!m_exposed) { // turned off while the door was opening
        m_engine.closeTunnelDoor();
        m_doorOpen = false;
        return;
    }
    const TunnelState state = m_supervisor.status().state;
    if (state == TunnelState::Stopped || (state == TunnelState::Failed && m_supervisor.status().retryInMs < 0))
        m_supervisor.start(m_cloudflared, port, m_configDir);
}

void ExposeController::onDoorFailed(const QString &message)
{
    if (!m_exposed)
        return;
    m_exposed = false;
    setStatus({TunnelState::Failed, {}, FailureReason::ConfigProblem,
               QStringLiteral("the gateway could not open its tunnel door: %1").arg(message), -1});
}

void ExposeController::onSupervisorStatus(const TunnelStatus &status)
{
    if (status.state == TunnelState::Stopped && m_doorOpen) {
        m_doorOpen = false;
        m_engine.closeTunnelDoor();
    }
    setStatus(status);
}

void ExposeController::stopAndWait(int timeoutMs)
{
    m_exposed = false;
    m_supervisor.stopAndWait(timeoutMs);
    onSupervisorStatus(m_supervisor.status());
}

void ExposeController::setStatus(const TunnelStatus &status)
{
    if (status == m_status)
        return;
    m_status = status;
    Q_EMIT statusChanged(m_status);
}

} // namespace hydra::tunnel
