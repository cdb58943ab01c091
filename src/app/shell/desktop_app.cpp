#include "desktop_app.h"

#include "app/dashboard/dashboard_window.h"
#include "app/settings/settings_dialog.h"
#include "connect_tools_widget.h"
#include "port_finder.h"
#include "store/token_store.h"
#include "tray_icons.h"
#include "welcome_wizard.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QSystemTrayIcon>

namespace hydra::app {

DesktopApp::DesktopApp(Options options, store::SecretStore &secrets, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_ring(m_options.configDir, secrets)
    , m_keyFollower(store::KeyFollower::forKeyRing(m_ring, m_options.configDir, this))
    , m_settings(m_options.configDir)
    , m_context{m_options.configDir, m_engine, m_stats, m_ring, m_settings}
    , m_exposure(m_engine, m_settings, m_options.configDir)
    , m_loginItem(QCoreApplication::applicationFilePath(), m_options.loginArguments)
{
    m_stats.attach(m_engine);
    connect(&m_engine, &Engine::started, this, &DesktopApp::onStarted);
    connect(&m_engine, &Engine::startFailed, this, &DesktopApp::onStartFailed);
    connect(&m_engine, &Engine::keysChanged, this, &DesktopApp::onKeysChanged);
    connect(&m_engine, &Engine::stopped, this, &DesktopApp::onStopped);
    connect(&m_engine, &Engine::reconfigured, this, &DesktopApp::onReconfigured);
    connect(&m_engine, &Engine::reconfigureFailed, this, &DesktopApp::onReconfigureFailed);
    connect(m_keyFollower, &store::KeyFollower::keysChanged, this, [this](const std::vector<pool::KeyInfo> &keys) {
        m_keys = keys;
        applyChanges();
    });
    connect(m_keyFollower, &store::KeyFollower::readFailed, this, [this](const QString &problem) {
        notify({Notice::Level::Warning, tr("The stored keys could not be read"),
                tr("%1. The gateway goes on with the keys it had.").arg(problem)});
    });

    connect(&m_exposure, &ExposureFlow::changed, this, [this] {
        refresh();
        updateConnectValues();
    });
    connect(&m_exposure, &ExposureFlow::tokenCreated, this, [this](const QString &token) {
        m_createdToken = token;
        updateConnectValues();
    });
    connect(&m_exposure, &ExposureFlow::publicUrlReady, this, [this](const QString &url) {
        notify(publicUrlNotice(url), [this, url] { copyToClipboard(url); });
    });
    connect(&m_exposure, &ExposureFlow::failed, this,
            [this](const QString &problem) { notify(exposeFailedNotice(problem)); });
    m_state.startAtLogin = m_loginItem.isEnabled();

    const TrayMenu::Actions &a = m_menu.actions();
    connect(a.gateway, &QAction::triggered, this, [this] {
        if (m_state.gateway == GatewayState::Stopped)
            startGateway();
        else if (m_state.gateway == GatewayState::Running)
            stopGateway();
    });
    connect(a.expose, &QAction::triggered, this, [this](bool checked) { m_exposure.setWanted(checked); });
    connect(a.copyBaseUrl, &QAction::triggered, this, [this] { copyToClipboard(m_state.baseUrl); });
    connect(a.copyPublicUrl, &QAction::triggered, this, [this] { copyToClipboard(m_state.publicUrl); });
    connect(a.dashboard, &QAction::triggered, this, &DesktopApp::showDashboard);
    connect(a.settings, &QAction::triggered, this, &DesktopApp::showSettings);
    connect(a.connectTools, &QAction::triggered, this, &DesktopApp::showConnectTools);
    connect(a.startAtLogin, &QAction::toggled, this, &DesktopApp::setStartAtLogin);
    connect(a.quit, &QAction::triggered, this, &DesktopApp::quit);

    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        const int rpm = static_cast<int>(m_stats.rpm());
        if (rpm != m_state.rpm) {
            m_state.rpm = rpm;
            refresh();
        }
    });
}

DesktopApp::~DesktopApp()
{
    // Windows hold the context: they go before the engine and the rest of it.
    delete m_welcome;
    delete m_settingsDialog;
    delete m_connectDialog;
    delete m_dashboard;
    m_engine.stop();
}

