#include "tray_menu.h"

#include <QAction>
#include <QMenu>

namespace hydra::app {

TrayMenu::TrayMenu(QObject *parent)
    : QObject(parent)
    , m_menu(new QMenu)
{
    m_menu->setToolTipsVisible(true); // the disabled "Expose publicly" says why in its tooltip
    m_actions.status = add("status");
    m_actions.status->setEnabled(false);
    m_menu->addSeparator();
    m_actions.gateway = add("gateway");
    m_actions.expose = add("expose");
    m_actions.expose->setCheckable(true);
    m_actions.copyBaseUrl = add("copyBaseUrl");
    m_actions.copyPublicUrl = add("copyPublicUrl");
    m_menu->addSeparator();
    m_actions.dashboard = add("dashboard");
    m_actions.settings = add("settings");
    m_actions.connectTools = add("connectTools");
    m_menu->addSeparator();
    m_actions.startAtLogin = add("startAtLogin");
    m_actions.startAtLogin->setCheckable(true);
    m_actions.quit = add("quit");
    m_actions.quit->setMenuRole(QAction::QuitRole);
    update(ShellState{});
}

TrayMenu::~TrayMenu()
{
    delete m_menu; // a QMenu is a widget: no QObject parent of ours can own it
}

QAction *TrayMenu::add(const char *objectName)
{
    QAction *action = m_menu->addAction(QString());
    action->setObjectName(QString::fromLatin1(objectName));
    return action;
}

QList<QAction *> TrayMenu::controlActions() const
{
    return {m_actions.gateway,  m_actions.expose,       m_actions.copyBaseUrl,  m_actions.copyPublicUrl,
            m_actions.settings, m_actions.connectTools, m_actions.startAtLogin, m_actions.quit};
}

QString TrayMenu::statusText(const ShellState &state)
{
    switch (state.gateway) {
    case GatewayState::Stopped:
        return tr("Gateway stopped");
    case GatewayState::Starting:
        return tr("Gateway starting…");
    case GatewayState::Running:
        break;
    }
    if (state.keys == 0)
        return tr("Running, but no keys: add keys in Settings");
    if (state.usableKeys == 0)
        return tr("Running, but no key works: check the keys in Settings");
    if (state.limitedKeys > 0)
        return tr("Running: %1 of %2 keys out of quota for now").arg(state.limitedKeys).arg(state.usableKeys);
    return tr("Running with %n key(s)", nullptr, state.usableKeys);
}

QString TrayMenu::toolTip(const ShellState &state)
{
    QStringList lines{tr("Hydra: %1").arg(statusText(state))};
    if (state.gateway == GatewayState::Running) {
        lines << tr("%1 · %2 RPM").arg(state.baseUrl).arg(state.rpm);
        if (!state.publicUrl.isEmpty())
            lines << tr("Public: %1").arg(state.publicUrl);
    }
    return lines.join(u'\n');
}

void TrayMenu::update(const ShellState &state)
{
    const bool running = state.gateway == GatewayState::Running;
    m_actions.status->setText(statusText(state));

    m_actions.gateway->setText(state.gateway == GatewayState::Stopped ? tr("Start gateway") : tr("Stop gateway"));
    m_actions.gateway->setEnabled(state.gateway != GatewayState::Starting);

    m_actions.expose->setText(tr("Expose publicly"));
    m_actions.expose->setChecked(state.exposing);
    m_actions.expose->setEnabled(state.exposeAvailable && (running || state.exposing));
    if (!state.exposeAvailable)
        m_actions.expose->setToolTip(state.exposeUnavailableReason);
    else if (!running && !state.exposing)
        m_actions.expose->setToolTip(tr("Start the gateway first"));
    else
        m_actions.expose->setToolTip(tr("Make the gateway reachable from the internet through a Cloudflare tunnel"));

    m_actions.copyBaseUrl->setText(tr("Copy local base URL"));
    m_actions.copyBaseUrl->setEnabled(running && !state.baseUrl.isEmpty());
    m_actions.copyBaseUrl->setToolTip(state.baseUrl);

    m_actions.copyPublicUrl->setVisible(state.exposing);
    m_actions.copyPublicUrl->setEnabled(!state.publicUrl.isEmpty());
    m_actions.copyPublicUrl->setText(state.publicUrl.isEmpty() ? tr("Public URL: connecting…")
                                                               : tr("Copy public URL"));
    m_actions.copyPublicUrl->setToolTip(state.publicUrl);

    m_actions.dashboard->setText(tr("Dashboard…"));
    m_actions.settings->setText(tr("Settings…"));
    m_actions.connectTools->setText(tr("Connect your tools…"));
    m_actions.startAtLogin->setText(tr("Start at login"));
    m_actions.startAtLogin->setChecked(state.startAtLogin);
    m_actions.quit->setText(tr("Quit Hydra"));
}

} // namespace hydra::app
