#pragma once
// The Access tokens page: create (the token is shown once, with a Copy button), list (name,
// created, last used) and revoke. tokens.json is the record and a running gateway follows it
// by itself, so every change takes effect at once, without Apply.

#include "store/token_store.h"

#include <QWidget>

#include <memory>

namespace Ui {
class TokensPage;
}

namespace hydra::app {

struct AppContext;

class TokensPage : public QWidget
{
    Q_OBJECT
public:
    explicit TokensPage(AppContext &context, QWidget *parent = nullptr);
    ~TokensPage() override;

    bool haveTokens() const;
    void reload();

Q_SIGNALS:
    void tokensChanged();

private:
    void create();
    void revokeSelected();

    std::unique_ptr<Ui::TokensPage> m_ui;
    store::TokenStore m_store;
};

} // namespace hydra::app
