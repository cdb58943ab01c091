#include "tokens_page.h"

#include "app/app_context.h"
#include "field_flag.h"
#include "ui_tokens_page.h"

#include <QClipboard>
#include <QDateTime>
#include <QGuiApplication>
#include <QLocale>
#include <QMessageBox>

namespace hydra::app {
namespace {

enum Column { NameColumn, CreatedColumn, LastUsedColumn };

QString when(const std::string &iso)
{
    if (iso.empty())
        return TokensPage::tr("never");
    return QLocale().toString(QDateTime::fromString(QString::fromStdString(iso), Qt::ISODateWithMs).toLocalTime(),
                              QLocale::ShortFormat);
}

} // namespace

TokensPage::TokensPage(AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::TokensPage>())
    , m_store(context.configDir)
{
    m_ui->setupUi(this);
    m_ui->newTokenBox->hide();
    m_ui->nameMessage->hide();
    m_ui->tokensTable->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    connect(m_ui->createButton, &QPushButton::clicked, this, &TokensPage::create);
    connect(m_ui->nameEdit, &QLineEdit::returnPressed, this, &TokensPage::create);
    connect(m_ui->nameEdit, &QLineEdit::textEdited, this,
            [this] { showCheck(m_ui->nameEdit, m_ui->nameMessage, FieldCheck::ok()); });
    connect(m_ui->copyButton, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_ui->newTokenEdit->text()); });
    connect(m_ui->revokeButton, &QPushButton::clicked, this, &TokensPage::revokeSelected);
    connect(m_ui->tokensTable, &QTableWidget::itemSelectionChanged, this,
            [this] { m_ui->revokeButton->setEnabled(!m_ui->tokensTable->selectedItems().isEmpty()); });
    reload();
}

TokensPage::~TokensPage() = default;

bool TokensPage::haveTokens() const
{
    const auto loaded = m_store.load();
    const auto *tokens = std::get_if<std::vector<store::AccessToken>>(&loaded);
    return tokens && !tokens->empty();
}

void TokensPage::reload()
{
    m_ui->tokensTable->setRowCount(0);
    const auto loaded = m_store.load();
    if (const auto *error = std::get_if<std::string>(&loaded)) {
        m_ui->tableMessage->setText(QString::fromStdString(*error));
        return;
    }
    for (const store::AccessToken &token : std::get<std::vector<store::AccessToken>>(loaded)) {
        const int row = m_ui->tokensTable->rowCount();
        m_ui->tokensTable->insertRow(row);
        m_ui->tokensTable->setItem(row, NameColumn, new QTableWidgetItem(QString::fromStdString(token.name)));
        m_ui->tokensTable->setItem(row, CreatedColumn, new QTableWidgetItem(when(token.created)));
        m_ui->tokensTable->setItem(row, LastUsedColumn, new QTableWidgetItem(when(token.lastUsed)));
    }
}

void TokensPage::create()
{
    const QString name = m_ui->nameEdit->text().trimmed();
    auto created = m_store.create(name);
    if (const auto *error = std::get_if<std::string>(&created)) {
        showCheck(m_ui->nameEdit, m_ui->nameMessage, FieldCheck::error(QString::fromStdString(*error)));
        return;
    }
    showCheck(m_ui->nameEdit, m_ui->nameMessage, FieldCheck::ok());
    m_ui->nameEdit->clear();
    // Shown once: the store keeps only its digest, and this field goes with the dialog.
    m_ui->newTokenEdit->setText(QString::fromLatin1(std::get<QByteArray>(created)));
    m_ui->newTokenBox->show();
    m_ui->tableMessage->clear();
    reload();
    Q_EMIT tokensChanged();
}

void TokensPage::revokeSelected()
{
    const auto selected = m_ui->tokensTable->selectedItems();
    if (selected.isEmpty())
        return;
    const QString name = m_ui->tokensTable->item(selected.first()->row(), NameColumn)->text();
    if (QMessageBox::question(this, tr("Revoke token"),
                              tr("Revoke %1? Clients using it are refused from now on.").arg(name)) != QMessageBox::Yes)
        return;
    const auto error = m_store.revoke(name);
    m_ui->tableMessage->setText(error ? QString::fromStdString(*error) : QString());
    reload();
    Q_EMIT tokensChanged();
}

} // namespace hydra::app