DashboardWindow *DesktopApp::dashboard() const
{
    return m_dashboard;
}

void DesktopApp::start()
{
    if (m_options.useTray) {
        QApplication::setQuitOnLastWindowClosed(false); // closing the dashboard keeps the tray
        m_tray = new QSystemTrayIcon(this);
        m_tray->setContextMenu(m_menu.menu());
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
#if !defined(Q_OS_MACOS) // on macOS a click opens the menu, as the platform expects
            if (reason == QSystemTrayIcon::Trigger)
                showDashboard();
#endif
            if (reason == QSystemTrayIcon::DoubleClick)
                showDashboard();
        });
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (m_onMessageClicked)
                m_onMessageClicked();
        });
        refresh(); // an icon before show()
        m_tray->show();
    } else {
        QApplication::setQuitOnLastWindowClosed(true);
        m_dashboard = new DashboardWindow(m_context);
        m_dashboard->setAttribute(Qt::WA_QuitOnClose);
        m_dashboard->addControlActions(m_menu.controlActions());
        m_exposure.setDialogParent(m_dashboard);
        m_dashboard->show();
    }
    m_tick.start();
    m_keyFollower->start();
    refresh();

    QString problem;
    const GatewaySettings settings = m_settings.load(&problem);
    if (!problem.isEmpty())
        notify({Notice::Level::Warning, tr("Settings could not be read"), problem});
    const auto listed = m_ring.list();
    if (const auto *error = std::get_if<std::string>(&listed)) {
        notify({Notice::Level::Critical, tr("The stored keys could not be read"), QString::fromStdString(*error)});
        return;
    }
    if (std::get<std::vector<store::StoredKey>>(listed).empty()) {
        showWelcome();
        return;
    }
    if (settings.startOnLaunch)
        startGateway();
}

void DesktopApp::startGateway()
{
    if (m_state.gateway != GatewayState::Stopped)
        return;
    m_state.gateway = GatewayState::Starting;
    m_wantRunning = true;
    refresh();
    m_ring.loadAll([this](const store::LoadedKeys &loaded) {
        if (!m_wantRunning)
            return; // stopped while the keychain answered
        if (loaded.error)
            notify({Notice::Level::Warning, tr("The stored keys could not be read"), loaded.error.message});
        for (const store::StoredKey &missing : loaded.missing)
            notify({Notice::Level::Warning, tr("Key %1 is missing from the keychain").arg(QString::fromStdString(missing.label)),
                    tr("Remove it in Settings and add it again.")});
        m_keys = loaded.keys;
        const GatewayConfig config = currentConfig();
        m_state.keys = m_state.usableKeys = static_cast<int>(config.keys.size());
        m_state.limitedKeys = 0;
        m_engine.start(config);
    });
}

GatewayConfig DesktopApp::currentConfig() const
{
    GatewayConfig config = m_settings.toGatewayConfig(m_settings.load());
    config.configDir = m_options.configDir;
    config.keys = m_keys;
    return config;
}

void DesktopApp::stopGateway()
{
    m_wantRunning = false;
    if (m_state.gateway == GatewayState::Starting) { // nothing can be in flight yet
        if (m_engine.isRunning())
            m_engine.stop(); // onStopped() follows
        else
            onStopped(); // the keys were still loading
        return;
    }
    if (m_state.gateway != GatewayState::Running)
        return;
    m_state.gateway = GatewayState::Stopping;
    refresh();
    notify({Notice::Level::Information, tr("Hydra is stopping"),
            tr("Requests in progress get up to %n second(s) to finish.", nullptr, Engine::gracefulStopMs / 1000)});
    m_exposure.setWanted(false); // cloudflared lets what it forwards finish too
    m_engine.stopGracefully(Engine::gracefulStopMs);
}

void DesktopApp::onStopped()
{
    m_state.gateway = GatewayState::Stopped;
    m_state.baseUrl.clear();
    refresh();
    if (m_quitting) {
        m_exposure.stopAndWait(3000); // no cloudflared outlives the app
        QCoreApplication::quit();
    }
}

