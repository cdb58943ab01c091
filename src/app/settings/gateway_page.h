#pragma once
// The Gateway page: port, bind address, start with the app, and (advanced) the upstream,
// cloudflared's path and per-model limits. Shows what is wrong next to each field as it is
// typed; check() also tries the port, since only binding it tells whether it is free.

#include "app_settings.h"

#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

namespace Ui {
class GatewayPage;
}

namespace hydra::app {

// Where the running gateway listens: its own port is not "in use" for these settings.
struct ListeningOn
{
    QString address;
    quint16 port = 0;
};

class GatewayPage : public QWidget
{
    Q_OBJECT
public:
    explicit GatewayPage(QWidget *parent = nullptr);
    ~GatewayPage() override;

    // Whether an access token exists (binding beyond loopback needs one); asked on each check.
    void setAccessTokenCheck(std::function<bool()> haveAccessToken);

    void load(const GatewaySettings &settings);
    // What the fields say now (a port that is not a number reads as 0); what the page has no
    // field for (the upstream timeouts) stays as loaded.
    GatewaySettings settings() const;
    // Flags every field; true when none is refused. A port other than `running`'s is bound
    // for a moment to see whether it is free.
    bool check(const std::optional<ListeningOn> &running);
    // Shows the rules that need no socket (also when something they depend on changed).
    void checkAsTyped();
    // Where the gateway listens now, if it runs: a different address or port is flagged as a move.
    void setRunning(const std::optional<ListeningOn> &running);

Q_SIGNALS:
    void edited();

private:
    void addBindChoice(const QString &address);
    std::vector<ModelLimitOverride> limitRows() const;

    std::unique_ptr<Ui::GatewayPage> m_ui;
    std::function<bool()> m_haveAccessToken;
    bool m_loading = false;
    GatewaySettings m_loaded;
    std::optional<ListeningOn> m_running;
};

} // namespace hydra::app
