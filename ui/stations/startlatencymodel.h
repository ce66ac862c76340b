#pragma once
// Start latency groups as a table: per vendor / model / firmware, or per station (with its
// vendor, model and firmware), with sessions, median, 90th percentile and slowest start.

#include "core/charging/startlatency.h"

#include <QAbstractTableModel>

namespace cd::ui {

class StartLatencyModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Grouping { Models, Stations };
    enum Column { Station, Vendor, Model, Firmware, Stations, Sessions, Median, P90, Slowest, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;  // milliseconds and counts sort as numbers

    explicit StartLatencyModel(Grouping grouping, QObject *parent = nullptr);

    void setGroups(QList<charging::StartLatencyGroup> groups);
    const QList<charging::StartLatencyGroup> &groups() const { return m_groups; }
    Grouping grouping() const { return m_grouping; }

    // "850 ms", "25.4 s", "1 min 05 s"
    static QString durationText(qint64 ms);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Grouping m_grouping;
    QList<charging::StartLatencyGroup> m_groups;
};

}  // namespace cd::ui
