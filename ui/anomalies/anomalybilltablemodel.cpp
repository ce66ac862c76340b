#include "ui/anomalies/anomalybilltablemodel.h"

#include "core/anomalies/anomalycode.h"
#include "core/billing/settlement.h"
#include "core/charging/sessiontimeline.h"
#include "ui/widgets/moneytext.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace cd::ui {

using anomalies::AnomalyBillRow;
using anomalies::AnomalyBillSort;

namespace {

qint64 idOf(const AnomalyBillRow &r)
{
    return r.sessionId;
}

QString localTime(const std::optional<qint64> &ms)
{
    return ms ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(*ms), QLocale::ShortFormat) : u"—"_s;
}

}  // namespace

QString AnomalyBillTableModel::settlementTitle(const QString &state)
{
    if (const auto s = billing::SettlementText::stateFromName(state))
        return billing::SettlementText::stateTitle(*s);
    return state;
}

AnomalyBillTableModel::AnomalyBillTableModel(QObject *parent) : PagedTableModel(parent) {}

void AnomalyBillTableModel::setRows(QList<AnomalyBillRow> rows, bool hasMore)
{
    replacePage(m_rows, std::move(rows), hasMore, idOf);
}

void AnomalyBillTableModel::appendRows(QList<AnomalyBillRow> rows, bool hasMore)
{
    appendPage(m_rows, std::move(rows), hasMore, idOf);
}

bool AnomalyBillTableModel::updateRow(const AnomalyBillRow &r)
{
    const int at = rowOfSession(r.sessionId);
    if (at < 0)
        return false;
    m_rows[at] = r;
    emit dataChanged(index(at, 0), index(at, ColumnCount - 1));
    return true;
}

const AnomalyBillRow *AnomalyBillTableModel::row(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int AnomalyBillTableModel::rowOfSession(qint64 sessionId) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).sessionId == sessionId)
            return int(i);
    }
    return -1;
}

std::optional<AnomalyBillSort> AnomalyBillTableModel::sortFor(int column)
{
    switch (column) {
    case Session:
        return AnomalyBillSort::Session;
    case Station:
        return AnomalyBillSort::Station;
    case Start:
        return AnomalyBillSort::Start;
    case Energy:
        return AnomalyBillSort::Energy;
    case Total:
        return AnomalyBillSort::Total;
    default:
        return std::nullopt;
    }
}

int AnomalyBillTableModel::columnFor(AnomalyBillSort sort)
{
    switch (sort) {
    case AnomalyBillSort::Session:
        return Session;
    case AnomalyBillSort::Station:
        return Station;
    case AnomalyBillSort::Start:
        return Start;
    case AnomalyBillSort::Energy:
        return Energy;
    case AnomalyBillSort::Total:
        return Total;
    }
    return Session;
}

qint64 AnomalyBillTableModel::checkedCount() const
{
    return m_allMatching ? std::max<qint64>(0, m_matching - m_unchecked.size()) : m_checked.size();
}

void AnomalyBillTableModel::checkAllMatching(qint64 matching)
{
    m_allMatching = true;
    m_matching = matching;
    m_unchecked.clear();
    m_checked.clear();
    emitCheckColumnChanged();
}

void AnomalyBillTableModel::setMatchingCount(qint64 matching)
{
    if (m_matching == matching)
        return;
    m_matching = matching;
    if (m_allMatching)
        emit checksChanged();
}

void AnomalyBillTableModel::setChecked(qint64 billId, bool checked)
{
    if (billId == 0 || isChecked(billId) == checked)
        return;
    if (m_allMatching) {
        if (checked)
            m_unchecked.remove(billId);
        else
            m_unchecked.insert(billId);
    } else if (checked) {
        m_checked.append(billId);
    } else {
        m_checked.removeAll(billId);
    }
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).billId == billId)
            emit dataChanged(index(int(i), Session), index(int(i), Session), {Qt::CheckStateRole});
    }
    emit checksChanged();
}

bool AnomalyBillTableModel::isChecked(qint64 billId) const
{
    if (billId == 0)
        return false;
    return m_allMatching ? !m_unchecked.contains(billId) : m_checked.contains(billId);
}

void AnomalyBillTableModel::clearChecks()
{
    if (!m_allMatching && m_checked.isEmpty())
        return;
    m_allMatching = false;
    m_unchecked.clear();
    m_checked.clear();
    emitCheckColumnChanged();
}

void AnomalyBillTableModel::emitCheckColumnChanged()
{
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, Session), index(rowCount() - 1, Session), {Qt::CheckStateRole});
    emit checksChanged();
}

int AnomalyBillTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AnomalyBillTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags AnomalyBillTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Session && m_rows.at(index.row()).billId != 0)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant AnomalyBillTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AnomalyBillRow &r = m_rows.at(index.row());
    switch (role) {
    case SessionIdRole:
        return r.sessionId;
    case BillIdRole:
        return r.billId;
    case Qt::CheckStateRole:
        if (index.column() == Session && r.billId != 0)
            return isChecked(r.billId) ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Energy || index.column() == Total)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Codes && r.open)
            return QBrush(QColor(0xb4, 0x23, 0x18));
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Codes)
            return anomalies::anomalyCodesText(r.codes);
        if (index.column() == Station && !r.stationName.isEmpty() && r.stationName != r.chargePointId)
            return r.stationName;
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case Session:
        return r.sessionNumber;
    case Station:
        return r.chargePointId;
    case Codes:
        return r.codesText();
    case Start:
        return localTime(r.startedMs);
    case Energy:
        return r.billId ? charging::SessionTimeline::energyText(r.energyWh) : u"—"_s;
    case Total:
        return r.billId ? amountText(r.totalMinor, r.currency) : u"—"_s;
    case Settlement:
        return settlementTitle(r.settlementState);
    case Firmware: {
        QStringList parts;
        for (const QString &p : {r.vendor, r.model, r.firmware}) {
            if (!p.isEmpty())
                parts << p;
        }
        return parts.join(u' ');
    }
    case Site:
        return r.siteName;
    case Detected:
        return r.detectedMs ? localTime(r.detectedMs) : QString();
    default:
        return {};
    }
}

bool AnomalyBillTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || !index.isValid() || index.column() != Session)
        return false;
    const AnomalyBillRow &r = m_rows.at(index.row());
    if (r.billId == 0)
        return false;
    setChecked(r.billId, value.toInt() == Qt::Checked);
    return true;
}

QVariant AnomalyBillTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Session:
        return tr("Session");
    case Station:
        return tr("Station");
    case Codes:
        //: column: the anomaly codes of a bill, such as 3,8
        return tr("Codes");
    case Start:
        return tr("Started");
    case Energy:
        return tr("Energy");
    case Total:
        return tr("Total");
    case Settlement:
        //: column: whether the bill's money has moved (settled, provisional, held)
        return tr("Settlement");
    case Firmware:
        //: column: the station's vendor, model and firmware version
        return tr("Model and firmware");
    case Site:
        return tr("Site");
    case Detected:
        //: column: when the anomaly was found
        return tr("Found");
    default:
        return {};
    }
}

void AnomalyBillTableModel::sort(int column, Qt::SortOrder order)
{
    emit sortRequested(column, order);
}

void AnomalyBillTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

}  // namespace cd::ui
