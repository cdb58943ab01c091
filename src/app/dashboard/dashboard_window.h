#pragma once
// The dashboard window: live requests per minute, key health, recent requests and today's
// totals (a DashboardPanel), plus a status bar saying whether the gateway runs. When the
// desktop has no system tray, the shell makes this the main window and hands it its controls
// (start/stop, expose, copy URL, settings, quit) through addControlActions().

#include <QList>
#include <QMainWindow>

class QAction;
class QLabel;
class QToolBar;

namespace hydra::app {

struct AppContext;
class DashboardPanel;

class DashboardWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit DashboardWindow(AppContext &context, QWidget *parent = nullptr);

    // Puts the actions into a toolbar, in order (a null action adds a separator). The shell
    // keeps owning them; calling this again appends.
    void addControlActions(const QList<QAction *> &actions);

    DashboardPanel *panel() const { return m_panel; }
    QToolBar *controls() const { return m_controls; }

private:
    void showGatewayState(bool running, const QString &detail = {});

    DashboardPanel *m_panel;
    QToolBar *m_controls = nullptr;
    QLabel *m_gatewayState;
};

} // namespace hydra::app
