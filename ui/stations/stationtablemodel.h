#pragma once
// The station list: one row per station with its state (charging, faulted, online, offline),
// identity, last heartbeat and connection age. Rows keep their identity across refreshes, so
// selection and scroll position survive the live updates.

#include "core/charging/chargingqueries.h"
#include "core/charging/stationcondition.h"

#include "ui/widgets/livetablemodel.h"

#include <QList>

namespace cd::ui {

class StationTableModel : public LiveTableModel {
    Q_OBJECT
public:
    enum Column { Station, State, Vendor, Model, Firmware, LastHeartbeat, Connected, OpenSessions, ColumnCount };
    using StationState = charging::StationCondition;
    static constexpr int SortRole = Qt::UserRole + 1;  // numbers and times sort as such
    static constexpr int StationIdRole = Qt::UserRole + 2;
    // For the map: where the station stands (a QGeoCoordinate, invalid when not located), its
    // StationCondition as an int, and a few lines about it (name, state, vendor and model, site).
    static constexpr int PositionRole = Qt::UserRole + 3;
    static constexpr int ConditionRole = Qt::UserRole + 4;
    static constexpr int SummaryRole = Qt::UserRole + 5;

    explicit StationTableModel(QObject *parent = nullptr);

    // Replaces the rows; `nowMs` is the time connection ages are counted to.
    void setStations(QList<charging::StationOverview> stations, qint64 nowMs);
    const charging::StationOverview *station(int row) const;
    int rowOf(const QString &chargePointId) const;

    static QString stateText(StationState state);
    static QColor stateColor(StationState state);
    // The lines SummaryRole gives.
    static QString summary(const charging::StationOverview &station, StationState state);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void retranslate();

private:
    QList<charging::StationOverview> m_stations;
    qint64 m_nowMs = 0;
};

}  // namespace cd::ui
