#include "key_health_model.h"

#include "stats/stats_collector.h"

#include <QLocale>

#include <algorithm>

namespace hydra::app {

KeyHealthModel::KeyHealthModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void KeyHealthModel::describeAll()
{
    for (Row &row : m_rows)
        row.status = KeyStatusText::describe(row.key, m_nowMs);
}

void KeyHealthModel::setKeys(const std::vector<pool::KeySnapshot> &keys, std::int64_t nowMs)
{
    m_nowMs = nowMs;
    const bool sameKeys = keys.size() == m_rows.size() &&
        std::equal(keys.begin(), keys.end(), m_rows.begin(),
                   [](const pool::KeySnapshot &key, const Row &row) { return key.label == row.key.label; });
    if (!sameKeys) {
        // Keys added, removed or reordered: the rows themselves change.
        beginResetModel();
        m_rows.clear();
        for (const pool::KeySnapshot &key : keys)
            m_rows.push_back(Row{key, {}, 0, 0});
        describeAll();
        endResetModel();
        return;
    }
    for (std::size_t i = 0; i < keys.size(); ++i)
        m_rows[i].key = keys[i];
    describeAll();
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void KeyHealthModel::refresh(const stats::StatsCollector &stats)
{
    m_nowMs = stats.nowMs();
    for (Row &row : m_rows) {
        const QString label = QString::fromStdString(row.key.label);
        row.rpm = stats.rpm(label);
        row.today = stats.requestsToday(label);
    }
    describeAll();
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, StateColumn), index(rowCount() - 1, TodayColumn));
}

int KeyHealthModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int KeyHealthModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KeyHealthModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row &row = m_rows[std::size_t(index.row())];
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            return QString::fromStdString(row.key.label);
        case StateColumn:
            return row.status.text;
        case RpmColumn:
            return locale.toString(qulonglong(row.rpm));
        case TodayColumn:
            return locale.toString(qulonglong(row.today));
        case QuotaColumn:
            return KeyStatusText::dailyQuota(row.key);
        case LastErrorColumn:
            return QString::fromStdString(row.key.lastError);
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case KeyColumn:
            return QString::fromStdString(row.key.maskedKey);
        case StateColumn:
            return row.status.detail.isEmpty() ? QVariant() : row.status.detail;
        case LastErrorColumn:
            return row.key.lastError.empty() ? QVariant() : QString::fromStdString(row.key.lastError);
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == StateColumn)
            return healthColor(row.status.level);
        break;
    case Qt::BackgroundRole:
        if (index.column() == StateColumn)
            return tintOf(healthColor(row.status.level));
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == RpmColumn || index.column() == TodayColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    }
    return {};
}

QVariant KeyHealthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case RpmColumn:
            return tr("Requests this key answered in the last 60 seconds");
        case TodayColumn:
            return tr("Requests this key answered today (local time)");
        case QuotaColumn:
            return tr("Requests today against the known daily limit, per model; Google counts them per "
                      "project and Pacific day");
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case StateColumn:
        return tr("State");
    case RpmColumn:
        return tr("RPM");
    case TodayColumn:
        return tr("Today");
    case QuotaColumn:
        return tr("Daily quota");
    case LastErrorColumn:
        return tr("Last error");
    }
    return {};
}

} // namespace hydra::app
