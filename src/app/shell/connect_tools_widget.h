#pragma once
// "Connect your tools": one tab per tool with its steps and every value behind a Copy button.
// Used as the last page of the welcome flow and as a dialog of its own (tray menu).

#include "connect_tools.h"

#include <QDialog>
#include <QWidget>

class QLabel;
class QTabWidget;

namespace hydra::app {

class ConnectToolsWidget : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectToolsWidget(QWidget *parent = nullptr);
    void setValues(const ConnectValues &values);

private:
    QWidget *buildPage(const ToolGuide &guide);

    QTabWidget *m_tabs;
    QLabel *m_tokenNote;
};

class ConnectToolsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectToolsDialog(QWidget *parent = nullptr);
    void setValues(const ConnectValues &values) { m_widget->setValues(values); }

private:
    ConnectToolsWidget *m_widget;
};

} // namespace hydra::app
