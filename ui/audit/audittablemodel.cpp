#include "ui/audit/audittablemodel.h"

#include "ui/audit/audittext.h"
#include "ui/widgets/timetext.h"

#include <QTimeZone>

namespace cd::ui {

namespace {

qint64 idOf(const storage::AuditEntry &e)
{
    return e.id;
}

}  // namespace

AuditTableModel::AuditTableModel(QObject *parent) : PagedTableModel(parent) {}

void AuditTableModel::setEntries(QList<storage::AuditEntry> rows, bool hasMore)
{
    replacePage(m_rows, std::move(rows), hasMore, idOf);
}

void AuditTableModel::appendEntries(QList<storage::AuditEntry> rows, bool hasMore)
{
    appendPage(m_rows, std::move(rows), hasMore, idOf);
}

const storage::AuditEntry *AuditTableModel::entry(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int AuditTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AuditTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const storage::AuditEntry &e = m_rows.at(index.row());
    if (role == Qt::ToolTipRole && index.column() == When)
        return tr("%1 UTC").arg(millisecondText(e.atMs));
    if (role == Qt::ToolTipRole && index.column() == Reason)
        return e.reason;
    if (role == Qt::ToolTipRole && index.column() == Action)
        return e.action;  // the key, as recorded and as the CLI shows it
    if (role == Qt::ToolTipRole && index.column() == Subject && !e.subjectName.isEmpty())
        //: Audit log subject's tooltip: its number, as the log records it and the filter takes it
        return tr("Number %1").arg(e.entityId);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case When:
        return millisecondText(e.atMs, QTimeZone::systemTimeZone());
    case Operator:
        return e.operatorName;
    case Action:
        return AuditText::actionTitle(e.action);
    case Subject:
        //: Audit log subject: %1 is its kind ("Bill"), %2 its number or name
        return e.entityId.isEmpty()
                   ? AuditText::subjectTypeTitle(e.entityType)
                   : tr("%1 %2").arg(AuditText::subjectTypeTitle(e.entityType),
                                     e.subjectName.isEmpty() ? e.entityId : e.subjectName);
    case Reason:
        return QString(e.reason).replace(u'\n', u' ');
    default:
        return {};
    }
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case When:
        return tr("When");
    case Operator:
        return tr("Operator");
    case Action:
        return tr("Action");
    case Subject:
        return tr("Subject");
    case Reason:
        return tr("Reason");
    default:
        return {};
    }
}

qint64 AuditTableModel::pageBoundary() const
{
    return m_rows.isEmpty() ? 0 : m_rows.constLast().id;
}

void AuditTableModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

}  // namespace cd::ui
