#include "ui/accounts/membertablemodel.h"

#include "ui/widgets/moneytext.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace cd::ui {

using accounts::Member;

namespace {

qint64 idOf(const Member &m)
{
    return m.id;
}

}  // namespace

MemberTableModel::MemberTableModel(QObject *parent) : PagedTableModel(parent) {}

void MemberTableModel::setMembers(QList<Member> rows, bool hasMore)
{
    replacePage(m_rows, std::move(rows), hasMore, idOf);
}

void MemberTableModel::appendMembers(QList<Member> rows, bool hasMore)
{
    appendPage(m_rows, std::move(rows), hasMore, idOf);
}

const Member *MemberTableModel::member(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int MemberTableModel::rowOf(qint64 memberId) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == memberId)
            return int(i);
    }
    return -1;
}

int MemberTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MemberTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MemberTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Member &m = m_rows.at(index.row());
    if (role == MemberIdRole)
        return m.id;
    const int column = index.column();
    const bool numeric = column == Number || column == Balance || column == Refundable || column == PendingRefund
                         || column == AutoStop || column == Cards;
    if (role == Qt::TextAlignmentRole && numeric)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    // Below zero, or at or below a threshold that is set: charging stops (core/payments/balanceguard.h).
    if (role == Qt::ForegroundRole && column == Balance
        && (m.balanceMinor < 0 || (m.autoStopThresholdMinor > 0 && m.balanceMinor <= m.autoStopThresholdMinor)))
        return QBrush(QColor(0xb4, 0x23, 0x18));
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Number:
        return QString::number(m.id);
    case Name:
        return m.name;
    case Phone:
        return m.phone;
    case Email:
        return m.email;
    case Balance:
        return amountText(m.balanceMinor, m_currency);
    case Refundable:
        return amountText(m.refundableMinor, m_currency);
    case PendingRefund:
        return m.pendingRefundMinor == 0 ? QString() : amountText(m.pendingRefundMinor, m_currency);
    case AutoStop:
        return amountText(m.autoStopThresholdMinor, m_currency);
    case Cards:
        return QLocale().toString(m.cardCount);
    default:
        return {};
    }
}

QVariant MemberTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Number:
        //: column: the member's number
        return tr("No.");
    case Name:
        return tr("Name");
    case Phone:
        return tr("Phone");
    case Email:
        return tr("E-mail");
    case Balance:
        return tr("Balance");
    case Refundable:
        //: column: the part of the balance a refund may give back
        return tr("Refundable");
    case PendingRefund:
        return tr("Refund pending");
    case AutoStop:
        //: column: charging stops when the balance falls to this amount
        return tr("Auto-stop at");
    case Cards:
        return tr("Cards");
    default:
        return {};
    }
}

qint64 MemberTableModel::pageBoundary() const
{
    return m_rows.isEmpty() ? 0 : m_rows.constLast().id;
}

void MemberTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

}  // namespace cd::ui
