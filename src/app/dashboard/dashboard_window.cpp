#include "dashboard_window.h"

#include "app/app_context.h"
#include "dashboard_panel.h"
#include "engine.h"

#include <QAction>
#include <QLabel>
#include <QStatusBar>
#include <QToolBar>

namespace hydra::app {

DashboardWindow::DashboardWindow(AppContext &context, QWidget *parent)
    : QMainWindow(parent)
    , m_panel(new DashboardPanel(context.engine, context.stats, this))
    , m_gatewayState(new QLabel(this))
{
    setObjectName(QStringLiteral("dashboard"));
    setWindowTitle(tr("Hydra Dashboard"));
    setCentralWidget(m_panel);
    m_gatewayState->setObjectName(QStringLiteral("gatewayState"));
    statusBar()->addWidget(m_gatewayState, 1);
    resize(980, 760);

    const Engine &engine = context.engine;
    showGatewayState(engine.isRunning());
    connect(&engine, &Engine::started, this, [this](const QString &baseUrl) { showGatewayState(true, baseUrl); });
    connect(&engine, &Engine::stopped, this, [this] { showGatewayState(false); });
    connect(&engine, &Engine::startFailed, this,
            [this](const QString &message, bool) { showGatewayState(false, message); });
}

void DashboardWindow::addControlActions(const QList<QAction *> &actions)
{
    if (!m_controls) {
        m_controls = addToolBar(tr("Gateway"));
        m_controls->setObjectName(QStringLiteral("controls"));
        m_controls->setMovable(false);
        m_controls->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    }
    for (QAction *action : actions) {
        if (action)
            m_controls->addAction(action);
        else
            m_controls->addSeparator();
    }
}

void DashboardWindow::showGatewayState(bool running, const QString &detail)
{
    if (running)
        m_gatewayState->setText(detail.isEmpty() ? tr("Gateway running") : tr("Gateway running at %1").arg(detail));
    else
        m_gatewayState->setText(detail.isEmpty() ? tr("Gateway stopped") : tr("Gateway stopped: %1").arg(detail));
}

} // namespace hydra::app
