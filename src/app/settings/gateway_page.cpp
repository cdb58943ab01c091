#include "gateway_page.h"

#include "field_flag.h"
#include "settings_checks.h"
#include "ui_gateway_page.h"

#include <QFileDialog>
#include <QHostAddress>
#include <QNetworkInterface>
#include <QTcpServer>

namespace hydra::app {
namespace {

enum LimitColumn { ModelColumn, RpmColumn, RpdColumn };

// Empty: no override; anything but a positive number reads as 0, which the check refuses.
std::optional<qint64> limitCell(const QTableWidgetItem *item)
{
    const QString text = item ? item->text().trimmed() : QString();
    if (text.isEmpty())
        return std::nullopt;
    bool number = false;
    const qint64 value = text.toLongLong(&number);
    return number ? value : 0;
}

QString limitText(const std::optional<qint64> &value)
{
    return value ? QString::number(*value) : QString();
}

// Why the port cannot be bound, if it cannot (a port taken, an address this machine lacks).
std::optional<QString> bindProblem(const QString &address, quint16 port)
{
    QTcpServer probe;
    if (probe.listen(QHostAddress(address), port))
        return std::nullopt;
    switch (probe.serverError()) {
    case QAbstractSocket::AddressInUseError:
        return GatewayPage::tr("Port %1 is in use by another program.").arg(port);
    case QAbstractSocket::SocketAddressNotAvailableError:
        return GatewayPage::tr("This computer has no address %1.").arg(address);
    default:
        return std::nullopt; // e.g. no rights for a low port: the warning says so already
    }
}

} // namespace

GatewayPage::GatewayPage(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::GatewayPage>())
    , m_haveAccessToken([] { return false; })
{
    m_ui->setupUi(this);
    m_ui->bindCombo->addItem(tr("This computer only (127.0.0.1)"), QStringLiteral("127.0.0.1"));
    m_ui->bindCombo->addItem(tr("All networks (0.0.0.0): other computers can connect"), QStringLiteral("0.0.0.0"));
    for (const QHostAddress &address : QNetworkInterface::allAddresses())
        if (!address.isLoopback() && address.protocol() == QAbstractSocket::IPv4Protocol)
            addBindChoice(address.toString());
    m_ui->limitsTable->horizontalHeader()->setSectionResizeMode(ModelColumn, QHeaderView::Stretch);
    for (int column = 0; column < m_ui->limitsTable->columnCount(); ++column) {
        if (column != ModelColumn) // the limit columns fit their (translated) headers
            m_ui->limitsTable->horizontalHeader()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    }

    const auto changed = [this] {
        if (m_loading)
            return;
        checkAsTyped();
        Q_EMIT edited();
    };
    connect(m_ui->portEdit, &QLineEdit::textEdited, this, changed);
    connect(m_ui->upstreamEdit, &QLineEdit::textEdited, this, changed);
    connect(m_ui->cloudflaredEdit, &QLineEdit::textChanged, this, changed);
    connect(m_ui->bindCombo, &QComboBox::currentIndexChanged, this, changed);
    connect(m_ui->startOnLaunchCheck, &QCheckBox::toggled, this, changed);
    connect(m_ui->limitsTable, &QTableWidget::itemChanged, this, changed);
    connect(m_ui->addLimitButton, &QPushButton::clicked, this, [this] {
        const int row = m_ui->limitsTable->rowCount();
        m_ui->limitsTable->insertRow(row);
        m_ui->limitsTable->setCurrentCell(row, ModelColumn);
        m_ui->limitsTable->editItem(m_ui->limitsTable->item(row, ModelColumn));
    });
    connect(m_ui->removeLimitButton, &QPushButton::clicked, this, [this, changed] {
        if (m_ui->limitsTable->currentRow() >= 0) {
            m_ui->limitsTable->removeRow(m_ui->limitsTable->currentRow());
            changed();
        }
    });
    connect(m_ui->cloudflaredBrowse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Where is cloudflared?"));
        if (!path.isEmpty())
            m_ui->cloudflaredEdit->setText(path);
    });
}

GatewayPage::~GatewayPage() = default;

void GatewayPage::setAccessTokenCheck(std::function<bool()> haveAccessToken)
{
    m_haveAccessToken = std::move(haveAccessToken);
}

void GatewayPage::addBindChoice(const QString &address)
{
    if (m_ui->bindCombo->findData(address) < 0)
        m_ui->bindCombo->addItem(tr("Only %1: other computers can connect").arg(address), address);
}

