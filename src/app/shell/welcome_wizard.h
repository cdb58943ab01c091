#pragma once
// The first run, when no key is stored yet: why one key per Google Cloud project, how to make
// keys in Google AI Studio, a box to paste them into, a check of each key with its progress
// (the same code as `hydra setup`, through the settings dialog's KeyJob), and finally how to
// connect your tools. The shell starts the gateway as soon as keys are stored.

#include "connect_tools.h"

#include <QUrl>
#include <QWizard>

namespace hydra::store {
class KeyRing;
}

namespace hydra::app {

class ConnectToolsWidget;

class WelcomeWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId { IntroPage, PastePage, CheckPage, ConnectPage };

    WelcomeWizard(store::KeyRing &ring, QString configDir, QUrl upstream, QWidget *parent = nullptr);

    // The values of the last page; the shell sets them once the gateway runs.
    void setConnectValues(const ConnectValues &values);

Q_SIGNALS:
    // At least one key was checked and stored: time to start the gateway.
    void keysStored(int count);
};

} // namespace hydra::app
