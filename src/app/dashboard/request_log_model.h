#pragma once
// The recent requests table, newest first: time, access token, model, key, status, latency,
// tokens, streamed. sync() takes only what the collector recorded since the last call, so a
// tick costs the new rows, not the whole table; the rows are capped like the collector's log.

#include "stats/request_record.h"

#include <QAbstractTableModel>

#include <cstdint>
#include <deque>

namespace hydra::stats { class StatsCollector; }

namespace hydra::app {

class RequestLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TimeColumn, TokenColumn, ModelColumn, KeyColumn, StatusColumn, LatencyColumn, TokensColumn,
        StreamedColumn, ColumnCount
    };

    explicit RequestLogModel(int capacity, QObject *parent = nullptr);

    void sync(const stats::StatsCollector &stats);
    const RequestRecord &recordAt(int row) const { return m_rows[std::size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString latencyText(qint64 ms);

private:
    QVariant display(const RequestRecord &record, int column) const;

    int m_capacity;
    std::deque<RequestRecord> m_rows; // newest first
    std::uint64_t m_seen = 0;         // the collector's recordedCount() at the last sync
};

} // namespace hydra::app