void DesktopApp::applyChanges()
{
    if (m_state.gateway == GatewayState::Running)
        m_engine.reconfigure(currentConfig());
}

void DesktopApp::onReconfigured(const QString &baseUrl)
{
    if (m_state.gateway != GatewayState::Running)
        return;
    const bool moved = baseUrl != m_state.baseUrl;
    m_state.baseUrl = baseUrl;
    refresh();
    updateConnectValues();
    if (moved)
        notify({Notice::Level::Information, tr("Hydra moved to %1").arg(baseUrl),
                m_state.expose == ExposeState::Up ? tr("Point your tools at the new address; the public URL stays the same.")
                                                  : tr("Point your tools at the new address.")});
}

void DesktopApp::onReconfigureFailed(const QString &message, bool addressInUse)
{
    if (addressInUse) {
        offerFreePort(m_settings.load().port);
        return;
    }
    notify({Notice::Level::Critical, tr("The new settings could not be applied"),
            tr("%1. The gateway goes on as it was.").arg(message)});
}

void DesktopApp::onStarted(const QString &baseUrl)
{
    m_state.gateway = GatewayState::Running;
    m_state.baseUrl = baseUrl;
    refresh();
    if (m_welcome)
        m_welcome->setConnectValues(connectValues());
}

void DesktopApp::onStartFailed(const QString &message, bool addressInUse)
{
    m_wantRunning = false;
    m_state.gateway = GatewayState::Stopped;
    refresh();
    if (addressInUse)
        offerFreePort(m_settings.load().port);
    else
        notify(startFailedNotice(message));
}

void DesktopApp::offerFreePort(quint16 port)
{
    const GatewaySettings settings = m_settings.load();
    const auto freePort = nextFreePort(QHostAddress(settings.bindAddress), port);
    const Notice notice = portInUseNotice(port, freePort);
    // A dialog rather than a notification: it needs an answer, and notifications may not show.
    auto *box = new QMessageBox(QMessageBox::Warning, notice.title, notice.body, QMessageBox::Close);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("portInUse"));
    if (freePort) {
        QPushButton *use = box->addButton(tr("Use port %1").arg(*freePort), QMessageBox::AcceptRole);
        connect(use, &QPushButton::clicked, this, [this, port = *freePort] { usePort(port); });
    }
    QPushButton *settingsButton = box->addButton(tr("Settings…"), QMessageBox::ActionRole);
    connect(settingsButton, &QPushButton::clicked, this, &DesktopApp::showSettings);
    box->open();
}

void DesktopApp::usePort(quint16 port)
{
    GatewaySettings settings = m_settings.load();
    settings.port = port;
    QString error;
    if (!m_settings.save(settings, &error)) {
        notify({Notice::Level::Critical, tr("Settings could not be saved"), error});
        return;
    }
    if (m_state.gateway == GatewayState::Running)
        applyChanges(); // the listener moves to the free port; the rest stays
    else
        startGateway();
}

void DesktopApp::onKeysChanged(const std::vector<pool::KeySnapshot> &keys)
{
    const KeyHealth health = summarizeKeys(keys);
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    for (const HealthEvent &event : healthEvents(m_health, health))
        notify(healthNotice(event, now), [this] { showDashboard(); });
    m_health = health;
    m_state.keys = health.keys;
    m_state.usableKeys = health.usable;
    m_state.limitedKeys = health.limited;
    refresh();
}

