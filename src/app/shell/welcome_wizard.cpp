#include "welcome_wizard.h"

#include "welcome_pages.h"

namespace hydra::app {

WelcomeWizard::WelcomeWizard(store::KeyRing &ring, QString configDir, QUrl upstream, QWidget *parent)
    : QWizard(parent)
{
    setWindowTitle(tr("Welcome to Hydra"));
    setOption(QWizard::NoBackButtonOnLastPage);
    auto *paste = new WelcomePastePage(ring, this);
    auto *check = new WelcomeCheckPage(ring, std::move(configDir), std::move(upstream), *paste, this);
    setPage(IntroPage, new WelcomeIntroPage(this));
    setPage(PastePage, paste);
    setPage(CheckPage, check);
    setPage(ConnectPage, new WelcomeConnectPage(this));
    connect(check, &WelcomeCheckPage::keysStored, this, &WelcomeWizard::keysStored);
    resize(680, 520);
}

void WelcomeWizard::setConnectValues(const ConnectValues &values)
{
    static_cast<WelcomeConnectPage *>(page(ConnectPage))->setValues(values);
}

} // namespace hydra::app
