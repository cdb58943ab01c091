#pragma once
// The dialogs of exposing the gateway publicly: the quick tunnel's terms (before the first
// exposure), the access token made for it (shown once, with Copy), and what to do when
// cloudflared is missing. Each is non-modal (open()), named for tests, deleted on close.

#include "tunnel/cloudflared_release.h"

#include <QDialog>
#include <QString>

class QLineEdit;
class QMessageBox;
class QPushButton;

namespace hydra::app {

// Cloudflare's conditions for account-less quick tunnels, with the terms link; the accept
// button has the AcceptRole. objectName "tunnelTerms".
QMessageBox *createTunnelTermsBox(QWidget *parent);

// cloudflared was not found. With a pinned asset for this platform the box offers to download
// it (a button with the AcceptRole, objectName "download"); without one it says so and where to
// get it. `locatorError` (what was looked at) goes to the details. objectName "cloudflaredMissing".
QMessageBox *createCloudflaredMissingBox(const tunnel::PinnedRelease &release, const QString &platform,
                                         const QString &downloadDir, const QString &locatorError, QWidget *parent);

// A token the app created for exposing: the only time it can be seen. objectName "oneTimeToken".
class OneTimeTokenDialog : public QDialog
{
    Q_OBJECT
public:
    OneTimeTokenDialog(const QString &name, const QByteArray &token, QWidget *parent = nullptr);

private:
    QLineEdit *m_token;
    QPushButton *m_copy;
};

} // namespace hydra::app
