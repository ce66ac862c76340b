#pragma once
// A report's rows as the Reports screen has fetched them so far (a page at a time: the screen
// asks its worker for the next page and appends it), each cell formatted by ReportCellText.

#include "core/reports/reporttable.h"

#include <QAbstractTableModel>

namespace cd::ui {

class ReportTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit ReportTableModel(QObject *parent = nullptr);

    void reset(const QList<reports::ReportColumn> &columns, const QList<reports::ReportRow> &rows);
    void append(const QList<reports::ReportRow> &rows);
    void clear() { reset({}, {}); }
    const QList<reports::ReportColumn> &columns() const { return m_columns; }
    const QList<reports::ReportRow> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<reports::ReportColumn> m_columns;
    QList<reports::ReportRow> m_rows;
};

}  // namespace cd::ui
