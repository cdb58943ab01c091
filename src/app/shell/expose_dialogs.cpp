#include "expose_dialogs.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace hydra::app {
namespace {

// The translation context of the message boxes' texts (lupdate reads ExposeDialogs::tr).
struct ExposeDialogs
{
    Q_DECLARE_TR_FUNCTIONS(ExposeDialogs)
};

QMessageBox *newBox(QMessageBox::Icon icon, const QString &objectName, const QString &title, QWidget *parent)
{
    auto *box = new QMessageBox(icon, title, QString(), QMessageBox::NoButton, parent);
    box->setObjectName(objectName);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextFormat(Qt::RichText); // the links are clickable (QMessageBox opens them externally)
    return box;
}

} // namespace

QMessageBox *createTunnelTermsBox(QWidget *parent)
{
    QMessageBox *box = newBox(QMessageBox::Information, QStringLiteral("tunnelTerms"),
                              ExposeDialogs::tr("Before exposing Hydra publicly"), parent);
    // The disclaimer cloudflared itself prints for quick tunnels (docs/cloudflared.md §3, §10).
    box->setText(ExposeDialogs::tr(
        "<p>Hydra makes the gateway public through a Cloudflare <b>quick tunnel</b> (trycloudflare.com), "
        "without a Cloudflare account.</p>"
        "<p>Cloudflare says these tunnels have no uptime guarantee, are subject to the "
        "<a href=\"https://www.cloudflare.com/website-terms/\">Cloudflare Online Services Terms of Use</a>, "
        "and Cloudflare reserves the right to investigate their use for violations of these terms. They are "
        "meant for testing and development.</p>"
        "<p>Anyone with the public URL and an access token can use your Gemini keys through it. Hydra "
        "requires a token on every public request and creates one if there is none.</p>"));
    box->addButton(ExposeDialogs::tr("Accept and expose"), QMessageBox::AcceptRole)->setObjectName(QStringLiteral("accept"));
    box->addButton(QMessageBox::Cancel);
    return box;
}

QMessageBox *createCloudflaredMissingBox(const tunnel::PinnedRelease &release, const QString &platform,
                                         const QString &downloadDir, const QString &locatorError, QWidget *parent)
{
    QMessageBox *box = newBox(QMessageBox::Warning, QStringLiteral("cloudflaredMissing"),
                              ExposeDialogs::tr("cloudflared is needed"), parent);
    QString text = ExposeDialogs::tr("<p>Exposing Hydra publicly runs Cloudflare's <b>cloudflared</b> program, "
                                     "which was not found on this computer.</p>");
    const auto asset = release.version.isEmpty() ? std::nullopt : release.assetFor(platform);
    if (asset) {
        text += ExposeDialogs::tr("<p>Hydra can download cloudflared %1 for this computer (about 40 MB) from "
                                  "GitHub into %2. Before using it, Hydra checks it against the SHA-256 checksum "
                                  "Cloudflare published for that release.</p>")
                    .arg(release.version, QDir::toNativeSeparators(downloadDir).toHtmlEscaped());
        box->addButton(ExposeDialogs::tr("Download"), QMessageBox::AcceptRole)->setObjectName(QStringLiteral("download"));
        box->addButton(QMessageBox::Cancel);
    } else {
        text += ExposeDialogs::tr("<p>Hydra has no verified cloudflared download for this platform (%1), so it "
                                  "will not fetch one by itself. Get cloudflared from "
                                  "<a href=\"https://github.com/cloudflare/cloudflared/releases\">"
                                  "github.com/cloudflare/cloudflared/releases</a>, then put it on PATH or set "
                                  "its path in Settings.</p>")
                    .arg(platform.toHtmlEscaped());
        box->addButton(QMessageBox::Close);
    }
    box->setText(text);
    box->setDetailedText(locatorError);
    return box;
}

OneTimeTokenDialog::OneTimeTokenDialog(const QString &name, const QByteArray &token, QWidget *parent)
    : QDialog(parent)
    , m_token(new QLineEdit(QString::fromLatin1(token), this))
    , m_copy(new QPushButton(tr("Copy"), this))
{
    setObjectName(QStringLiteral("oneTimeToken"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Access token for the public URL"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("A public gateway must not be open to everyone, so Hydra created the access token "
                                "\"%1\". Tools that use the public URL (like Cursor) send it as their API key; "
                                "local tools need it from now on too.")
                                 .arg(name.toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *row = new QHBoxLayout;
    m_token->setReadOnly(true);
    m_token->setObjectName(QStringLiteral("token"));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_token->setFont(fixed);
    // Wide enough for the whole token: a user checks what they copied by looking at it.
    m_token->setMinimumWidth(QFontMetrics(fixed).horizontalAdvance(m_token->text()) + 32);
    m_token->setCursorPosition(0);
    row->addWidget(m_token, 1);
    m_copy->setObjectName(QStringLiteral("copy"));
    row->addWidget(m_copy);
    layout->addLayout(row);
    auto *warning = new QLabel(tr("<b>Copy it now: it is shown only this once.</b> Hydra keeps only a fingerprint "
                                  "of it. A lost token can be revoked, and a new one created, in Settings → "
                                  "Access tokens."),
                               this);
    warning->setWordWrap(true);
    layout->addWidget(warning);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_token->text());
        m_copy->setText(tr("Copied"));
    });
}

} // namespace hydra::app
