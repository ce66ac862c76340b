#pragma once
// A station's connector state history, in the order given (the dialog shows newest first): when
// each state arrived (our clock, UTC, to the millisecond), the station's own timestamp, the
// connector, the state in plain words, the OCPP error code and what the station added (info,
// vendor error). Faults stand out.

#include "core/storage/connectorrepository.h"

#include <QAbstractTableModel>
#include <QList>

namespace cd::ui {

class ConnectorHistoryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Received, StationTime, Connector, State, ErrorCode, Info, ColumnCount };

    explicit ConnectorHistoryModel(QObject *parent = nullptr);

    void setEntries(QList<storage::ConnectorStatusEntry> entries);
    const storage::ConnectorStatusEntry *entry(int row) const;

    // Faulted, or any error code but NoError.
    static bool isFault(const storage::ConnectorStatusEntry &entry);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void retranslate();

private:
    QList<storage::ConnectorStatusEntry> m_entries;
};

}  // namespace cd::ui
