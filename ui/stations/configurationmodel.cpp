#include "ui/stations/configurationmodel.h"

#include <QColor>

namespace cd::ui {

ConfigurationModel::ConfigurationModel(QObject *parent) : QAbstractTableModel(parent)
{
}

void ConfigurationModel::setKeys(QList<commands::ConfigurationKey> keys)
{
    beginResetModel();
    m_keys = std::move(keys);
    endResetModel();
}

const commands::ConfigurationKey *ConfigurationModel::key(int row) const
{
    return row >= 0 && row < m_keys.size() ? &m_keys.at(row) : nullptr;
}

int ConfigurationModel::rowOf(const QString &key) const
{
    for (int row = 0; row < m_keys.size(); ++row) {
        if (m_keys.at(row).key == key)
            return row;
    }
    return -1;
}

int ConfigurationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_keys.size());
}

int ConfigurationModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConfigurationModel::data(const QModelIndex &index, int role) const
{
    const commands::ConfigurationKey *k = key(index.row());
    if (!k || !index.isValid())
        return {};
    if (role == Qt::ForegroundRole && index.column() == Value && !k->valueKnown)
        return QColor(0x75, 0x75, 0x75);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Key:
        return k->key;
    case Value:
        return k->valueKnown ? k->value : tr("(not given)");
    case Access:
        return k->readonly ? tr("Read-only") : tr("Can be changed");
    default:
        return {};
    }
}

QVariant ConfigurationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Key:
        return tr("Key");
    case Value:
        return tr("Value");
    case Access:
        return tr("Access");
    default:
        return {};
    }
}

void ConfigurationModel::retranslate()
{
    if (!m_keys.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

}  // namespace cd::ui
