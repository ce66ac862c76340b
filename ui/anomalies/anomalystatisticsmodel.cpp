#include "ui/anomalies/anomalystatisticsmodel.h"

#include "core/anomalies/anomalycode.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace cd::ui {

using anomalies::AnomalyStatisticsQuery;
using anomalies::AnomalyStatisticsRow;

AnomalyStatisticsModel::AnomalyStatisticsModel(QObject *parent) : QAbstractTableModel(parent) {}

void AnomalyStatisticsModel::setStatistics(anomalies::AnomalyStatistics statistics)
{
    beginResetModel();
    m_statistics = std::move(statistics);
    endResetModel();
}

int AnomalyStatisticsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_statistics.rows.size());
}

int AnomalyStatisticsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AnomalyStatisticsModel::shareText(qint64 basisPoints)
{
    // One decimal, rounded half up from hundredths of a percent; no floating point.
    const qint64 tenths = (basisPoints + 5) / 10;
    const QLocale locale;
    //: a share in percent, %1 a number such as 25.0
    return tr("%1 %").arg(locale.toString(tenths / 10) + locale.decimalPoint() + QString::number(tenths % 10));
}

QVariant AnomalyStatisticsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AnomalyStatisticsRow &r = m_statistics.rows.at(index.row());
    if (role == Qt::TextAlignmentRole) {
        if (index.column() == AnomalyBills || index.column() == Sessions || index.column() == Share)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == Code)
        return anomalies::anomalyCodeDescription(r.code);
    if (role == SortRole) {
        switch (index.column()) {
        case Period:
            return r.periodStart.toJulianDay();
        case Code:
            return r.code;
        case AnomalyBills:
            return r.anomalyBills;
        case Sessions:
            return r.sessions;
        case Share:
            return r.shareBasisPoints();
        default:
            break;
        }
    } else if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
    case Period:
        return AnomalyStatisticsQuery::periodLabel(r.periodStart, m_statistics.period);
    case Code:
        return anomalies::anomalyCodesText({r.code});
    case Station:
        return r.chargePointId;
    case Firmware: {
        QStringList parts;
        for (const QString &p : {r.vendor, r.model, r.firmware}) {
            if (!p.isEmpty())
                parts << p;
        }
        return parts.join(u' ');
    }
    case AnomalyBills:
        return QLocale().toString(r.anomalyBills);
    case Sessions:
        return QLocale().toString(r.sessions);
    case Share:
        return shareText(r.shareBasisPoints());
    default:
        return {};
    }
}

QVariant AnomalyStatisticsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Period:
        return tr("Period");
    case Code:
        return tr("Anomaly");
    case Station:
        return tr("Station");
    case Firmware:
        return tr("Model and firmware");
    case AnomalyBills:
        return tr("Anomaly bills");
    case Sessions:
        //: column: all sessions of the station in the period
        return tr("Sessions");
    case Share:
        //: column: anomaly bills as a share of all sessions
        return tr("Share");
    default:
        return {};
    }
}

void AnomalyStatisticsModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_statistics.rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

}  // namespace cd::ui
