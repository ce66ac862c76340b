#pragma once
// A 2.0.1 station's device model as the station reported it (NotifyReport): one row per
// component, variable and attribute type, with its value, mutability, unit and when it was
// last reported.

#include "core/storage/devicemodelrepository.h"

#include <QAbstractTableModel>
#include <QList>

namespace cd::ui {

class DeviceModelTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Component, Variable, Attribute, Value, Mutability, Unit, Updated, ColumnCount };

    explicit DeviceModelTableModel(QObject *parent = nullptr);

    void setVariables(QList<storage::DeviceVariable> variables);
    const storage::DeviceVariable *variable(int row) const;

    // "EVSE 1 · Connector 2 · Connector" style name of the component an entry belongs to.
    static QString componentText(const storage::DeviceVariable &v);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void retranslate();

private:
    QList<storage::DeviceVariable> m_variables;
};

}  // namespace cd::ui
