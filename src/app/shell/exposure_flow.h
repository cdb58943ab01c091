#pragma once
// What the tray's "Expose publicly" switch does, around hydra::tunnel::ExposeController:
// before the first exposure the quick tunnel's terms (accepted once, remembered in
// shell-state.json); cloudflared located with the settings' path first, and when it is missing
// an offer to download the pinned, checksum-verified release with a progress dialog; a token
// created for the occasion shown once; and the news the tray turns into notifications (public
// URL ready, a failure with cloudflared's reason, each once per occurrence).

#include "shell_prefs.h"
#include "shell_state.h"
#include "tunnel/cloudflared_release.h"
#include "tunnel/expose_controller.h"

#include <QObject>
#include <QPointer>

class QProgressDialog;
class QWidget;

namespace hydra {
class Engine;
namespace tunnel { class CloudflaredDownload; }
}

namespace hydra::app {

class AppSettings;

class ExposureFlow : public QObject
{
    Q_OBJECT
public:
    ExposureFlow(Engine &engine, const AppSettings &settings, QString configDir, QObject *parent = nullptr);
    ~ExposureFlow() override;

    // The switch: on asks for the terms (once), finds cloudflared (or offers it), then exposes.
    void setWanted(bool on);
    // For quitting: stops cloudflared, waiting at most `timeoutMs`.
    void stopAndWait(int timeoutMs);
    // Fills the exposure fields of the tray's state.
    void applyTo(ShellState &state) const;

    // Dialogs open over this window (none: top-level, as from the tray).
    void setDialogParent(QWidget *parent) { m_dialogParent = parent; }
    // Tests: another release to download, another platform to download it for.
    void setRelease(const tunnel::PinnedRelease &release, const QString &platform);

    const tunnel::ExposeController &controller() const { return m_controller; }
    tunnel::ExposeController &controller() { return m_controller; }
    // Where a downloaded cloudflared goes (and the locator looks).
    QString downloadDir() const;

Q_SIGNALS:
    void changed();                                 // re-read applyTo()
    void tokenCreated(const QString &token);        // for "Connect your tools"; already shown once
    void publicUrlReady(const QString &publicBaseUrl);
    void failed(const QString &problem);

private:
    void askForTerms();
    void exposeWithCloudflared();
    void offerCloudflared(const QString &locatorError);
    void download();
    void onStatus(const tunnel::TunnelStatus &status);
    void onTokenCreated(const QString &name, const QByteArray &token);

    const AppSettings &m_settings;
    QString m_configDir;
    ShellPrefs m_prefs;
    tunnel::ExposeController m_controller;
    tunnel::PinnedRelease m_release;
    QString m_platform;
    QPointer<QWidget> m_dialogParent;
    QPointer<QProgressDialog> m_progress;
    tunnel::CloudflaredDownload *m_download = nullptr;
    bool m_asking = false;       // a dialog of this flow is open: a second click does not open another
    QString m_announcedUrl;      // "Public URL ready" once per URL
    tunnel::FailureReason m_announcedFailure = tunnel::FailureReason::None; // once per failure
};

} // namespace hydra::app
