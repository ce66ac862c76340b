#pragma once
// What one audit entry changed, field by field: the values before and after (the JSON the
// services record), nested objects flattened to "a.b", changed fields first and in bold (a field
// recorded only after is a change on a creation and context otherwise).
// Text that is not a JSON object is shown whole as one row.

#include <QAbstractTableModel>
#include <QList>
#include <QString>

namespace cd::ui {

class AuditChangesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Field, Before, After, ColumnCount };

    explicit AuditChangesModel(QObject *parent = nullptr);

    void setStates(const QString &before, const QString &after);
    void clear() { setStates({}, {}); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void retranslate();

private:
    struct Row {
        QString field;
        QString before;
        QString after;
        bool changed = false;
    };
    QList<Row> m_rows;
};

}  // namespace cd::ui
