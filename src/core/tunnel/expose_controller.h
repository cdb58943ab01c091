#pragma once
// "Expose the gateway": what the tray's switch and `hydra gateway --expose` turn on. It makes
// sure an access token exists (creating one, shown once, when there is none), has the engine
// open its tunnel door (a loopback listener that always requires a token and serves only the
// API), and runs cloudflared pointed at that door. Turning it off, or the gateway stopping,
// stops cloudflared and closes the door. Lives on the main thread, like the supervisor.

#include "tunnel_supervisor.h"

#include <QObject>
#include <QString>

namespace hydra {
class Engine;
}

namespace hydra::tunnel {

class ExposeController : public QObject
{
    Q_OBJECT
public:
    ExposeController(Engine &engine, QString configDir, QObject *parent = nullptr);
    ~ExposeController() override;

    // The cloudflared to run (see cloudflared_locator.h).
    void setCloudflared(const ProgramCommand &command) { m_cloudflared = command; }
    void setTiming(const TunnelTiming &timing) { m_supervisor.setTiming(timing); }

    void setExposed(bool exposed);
    bool isExposed() const { return m_exposed; }
    TunnelStatus status() const { return m_status; }
    const TunnelSupervisor &supervisor() const { return m_supervisor; }
    // For quitting: stops cloudflared, waiting at most `timeoutMs`.
    void stopAndWait(int timeoutMs);

    // The name for a token created because none existed: "public-2026-05-20".
    static QString newTokenName(const QDate &today);

Q_SIGNALS:
    // A token had to be created: the only time it is ever available. Show it once.
    void tokenCreated(const QString &name, const QByteArray &token);
    void statusChanged(const hydra::tunnel::TunnelStatus &status);

private:
    bool ensureToken();
    void onDoorOpened(quint16 port);
    void onDoorFailed(const QString &message);
    void onSupervisorStatus(const TunnelStatus &status);
    void setStatus(const TunnelStatus &status);

    Engine &m_engine;
    QString m_configDir;
    ProgramCommand m_cloudflared;
    bool m_exposed = false;
    bool m_doorOpen = false;
    TunnelSupervisor m_supervisor;
    TunnelStatus m_status;
};

} // namespace hydra::tunnel
