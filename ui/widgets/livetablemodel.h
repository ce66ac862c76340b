#pragma once
// A table model whose rows a live refresh replaces: when the same rows come back in the same
// order (by id) only their data changes, so the view keeps its selection and scroll position;
// otherwise the model resets.

#include <QAbstractTableModel>
#include <QList>

namespace cd::ui {

class LiveTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;

protected:
    // Replaces `rows` with `fresh`; `idOf(row)` tells rows apart.
    template <typename T, typename IdOf>
    void replaceRows(QList<T> &rows, QList<T> fresh, IdOf idOf)
    {
        bool same = fresh.size() == rows.size();
        for (qsizetype i = 0; same && i < fresh.size(); ++i)
            same = idOf(fresh.at(i)) == idOf(rows.at(i));
        if (!same) {
            beginResetModel();
            rows = std::move(fresh);
            endResetModel();
            return;
        }
        rows = std::move(fresh);
        if (!rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(rows.size()) - 1, columnCount() - 1));
    }
};

}  // namespace cd::ui
