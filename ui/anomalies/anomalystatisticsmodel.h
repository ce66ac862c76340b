#pragma once
// The statistics table of the Anomaly bills screen: per period, code, station (with its model and
// firmware): anomaly bills, all sessions, and the share. SortRole gives numbers and dates for a
// QSortFilterProxyModel.

#include "core/anomalies/anomalystatistics.h"

#include <QAbstractTableModel>

namespace cd::ui {

class AnomalyStatisticsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Period, Code, Station, Firmware, AnomalyBills, Sessions, Share, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit AnomalyStatisticsModel(QObject *parent = nullptr);

    void setStatistics(anomalies::AnomalyStatistics statistics);
    const anomalies::AnomalyStatistics &statistics() const { return m_statistics; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void retranslate();

    // 2500 -> "25.0 %" in the current locale.
    static QString shareText(qint64 basisPoints);

private:
    anomalies::AnomalyStatistics m_statistics;
};

}  // namespace cd::ui
