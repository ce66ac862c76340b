#include "ui/stations/devicemodeltablemodel.h"

#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {

QString withInstance(const QString &name, const QString &instance)
{
    return instance.isEmpty() ? name : name + u" [" + instance + u']';
}

}  // namespace

DeviceModelTableModel::DeviceModelTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void DeviceModelTableModel::setVariables(QList<storage::DeviceVariable> variables)
{
    beginResetModel();
    m_variables = std::move(variables);
    endResetModel();
}

const storage::DeviceVariable *DeviceModelTableModel::variable(int row) const
{
    return row >= 0 && row < m_variables.size() ? &m_variables.at(row) : nullptr;
}

QString DeviceModelTableModel::componentText(const storage::DeviceVariable &v)
{
    QStringList parts;
    if (v.evseId)
        parts << tr("EVSE %1").arg(*v.evseId);
    if (v.connectorId)
        parts << tr("connector %1").arg(*v.connectorId);
    parts << withInstance(v.component, v.componentInstance);
    return parts.join(u" · "_s);
}

int DeviceModelTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_variables.size());
}

int DeviceModelTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeviceModelTableModel::data(const QModelIndex &index, int role) const
{
    const storage::DeviceVariable *v = variable(index.row());
    if (!v || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    switch (index.column()) {
    case Component:
        return componentText(*v);
    case Variable:
        return withInstance(v->variable, v->variableInstance);
    case Attribute:
        return v->attributeType;
    case Value:
        if (!v->value)
            return role == Qt::ToolTipRole ? tr("The station reported no value") : u"—"_s;
        return *v->value;
    case Mutability:
        return v->mutability;
    case Unit: {
        QStringList parts;
        if (!v->dataType.isEmpty())
            parts << v->dataType;
        if (!v->unit.isEmpty())
            parts << v->unit;
        if (role == Qt::ToolTipRole && !v->valuesList.isEmpty())
            parts << tr("values: %1").arg(v->valuesList);
        return parts.join(u", "_s);
    }
    case Updated:
        return v->updatedMs > 0 ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(v->updatedMs), QLocale::ShortFormat)
                                : QString();
    default:
        return {};
    }
}

QVariant DeviceModelTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Component:
        return tr("Component");
    case Variable:
        return tr("Variable");
    case Attribute:
        return tr("Attribute");
    case Value:
        return tr("Value");
    case Mutability:
        return tr("Mutability");
    case Unit:
        return tr("Type and unit");
    case Updated:
        return tr("Reported");
    default:
        return {};
    }
}

void DeviceModelTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_variables.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

}  // namespace cd::ui
