#pragma once
// A 1.6 station's configuration keys as its GetConfiguration answer listed them: key, value,
// whether the operator may change it.

#include "core/commands/stationconfiguration.h"

#include <QAbstractTableModel>

namespace cd::ui {

class ConfigurationModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Key, Value, Access, ColumnCount };

    explicit ConfigurationModel(QObject *parent = nullptr);

    void setKeys(QList<commands::ConfigurationKey> keys);
    const commands::ConfigurationKey *key(int row) const;
    int rowOf(const QString &key) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void retranslate();

private:
    QList<commands::ConfigurationKey> m_keys;
};

}  // namespace cd::ui
