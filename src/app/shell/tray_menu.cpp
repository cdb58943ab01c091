#include "tray_menu.h"

#include <QAction>
#include <QMenu>

namespace hydra::app {

TrayMenu::TrayMenu(QObject *parent)
    : QObject(parent)
    , m_menu(new QMenu)
{
    m_menu->setToolTipsVisible(true); // "Expose publicly" says in its tooltip why it failed
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
    case GatewayState::Stopping:
        return tr("Gateway stopping: requests in progress are finishing…");
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
        if (const QString line = publicLine(state); !line.isEmpty())
            lines << line;
    }
    return lines.join(u'\n');
}

QString TrayMenu::exposeText(const ShellState &state)
{
    switch (state.expose) {
    case ExposeState::Off:
        break;
    case ExposeState::Starting:
        return tr("Expose publicly (starting…)");
    case ExposeState::Up:
        return tr("Expose publicly (on)");
    case ExposeState::Reconnecting:
        return tr("Expose publicly (reconnecting…)");
    case ExposeState::Failed:
        return tr("Expose publicly (failed)"); // the tooltip says why, and whether it tries again
    case ExposeState::Stopping:
        return tr("Expose publicly (stopping…)");
    }
    return tr("Expose publicly");
}

QString TrayMenu::publicLine(const ShellState &state)
{
    switch (state.expose) {
    case ExposeState::Off:
        break;
    case ExposeState::Starting:
        return tr("Public URL: connecting…");
    case ExposeState::Up:
        return tr("Public: %1").arg(state.publicUrl);
    case ExposeState::Reconnecting:
        return tr("Public: %1 (reconnecting…)").arg(state.publicUrl);
    case ExposeState::Failed:
        return tr("Public URL failed: %1").arg(state.exposeProblem);
    case ExposeState::Stopping:
        return tr("Public: %1 (closing: requests in progress are finishing…)").arg(state.publicUrl);
    }
    return {};
}

void TrayMenu::update(const ShellState &state)
{
    const bool running = state.gateway == GatewayState::Running;
    m_actions.status->setText(statusText(state));

    m_actions.gateway->setText(state.gateway == GatewayState::Stopped ? tr("Start gateway") : tr("Stop gateway"));
    m_actions.gateway->setEnabled(state.gateway == GatewayState::Stopped || state.gateway == GatewayState::Running);

    m_actions.expose->setText(exposeText(state));
    m_actions.expose->setChecked(state.exposing);
    m_actions.expose->setEnabled(running || state.exposing);
    if (state.expose == ExposeState::Failed)
        m_actions.expose->setToolTip(state.exposeProblem);
    else if (!running && !state.exposing)
        m_actions.expose->setToolTip(tr("Start the gateway first"));
    else
        m_actions.expose->setToolTip(tr("Make the gateway reachable from the internet through a Cloudflare quick "
                                        "tunnel (needed by Cursor); every request needs an access token"));

    m_actions.copyBaseUrl->setText(tr("Copy local base URL"));
    m_actions.copyBaseUrl->setEnabled(running && !state.baseUrl.isEmpty());
    m_actions.copyBaseUrl->setToolTip(state.baseUrl);

    // Only an URL the edge confirmed is worth copying: before that it may not resolve yet.
    const bool up = state.expose == ExposeState::Up && !state.publicUrl.isEmpty();
    m_actions.copyPublicUrl->setVisible(state.exposing || up);
    m_actions.copyPublicUrl->setEnabled(up);
    m_actions.copyPublicUrl->setText(up ? tr("Copy public URL: %1").arg(state.publicUrl) : publicLine(state));
    m_actions.copyPublicUrl->setToolTip(up ? tr("Copy the public base URL for tools like Cursor") : QString());

    m_actions.dashboard->setText(tr("Dashboard…"));
    m_actions.settings->setText(tr("Settings…"));
    m_actions.connectTools->setText(tr("Connect your tools…"));
    m_actions.startAtLogin->setText(tr("Start at login"));
    m_actions.startAtLogin->setChecked(state.startAtLogin);
    m_actions.quit->setText(tr("Quit Hydra"));
}

} // namespace hydra::app