void DesktopApp::showDashboard()
{
    if (!m_dashboard) {
        m_dashboard = new DashboardWindow(m_context);
        m_dashboard->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_dashboard->show();
    m_dashboard->setWindowState((m_dashboard->windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    m_dashboard->raise();
    m_dashboard->activateWindow();
}

void DesktopApp::showSettings()
{
    if (!m_settingsDialog) {
        m_settingsDialog = new SettingsDialog(m_context, m_options.useTray ? nullptr : m_dashboard.data());
        m_settingsDialog->setAttribute(Qt::WA_DeleteOnClose);
        // Keys reach the gateway through keys-meta.json (m_keyFollower), like those `hydra keys`
        // adds; settings directly. Neither interrupts it.
        connect(m_settingsDialog, &SettingsDialog::settingsApplied, this, &DesktopApp::applyChanges);
    }
    m_settingsDialog->show();
    m_settingsDialog->raise();
    m_settingsDialog->activateWindow();
}

void DesktopApp::showConnectTools()
{
    if (!m_connectDialog) {
        m_connectDialog = new ConnectToolsDialog(m_options.useTray ? nullptr : m_dashboard.data());
        m_connectDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_connectDialog->setValues(connectValues());
    m_connectDialog->show();
    m_connectDialog->raise();
    m_connectDialog->activateWindow();
}

void DesktopApp::showWelcome()
{
    const GatewayConfig config = m_settings.toGatewayConfig(m_settings.load());
    m_welcome = new WelcomeWizard(m_ring, m_options.configDir, config.upstream);
    m_welcome->setAttribute(Qt::WA_DeleteOnClose);
    m_welcome->setConnectValues(connectValues());
    connect(m_welcome, &WelcomeWizard::keysStored, this, [this] {
        if (m_state.gateway == GatewayState::Stopped)
            startGateway();
    });
    m_welcome->show();
}

void DesktopApp::setStartAtLogin(bool enabled)
{
    if (enabled == m_state.startAtLogin)
        return;
    if (const auto error = m_loginItem.setEnabled(enabled))
        notify({Notice::Level::Warning, tr("Start at login could not be changed"), *error});
    m_state.startAtLogin = m_loginItem.isEnabled();
    refresh(); // unticks the box again when it failed
}

void DesktopApp::copyToClipboard(const QString &text)
{
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void DesktopApp::quit()
{
    m_quitting = true;
    stopGateway(); // onStopped() quits once what is in flight has finished
    if (m_state.gateway == GatewayState::Stopped)
        onStopped();
}

void DesktopApp::refresh()
{
    m_exposure.applyTo(m_state);
    m_menu.update(m_state);
    if (m_tray) {
        m_tray->setIcon(trayIcon(trayStatus(m_state), systemUsesDarkTheme()));
        m_tray->setToolTip(TrayMenu::toolTip(m_state));
    }
    Q_EMIT stateChanged();
}

void DesktopApp::notify(const Notice &notice, std::function<void()> onClick)
{
    qInfo("%s: %s", qPrintable(notice.title), qPrintable(notice.body));
    if (m_tray && QSystemTrayIcon::supportsMessages()) {
        static constexpr QSystemTrayIcon::MessageIcon icons[] = {QSystemTrayIcon::Information, QSystemTrayIcon::Warning,
                                                                 QSystemTrayIcon::Critical};
        m_onMessageClicked = std::move(onClick);
        m_tray->showMessage(notice.title, notice.body, icons[static_cast<int>(notice.level)], 10'000);
    } else if (m_dashboard) {
        m_dashboard->statusBar()->showMessage(notice.title + QStringLiteral(": ") + notice.body, 15'000);
    }
}

ConnectValues DesktopApp::connectValues() const
{
    ConnectValues values;
    values.localBaseUrl = m_state.baseUrl;
    if (values.localBaseUrl.isEmpty()) {
        const GatewaySettings settings = m_settings.load();
        const QHostAddress bind(settings.bindAddress);
        const bool anyAddress = bind == QHostAddress::AnyIPv4 || bind == QHostAddress::Any;
        values.localBaseUrl = QStringLiteral("http://%1:%2/v1")
                                  .arg(anyAddress ? QStringLiteral("127.0.0.1") : settings.bindAddress)
                                  .arg(settings.port);
    }
    if (m_state.expose == ExposeState::Up)
        values.publicBaseUrl = m_state.publicUrl;
    values.token = m_createdToken;
    const auto tokens = store::TokenStore(m_options.configDir).load();
    if (const auto *list = std::get_if<std::vector<store::AccessToken>>(&tokens)) {
        for (const store::AccessToken &token : *list)
            values.tokenNames << QString::fromStdString(token.name);
    }
    return values;
}

void DesktopApp::updateConnectValues()
{
    if (m_connectDialog)
        m_connectDialog->setValues(connectValues());
    if (m_welcome)
        m_welcome->setConnectValues(connectValues());
}

} // namespace hydra::app
