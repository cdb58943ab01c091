#pragma once
// The stored keys as a table: label (editable), email, project, masked key, status in colour,
// last validated. Rows come from keys-meta.json (KeyRing::list()), never from the keychain, so
// no secret is ever in the model. A key being checked shows that until its result arrives.

#include "store/key_metadata_store.h"

#include <QAbstractTableModel>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace hydra::app {

class KeyTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { LabelColumn, EmailColumn, ProjectColumn, KeyColumn, StatusColumn, CheckedColumn, ColumnCount };

    explicit KeyTableModel(QObject *parent = nullptr);

    void setKeys(std::vector<store::StoredKey> keys);
    const std::vector<store::StoredKey> &keys() const { return m_keys; }
    // Keys the running gateway holds dead (fingerprint -> reason): shown red until validated again.
    void setDead(std::map<std::string, std::string> dead);
    void setChecking(const std::set<std::string> &ids);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // A label edit is a request (labelEdited); the row changes when the keys are loaded again.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

Q_SIGNALS:
    void labelEdited(const QString &id, const QString &label);

private:
    QString statusText(const store::StoredKey &key) const;
    QVariant statusColour(const store::StoredKey &key) const;

    std::vector<store::StoredKey> m_keys;
    std::map<std::string, std::string> m_dead;
    std::set<std::string> m_checking;
};

} // namespace hydra::app
