#pragma once
// The tray's menu as a plain QMenu built from a ShellState: every text, enabled and checked
// flag comes from update(state), so it is tested on the offscreen platform where no system
// tray exists. The same actions make the dashboard's toolbar when there is no tray.

#include "shell_state.h"

#include <QList>
#include <QObject>

class QAction;
class QMenu;

namespace hydra::app {

class TrayMenu : public QObject
{
    Q_OBJECT
public:
    struct Actions
    {
        QAction *status = nullptr;       // one disabled line: what the gateway is doing
        QAction *gateway = nullptr;      // Start gateway / Stop gateway
        QAction *expose = nullptr;       // checkable: reachable from the internet
        QAction *copyBaseUrl = nullptr;
        QAction *copyPublicUrl = nullptr; // while exposed; enabled once the tunnel is up
        QAction *dashboard = nullptr;
        QAction *settings = nullptr;
        QAction *connectTools = nullptr;
        QAction *startAtLogin = nullptr; // checkable
        QAction *quit = nullptr;
    };

    explicit TrayMenu(QObject *parent = nullptr);
    ~TrayMenu() override;

    void update(const ShellState &state);

    QMenu *menu() const { return m_menu; }
    const Actions &actions() const { return m_actions; }
    // The controls a window shows when there is no tray (everything but the status line and
    // the dashboard, which is that window).
    QList<QAction *> controlActions() const;

    // "Hydra", the base URL and the current RPM (and the public URL when exposed).
    static QString toolTip(const ShellState &state);
    static QString statusText(const ShellState &state);
    // "Expose publicly", with what the tunnel is doing in brackets.
    static QString exposeText(const ShellState &state);
    // The public URL's line in the tooltip (empty when not exposing).
    static QString publicLine(const ShellState &state);

private:
    QAction *add(const char *objectName);

    QMenu *m_menu;
    Actions m_actions;
};

} // namespace hydra::app
