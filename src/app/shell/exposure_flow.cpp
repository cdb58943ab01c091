#include "exposure_flow.h"

#include "app/settings/app_settings.h"
#include "expose_dialogs.h"
#include "exposure_status.h"
#include "tunnel/cloudflared_download.h"
#include "tunnel/cloudflared_locator.h"

#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>

namespace hydra::app {

ExposureFlow::ExposureFlow(Engine &engine, const AppSettings &settings, QString configDir, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_configDir(std::move(configDir))
    , m_prefs(m_configDir)
    , m_controller(engine, m_configDir)
    , m_release(tunnel::pinnedRelease())
    , m_platform(tunnel::currentReleasePlatform())
{
    connect(&m_controller, &tunnel::ExposeController::statusChanged, this, &ExposureFlow::onStatus);
    connect(&m_controller, &tunnel::ExposeController::tokenCreated, this, &ExposureFlow::onTokenCreated);
}

ExposureFlow::~ExposureFlow()
{
    delete m_progress; // a top-level dialog when there is no parent window
}

void ExposureFlow::setRelease(const tunnel::PinnedRelease &release, const QString &platform)
{
    m_release = release;
    m_platform = platform;
}

QString ExposureFlow::downloadDir() const
{
    return tunnel::downloadDirectory(m_configDir);
}

void ExposureFlow::applyTo(ShellState &state) const
{
    applyTunnelStatus(state, m_controller.status(), m_controller.isExposed());
}

void ExposureFlow::setWanted(bool on)
{
    if (!on) {
        m_controller.setExposed(false);
        Q_EMIT changed();
        return;
    }
    if (m_asking || m_controller.isExposed()) {
        Q_EMIT changed(); // puts the switch back as it is
        return;
    }
    if (!m_prefs.tunnelTermsAccepted())
        askForTerms();
    else
        exposeWithCloudflared();
    Q_EMIT changed();
}

void ExposureFlow::stopAndWait(int timeoutMs)
{
    if (m_download)
        m_download->abort();
    m_controller.stopAndWait(timeoutMs);
}

void ExposureFlow::askForTerms()
{
    m_asking = true;
    QMessageBox *box = createTunnelTermsBox(m_dialogParent);
    connect(box, &QMessageBox::finished, this, [this, box] {
        m_asking = false;
        if (box->buttonRole(box->clickedButton()) != QMessageBox::AcceptRole) {
            Q_EMIT changed();
            return;
        }
        QString error;
        if (!m_prefs.acceptTunnelTerms(&error))
            qWarning("%s", qPrintable(error)); // asked again next time; exposing now is still what the user chose
        exposeWithCloudflared();
        Q_EMIT changed();
    });
    box->open();
}

void ExposureFlow::exposeWithCloudflared()
{
    tunnel::LocatorInputs inputs = tunnel::LocatorInputs::fromEnvironment(m_settings.load().cloudflaredPath, downloadDir());
    inputs.platform = m_platform;
    const tunnel::LocatorResult located = tunnel::locateCloudflared(inputs);
    if (!located.found()) {
        offerCloudflared(located.error);
        return;
    }
    m_controller.setCloudflared(located.command);
    m_controller.setExposed(true);
}

void ExposureFlow::offerCloudflared(const QString &locatorError)
{
    // A path the user chose that does not work is theirs to fix: downloading would run another.
    const bool explicitChoice = !m_settings.load().cloudflaredPath.isEmpty() || qEnvironmentVariableIsSet("HYDRA_CLOUDFLARED");
    if (explicitChoice) {
        Q_EMIT failed(locatorError);
        return;
    }
    m_asking = true;
    QMessageBox *box = createCloudflaredMissingBox(m_release, m_platform, downloadDir(), locatorError, m_dialogParent);
    connect(box, &QMessageBox::finished, this, [this, box] {
        m_asking = false;
        if (box->buttonRole(box->clickedButton()) == QMessageBox::AcceptRole)
            download();
        Q_EMIT changed();
    });
    box->open();
}

void ExposureFlow::download()
{
    delete m_download;
    m_download = new tunnel::CloudflaredDownload(downloadDir(), m_release, this);
    m_asking = true;
    m_progress = new QProgressDialog(tr("Downloading cloudflared %1…").arg(m_release.version), tr("Cancel"), 0, 0,
                                     m_dialogParent);
    m_progress->setObjectName(QStringLiteral("cloudflaredDownload"));
    m_progress->setWindowTitle(tr("Downloading cloudflared"));
    m_progress->setAttribute(Qt::WA_DeleteOnClose);
    m_progress->setMinimumDuration(0);
    m_progress->setAutoReset(false);
    m_progress->setAutoClose(false);

    auto finish = [this] {
        m_asking = false;
        if (m_progress) {
            m_progress->disconnect(this); // closing it emits canceled(): not a second finish
            m_progress->close();
        }
        if (m_download) {
            m_download->deleteLater(); // we may be inside one of its signals
            m_download = nullptr;
        }
        Q_EMIT changed();
    };
    connect(m_progress, &QProgressDialog::canceled, this, [this, finish] {
        if (m_download)
            m_download->abort(); // nothing follows an abort: the partial file is gone
        finish();
    });
    connect(m_download, &tunnel::CloudflaredDownload::progress, this, [this](qint64 received, qint64 total) {
        if (!m_progress)
            return;
        // In KiB: QProgressDialog counts in int.
        m_progress->setMaximum(total > 0 ? int(total / 1024) : 0);
        m_progress->setValue(int(received / 1024));
    });
    connect(m_download, &tunnel::CloudflaredDownload::failed, this, [this, finish](const QString &message) {
        finish();
        Q_EMIT failed(tr("cloudflared could not be downloaded: %1").arg(message));
    });
    connect(m_download, &tunnel::CloudflaredDownload::finished, this, [this, finish](const QString &path) {
        finish();
        qInfo("cloudflared %s downloaded and verified: %s", qPrintable(m_release.version), qPrintable(path));
        exposeWithCloudflared(); // the locator now finds it in the download folder
        Q_EMIT changed();
    });
    m_progress->open();
    m_download->start(m_platform);
}

void ExposureFlow::onStatus(const tunnel::TunnelStatus &status)
{
    using tunnel::TunnelState;
    if (status.state == TunnelState::Up && !status.url.isEmpty() && status.url != m_announcedUrl) {
        m_announcedUrl = status.url;
        Q_EMIT publicUrlReady(status.url + QStringLiteral("/v1"));
    }
    if (status.state == TunnelState::Failed && status.reason != m_announcedFailure) {
        m_announcedFailure = status.reason; // a retry loop failing the same way is told once
        Q_EMIT failed(tunnelProblemText(status));
    }
    if (status.state == TunnelState::Up || status.state == TunnelState::Stopped)
        m_announcedFailure = tunnel::FailureReason::None;
    if (status.state == TunnelState::Stopped)
        m_announcedUrl.clear();
    Q_EMIT changed();
}

void ExposureFlow::onTokenCreated(const QString &name, const QByteArray &token)
{
    // Never logged, never in a notification (those are logged too): a dialog of its own.
    auto *dialog = new OneTimeTokenDialog(name, token, m_dialogParent);
    dialog->open();
    Q_EMIT tokenCreated(QString::fromLatin1(token));
}

} // namespace hydra::app
