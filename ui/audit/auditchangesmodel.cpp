#include "ui/audit/auditchangesmodel.h"

#include <QFont>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>

#include <optional>

namespace cd::ui {

namespace {

constexpr int kMaxFields = 500;  // a recorded state is small; a damaged one is not read further

QString valueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double d = value.toDouble();
        // Money, energy and times are integers: print them whole, without an exponent.
        if (d == double(qint64(d)))
            return QString::number(qint64(d));
        return QString::number(d, 'g', 15);
    }
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

void flatten(const QJsonObject &object, const QString &prefix, QMap<QString, QString> &out, QStringList &order,
             QSet<QString> &seen)
{
    for (auto it = object.begin(); it != object.end() && out.size() < kMaxFields; ++it) {
        const QString key = prefix.isEmpty() ? it.key() : prefix + u'.' + it.key();
        if (it.value().isObject()) {
            flatten(it.value().toObject(), key, out, order, seen);
            continue;
        }
        if (!seen.contains(key)) {
            seen.insert(key);
            order.append(key);
        }
        out.insert(key, valueText(it.value()));
    }
}

std::optional<QJsonObject> objectOf(const QString &text)
{
    if (text.trimmed().isEmpty())
        return QJsonObject();
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

}  // namespace

AuditChangesModel::AuditChangesModel(QObject *parent) : QAbstractTableModel(parent) {}

void AuditChangesModel::setStates(const QString &before, const QString &after)
{
    beginResetModel();
    m_rows.clear();
    const auto beforeObject = objectOf(before);
    const auto afterObject = objectOf(after);
    if (!beforeObject || !afterObject) {
        if (!before.isEmpty() || !after.isEmpty())
            m_rows.append({QString(), before, after, before != after});
    } else {
        QMap<QString, QString> beforeFields;
        QMap<QString, QString> afterFields;
        QStringList order;
        QSet<QString> seen;
        flatten(*beforeObject, {}, beforeFields, order, seen);
        flatten(*afterObject, {}, afterFields, order, seen);
        QList<Row> same;
        for (const QString &field : std::as_const(order)) {
            Row row{field, beforeFields.value(field), afterFields.value(field), false};
            // A field only after is new on a creation, and context where the service recorded only
            // the fields it changed before (a role change records the old role, then the whole row).
            const bool inBefore = beforeFields.contains(field);
            const bool inAfter = afterFields.contains(field);
            row.changed = inBefore && inAfter ? row.before != row.after : inBefore || beforeFields.isEmpty();
            (row.changed ? m_rows : same).append(row);
        }
        m_rows.append(same);
    }
    endResetModel();
}

int AuditChangesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AuditChangesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditChangesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    if (role == Qt::FontRole && row.changed) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Field:
        return row.field.isEmpty() ? tr("(whole record)") : row.field;
    case Before:
        return row.before;
    case After:
        return row.after;
    default:
        return {};
    }
}

QVariant AuditChangesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Field:
        return tr("Field");
    case Before:
        //: the value before the audited change
        return tr("Before");
    case After:
        //: the value after the audited change
        return tr("After");
    default:
        return {};
    }
}

void AuditChangesModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

}  // namespace cd::ui
