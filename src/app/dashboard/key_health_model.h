#pragma once
// The key health table: one row per key the engine knows, in its order. Key state comes from
// the engine's snapshots (Engine::keys(), keysChanged); RPM and today's requests from the
// stats collector, refreshed by the dashboard's tick together with the time used for
// "free in ...".

#include "key_status.h"
#include "pool/key_snapshot.h"

#include <QAbstractTableModel>

#include <cstdint>
#include <vector>

namespace hydra::stats { class StatsCollector; }

namespace hydra::app {

class KeyHealthModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { KeyColumn, StateColumn, RpmColumn, TodayColumn, QuotaColumn, LastErrorColumn, ColumnCount };

    explicit KeyHealthModel(QObject *parent = nullptr);

    void setKeys(const std::vector<pool::KeySnapshot> &keys, std::int64_t nowMs);
    // Per-key RPM and requests today, and the time the states are described at.
    void refresh(const stats::StatsCollector &stats);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        pool::KeySnapshot key;
        KeyStatus status;
        std::uint64_t rpm = 0;
        std::uint64_t today = 0;
    };
    void describeAll();

    std::vector<Row> m_rows;
    std::int64_t m_nowMs = 0;
};

} // namespace hydra::app
