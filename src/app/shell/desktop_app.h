#pragma once
// The desktop app: owns the engine, the stored keys, the settings and the stats (the
// AppContext every window shares), and drives them from the tray menu, or from the dashboard's
// toolbar when the desktop has no tray. Keys load asynchronously (KeyRing), the engine runs on
// its own thread: nothing here waits on the network or the keychain.

#include "app/app_context.h"
#include "app/settings/app_settings.h"
#include "connect_tools.h"
#include "engine.h"
#include "exposure_flow.h"
#include "key_health.h"
#include "login_item.h"
#include "notices.h"
#include "shell_state.h"
#include "stats/stats_collector.h"
#include "store/key_follower.h"
#include "store/key_ring.h"
#include "store/keychain_secret_store.h"
#include "tray_menu.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

class QSystemTrayIcon;

namespace hydra::app {

class ConnectToolsDialog;
class DashboardWindow;
class SettingsDialog;
class WelcomeWizard;

class DesktopApp : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString configDir;
        QStringList loginArguments; // what "start at login" passes (--config-dir when given)
        bool useTray = true;        // false: the dashboard is the main window
    };

    // `secrets`: where keys live (the OS keychain in the app; memory in screenshots).
    DesktopApp(Options options, store::SecretStore &secrets, QObject *parent = nullptr);
    ~DesktopApp() override;

    // Shows the tray (or the main window), the welcome flow when no key is stored, and starts
    // the gateway when the settings say so.
    void start();
    // Brings the dashboard to the front (tray activation, a second launch).
    void showDashboard();
    void showSettings();
    void showConnectTools();

    AppContext &context() { return m_context; }
    const ShellState &state() const { return m_state; }
    TrayMenu &trayMenu() { return m_menu; }
    ExposureFlow &exposure() { return m_exposure; }
    DashboardWindow *dashboard() const;

    void startGateway();
    // Stops taking requests and lets those in progress finish for a few seconds (the tray says
    // so meanwhile), then stops; the tunnel closes with it.
    void stopGateway();
    // The values "Connect your tools" shows (the public URL and a token created for it included).
    ConnectValues connectValues() const;

Q_SIGNALS:
    void stateChanged();

private:
    void onStarted(const QString &baseUrl);
    void onStartFailed(const QString &message, bool addressInUse);
    void onStopped();
    // New settings or stored keys reach the running gateway in place: nothing in flight ends,
    // the tunnel and its public URL stay (Engine::reconfigure).
    void applyChanges();
    void onReconfigured(const QString &baseUrl);
    void onReconfigureFailed(const QString &message, bool addressInUse);
    GatewayConfig currentConfig() const; // the saved settings with the keys loaded last
    void onKeysChanged(const std::vector<pool::KeySnapshot> &keys);
    void offerFreePort(quint16 port);
    void usePort(quint16 port);
    void showWelcome();
    void setStartAtLogin(bool enabled);
    void copyToClipboard(const QString &text);
    void quit();
    void refresh();
    void notify(const Notice &notice, std::function<void()> onClick = {});
    void updateConnectValues();

    Options m_options;
    store::KeyRing m_ring;
    store::KeyFollower *m_keyFollower; // keys-meta.json: the dialog and `hydra keys` change it
    std::vector<pool::KeyInfo> m_keys;  // what the gateway was given last
    AppSettings m_settings;
    Engine m_engine;
    stats::StatsCollector m_stats;
    AppContext m_context;
    ExposureFlow m_exposure; // after the engine: stops cloudflared before the engine goes
    LoginItem m_loginItem;
    TrayMenu m_menu;
    QSystemTrayIcon *m_tray = nullptr;
    QPointer<DashboardWindow> m_dashboard;
    QPointer<SettingsDialog> m_settingsDialog;
    QPointer<ConnectToolsDialog> m_connectDialog;
    QPointer<WelcomeWizard> m_welcome;
    QTimer m_tick; // RPM in the tooltip, once a second

    ShellState m_state;
    KeyHealth m_health;
    bool m_wantRunning = false; // a start is pending while keys load
    bool m_quitting = false;    // quit() waits for the gateway to stop
    std::function<void()> m_onMessageClicked;
    QString m_createdToken; // made for exposing in this session: "Connect your tools" shows it
};

} // namespace hydra::app
