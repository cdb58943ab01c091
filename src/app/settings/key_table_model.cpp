#include "key_table_model.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>

namespace hydra::app {
namespace {

enum class Health { Good, Limited, Bad, Unknown };

// keys::statusName() values, as keys-meta.json records them.
Health healthOf(const std::string &result)
{
    if (result == "valid")
        return Health::Good;
    if (result == "rate-limited" || result == "no free tier")
        return Health::Limited;
    if (result == "invalid")
        return Health::Bad;
    return Health::Unknown;
}

} // namespace

KeyTableModel::KeyTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void KeyTableModel::setKeys(std::vector<store::StoredKey> keys)
{
    beginResetModel();
    m_keys = std::move(keys);
    endResetModel();
}

void KeyTableModel::setDead(std::map<std::string, std::string> dead)
{
    m_dead = std::move(dead);
    if (!m_keys.empty())
        Q_EMIT dataChanged(index(0, StatusColumn), index(rowCount() - 1, StatusColumn));
}

void KeyTableModel::setChecking(const std::set<std::string> &ids)
{
    m_checking = ids;
    if (!m_keys.empty())
        Q_EMIT dataChanged(index(0, StatusColumn), index(rowCount() - 1, CheckedColumn));
}

int KeyTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_keys.size());
}

int KeyTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString KeyTableModel::statusText(const store::StoredKey &key) const
{
    if (m_checking.count(key.id))
        return tr("checking…");
    if (const auto dead = m_dead.find(key.id); dead != m_dead.end())
        return tr("dead: %1").arg(QString::fromStdString(dead->second));
    if (!key.lastCheck)
        return tr("not checked");
    switch (healthOf(key.lastCheck->result)) {
    case Health::Good:
        return tr("valid");
    case Health::Limited:
        return key.lastCheck->result == "no free tier" ? tr("no free tier") : tr("rate-limited");
    case Health::Bad:
        return tr("invalid");
    case Health::Unknown:
        break;
    }
    return tr("not checked (network error)");
}

QVariant KeyTableModel::statusColour(const store::StoredKey &key) const
{
    if (m_checking.count(key.id))
        return {};
    if (m_dead.count(key.id))
        return QBrush(QColor(0xc6, 0x28, 0x28));
    switch (key.lastCheck ? healthOf(key.lastCheck->result) : Health::Unknown) {
    case Health::Good:
        return QBrush(QColor(0x2e, 0x7d, 0x32));
    case Health::Limited:
        return QBrush(QColor(0xb2, 0x6a, 0x00));
    case Health::Bad:
        return QBrush(QColor(0xc6, 0x28, 0x28));
    case Health::Unknown:
        break;
    }
    return QBrush(QColor(0x75, 0x75, 0x75));
}

QVariant KeyTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const store::StoredKey &key = m_keys[static_cast<std::size_t>(index.row())];
    if (index.column() == StatusColumn && role == Qt::ForegroundRole)
        return statusColour(key);
    if (index.column() == StatusColumn && role == Qt::ToolTipRole && key.lastCheck)
        return QString::fromStdString(key.lastCheck->detail);
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case LabelColumn:
        return QString::fromStdString(key.label);
    case EmailColumn:
        return QString::fromStdString(key.email);
    case ProjectColumn:
        return QString::fromStdString(key.projectId);
    case KeyColumn:
        return QString::fromStdString(key.maskedKey);
    case StatusColumn:
        return statusText(key);
    case CheckedColumn:
        if (!key.lastCheck)
            return tr("never");
        return QLocale().toString(QDateTime::fromString(QString::fromStdString(key.lastCheck->at), Qt::ISODate).toLocalTime(),
                                  QLocale::ShortFormat);
    default:
        return {};
    }
}

QVariant KeyTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LabelColumn:
        return tr("Label");
    case EmailColumn:
        return tr("Email");
    case ProjectColumn:
        return tr("Project");
    case KeyColumn:
        return tr("Key");
    case StatusColumn:
        return tr("Status");
    case CheckedColumn:
        return tr("Last validated");
    default:
        return {};
    }
}

Qt::ItemFlags KeyTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == LabelColumn)
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool KeyTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.column() != LabelColumn || role != Qt::EditRole || index.row() >= rowCount())
        return false;
    const store::StoredKey &key = m_keys[static_cast<std::size_t>(index.row())];
    const QString label = value.toString().trimmed();
    if (label.toStdString() == key.label)
        return false;
    Q_EMIT labelEdited(QString::fromStdString(key.id), label);
    return false;
}

} // namespace hydra::app
