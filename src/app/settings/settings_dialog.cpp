#include "settings_dialog.h"

#include "app/app_context.h"
#include "engine.h"
#include "gateway_page.h"
#include "keys_page.h"
#include "tokens_page.h"
#include "ui_settings_dialog.h"

#include <QPushButton>

namespace hydra::app {

SettingsDialog::SettingsDialog(AppContext &context, QWidget *parent)
    : QDialog(parent)
    , m_context(context)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
{
    m_ui->setupUi(this);
    QString problem;
    m_saved = context.settings.load(&problem);

    m_keys = new KeysPage(context, this);
    m_tokens = new TokensPage(context, this);
    m_gateway = new GatewayPage(this);
    m_gateway->setAccessTokenCheck([tokens = m_tokens] { return tokens->haveTokens(); });
    m_gateway->load(m_saved);
    if (context.engine.isRunning())
        m_gateway->setRunning(ListeningOn{m_saved.bindAddress, m_saved.port});
    m_ui->pages->addTab(m_keys, tr("&Keys"));
    m_ui->pages->addTab(m_tokens, tr("Access &tokens"));
    m_ui->pages->addTab(m_gateway, tr("&Gateway"));
    if (!problem.isEmpty())
        showMessage(tr("The saved settings could not be read (%1). Apply saves the ones shown.").arg(problem), true);

    connect(m_keys, &KeysPage::keysChanged, this, &SettingsDialog::keysChanged);
    // Whether the gateway may listen beyond loopback depends on the tokens.
    connect(m_tokens, &TokensPage::tokensChanged, m_gateway, &GatewayPage::checkAsTyped);
    connect(m_ui->buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::apply);
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::showPage(Page page)
{
    switch (page) {
    case Page::Keys:
        return m_ui->pages->setCurrentWidget(m_keys);
    case Page::AccessTokens:
        return m_ui->pages->setCurrentWidget(m_tokens);
    case Page::Gateway:
        return m_ui->pages->setCurrentWidget(m_gateway);
    }
}

void SettingsDialog::showMessage(const QString &text, bool error)
{
    m_ui->applyMessage->setText(text);
    m_ui->applyMessage->setStyleSheet(error ? QStringLiteral("color: #d32f2f;") : QString());
    m_ui->applyMessage->setVisible(!text.isEmpty());
}

bool SettingsDialog::apply()
{
    std::optional<ListeningOn> running;
    if (m_context.engine.isRunning())
        running = ListeningOn{m_saved.bindAddress, m_saved.port};
    const bool keysOk = m_keys->check();
    const bool gatewayOk = m_gateway->check(running);
    if (!keysOk || !gatewayOk) {
        showPage(!keysOk ? Page::Keys : Page::Gateway);
        showMessage(tr("Nothing was saved: fix the fields marked in red first."), true);
        return false;
    }
    const GatewaySettings settings = m_gateway->settings();
    if (settings == m_saved) {
        showMessage({}, false);
        return true;
    }
    QString error;
    if (!m_context.settings.save(settings, &error)) {
        showMessage(tr("The settings could not be saved: %1").arg(error), true);
        return false;
    }
    m_saved = settings;
    if (m_context.engine.isRunning())
        m_gateway->setRunning(ListeningOn{m_saved.bindAddress, m_saved.port}); // where it is moving to
    showMessage({}, false);
    Q_EMIT settingsApplied(settings);
    return true;
}

void SettingsDialog::accept()
{
    if (apply())
        QDialog::accept();
}

} // namespace hydra::app
