#pragma once
// The settings dialog: Keys, Access tokens, Gateway. Keys and tokens change at once (the OS
// keychain and the token store are the record, as in `hydra keys` / `hydra tokens`); the
// gateway settings wait for Apply or OK, which check every field first and save nothing
// while one is refused. Cancel discards what Apply has not saved.

#include "app_settings.h"

#include <QDialog>

#include <memory>

namespace Ui {
class SettingsDialog;
}

namespace hydra::app {

struct AppContext;
class GatewayPage;
class KeysPage;
class TokensPage;

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Page { Keys, AccessTokens, Gateway };

    explicit SettingsDialog(AppContext &context, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    void showPage(Page page);
    // Checks every page and, when nothing is refused, saves the gateway settings and emits
    // settingsApplied() if they changed. Returns false (and flags the fields) otherwise.
    bool apply();
    // OK: apply(), then close; stays open when apply() refuses.
    void accept() override;

Q_SIGNALS:
    // Saved settings that differ from the ones before: the shell restarts the gateway with them.
    void settingsApplied(const hydra::app::GatewaySettings &settings);
    // Keys were added, removed or relabelled: the running gateway should load them again.
    void keysChanged();

private:
    void showMessage(const QString &text, bool error);

    AppContext &m_context;
    std::unique_ptr<Ui::SettingsDialog> m_ui;
    KeysPage *m_keys = nullptr;
    TokensPage *m_tokens = nullptr;
    GatewayPage *m_gateway = nullptr;
    GatewaySettings m_saved;
};

} // namespace hydra::app