void GatewayPage::load(const GatewaySettings &settings)
{
    m_loading = true;
    m_loaded = settings;
    m_ui->portEdit->setText(QString::number(settings.port));
    addBindChoice(settings.bindAddress);
    m_ui->bindCombo->setCurrentIndex(m_ui->bindCombo->findData(settings.bindAddress));
    m_ui->startOnLaunchCheck->setChecked(settings.startOnLaunch);
    m_ui->upstreamEdit->setText(settings.upstream);
    m_ui->cloudflaredEdit->setText(settings.cloudflaredPath);
    m_ui->limitsTable->setRowCount(0);
    for (const ModelLimitOverride &row : settings.modelLimits) {
        const int at = m_ui->limitsTable->rowCount();
        m_ui->limitsTable->insertRow(at);
        m_ui->limitsTable->setItem(at, ModelColumn, new QTableWidgetItem(row.model));
        m_ui->limitsTable->setItem(at, RpmColumn, new QTableWidgetItem(limitText(row.rpm)));
        m_ui->limitsTable->setItem(at, RpdColumn, new QTableWidgetItem(limitText(row.rpd)));
    }
    m_loading = false;
    checkAsTyped();
}

std::vector<ModelLimitOverride> GatewayPage::limitRows() const
{
    std::vector<ModelLimitOverride> rows;
    for (int row = 0; row < m_ui->limitsTable->rowCount(); ++row) {
        const QTableWidgetItem *model = m_ui->limitsTable->item(row, ModelColumn);
        rows.push_back({model ? model->text().trimmed() : QString(), limitCell(m_ui->limitsTable->item(row, RpmColumn)),
                        limitCell(m_ui->limitsTable->item(row, RpdColumn))});
    }
    return rows;
}

GatewaySettings GatewayPage::settings() const
{
    GatewaySettings settings = m_loaded;
    const int port = m_ui->portEdit->text().trimmed().toInt();
    settings.port = port >= 1 && port <= 65535 ? static_cast<quint16>(port) : 0;
    settings.bindAddress = m_ui->bindCombo->currentData().toString();
    settings.startOnLaunch = m_ui->startOnLaunchCheck->isChecked();
    settings.upstream = m_ui->upstreamEdit->text().trimmed();
    settings.cloudflaredPath = m_ui->cloudflaredEdit->text().trimmed();
    settings.modelLimits = limitRows();
    return settings;
}

void GatewayPage::setRunning(const std::optional<ListeningOn> &running)
{
    m_running = running;
    checkAsTyped();
}

void GatewayPage::checkAsTyped()
{
    FieldCheck port = SettingsChecks::port(m_ui->portEdit->text());
    if (port.level == FieldCheck::Level::Ok && m_running) {
        const GatewaySettings typed = settings();
        port = SettingsChecks::listenerMove(m_running->address, m_running->port, typed.bindAddress, typed.port);
    }
    showCheck(m_ui->portEdit, m_ui->portMessage, port);
    showCheck(m_ui->bindCombo, m_ui->bindMessage,
              SettingsChecks::bindAddress(m_ui->bindCombo->currentData().toString(), m_haveAccessToken()));
    showCheck(m_ui->upstreamEdit, m_ui->upstreamMessage, SettingsChecks::upstream(m_ui->upstreamEdit->text()));
    showCheck(m_ui->cloudflaredEdit, m_ui->cloudflaredMessage,
              SettingsChecks::cloudflaredPath(m_ui->cloudflaredEdit->text()));
    showCheck(m_ui->limitsTable, m_ui->limitsMessage, SettingsChecks::modelLimits(limitRows()));
}

bool GatewayPage::check(const std::optional<ListeningOn> &running)
{
    checkAsTyped();
    const GatewaySettings typed = settings();
    const bool ownPort = running && running->port == typed.port && running->address == typed.bindAddress;
    if (!m_ui->portEdit->property("invalid").toBool() && !m_ui->bindCombo->property("invalid").toBool() && !ownPort)
        if (const auto problem = bindProblem(typed.bindAddress, typed.port))
            showCheck(m_ui->portEdit, m_ui->portMessage, FieldCheck::error(*problem));
    for (const QWidget *field : {static_cast<QWidget *>(m_ui->portEdit), static_cast<QWidget *>(m_ui->bindCombo),
                                 static_cast<QWidget *>(m_ui->upstreamEdit), static_cast<QWidget *>(m_ui->cloudflaredEdit),
                                 static_cast<QWidget *>(m_ui->limitsTable)})
        if (field->property("invalid").toBool())
            return false;
    return true;
}

} // namespace hydra::app
