#include "request_log_model.h"

#include "request_record_fields.h"
#include "stats/stats_collector.h"
#include "status_colors.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

namespace hydra::app {

RequestLogModel::RequestLogModel(int capacity, QObject *parent)
    : QAbstractTableModel(parent)
    , m_capacity(std::max(1, capacity))
{
}

void RequestLogModel::sync(const stats::StatsCollector &stats)
{
    const auto &recent = stats.recent(); // oldest first
    const std::uint64_t fresh = stats.recordedCount() - m_seen;
    m_seen = stats.recordedCount();
    const int take = int(std::min<std::uint64_t>({fresh, recent.size(), std::uint64_t(m_capacity)}));
    if (take == 0)
        return;

    beginInsertRows({}, 0, take - 1);
    for (auto it = recent.end() - take; it != recent.end(); ++it)
        m_rows.push_front(*it); // the newest ends up on top
    endInsertRows();

    const int excess = int(m_rows.size()) - m_capacity;
    if (excess > 0) {
        beginRemoveRows({}, m_capacity, int(m_rows.size()) - 1);
        m_rows.resize(std::size_t(m_capacity));
        endRemoveRows();
    }
}

int RequestLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RequestLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RequestLogModel::latencyText(qint64 ms)
{
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    return tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
}

QVariant RequestLogModel::display(const RequestRecord &record, int column) const
{
    const QLocale locale;
    switch (column) {
    case TimeColumn:
        return QDateTime::fromMSecsSinceEpoch(record.startedAtMs).toString(QStringLiteral("HH:mm:ss"));
    case TokenColumn: {
        const QString name = tokenNameOf(record);
        const QString shown = name.isEmpty() ? tr("(none)") : name;
        return cameThroughTunnel(record) ? tr("%1 (public URL)").arg(shown) : shown;
    }
    case ModelColumn:
        return record.model;
    case KeyColumn:
        return record.keyLabel.isEmpty() ? tr("(no key)") : record.keyLabel;
    case StatusColumn:
        return record.status;
    case LatencyColumn:
        return latencyText(record.latencyMs);
    case TokensColumn:
        return locale.toString(record.promptTokens + record.completionTokens);
    case StreamedColumn:
        return record.stream ? tr("yes") : tr("no");
    }
    return {};
}

QVariant RequestLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const RequestRecord &record = m_rows[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(record, index.column());
    case Qt::ToolTipRole:
        if (index.column() == StatusColumn && !record.error.isEmpty())
            return record.error;
        if (index.column() == TokensColumn)
            return tr("%1 prompt + %2 completion").arg(record.promptTokens).arg(record.completionTokens);
        if (index.column() == KeyColumn && record.failovers > 0)
            return tr("%n other key(s) failed first", nullptr, record.failovers);
        break;
    case Qt::BackgroundRole:
        if (index.column() == StatusColumn && stats::isErrorStatus(record.status))
            return tintOf(healthColor(HealthLevel::Dead));
        if (index.column() == StatusColumn && record.status == 200 && record.failovers > 0)
            return tintOf(healthColor(HealthLevel::Limited)); // saved by failover
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == LatencyColumn || index.column() == TokensColumn || index.column() == StatusColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    }
    return {};
}

QVariant RequestLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case TokenColumn:
        return tr("Token");
    case ModelColumn:
        return tr("Model");
    case KeyColumn:
        return tr("Key");
    case StatusColumn:
        return tr("Status");
    case LatencyColumn:
        return tr("Latency");
    case TokensColumn:
        return tr("Tokens");
    case StreamedColumn:
        return tr("Streamed");
    }
    return {};
}

} // namespace hydra::app
