#pragma once
// A small read-only table of texts: the detail lists of the Accounts screen (a member's cards,
// top-ups and coupons; a department's cards). The owner sets the headers in the current language
// (again on a language change) and the rows, already formatted.

#include <QAbstractTableModel>
#include <QStringList>

namespace cd::ui {

class TextTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit TextTableModel(QObject *parent = nullptr);

    void setHeaders(const QStringList &headers);
    void setRows(QList<QStringList> rows);
    const QList<QStringList> &rows() const { return m_rows; }
    // Columns aligned right (amounts).
    void setNumericColumns(QList<int> columns) { m_numeric = std::move(columns); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
    QList<int> m_numeric;
};

}  // namespace cd::ui
