#pragma once
// A table model that loads its rows a page at a time. When more rows exist than are loaded, the
// view's fetchMore() (scrolling to the end) emits moreRequested once, with where the next page
// starts (pageBoundary: by default the number of rows loaded; a list paged by id says the last
// row's id); the page loads it and the model appends it. Every page that arrives says whether
// more follow (pageArrived), which also lets the view ask again.

#include "ui/widgets/livetablemodel.h"

#include <QList>
#include <QSet>

namespace cd::ui {

class PagedTableModel : public LiveTableModel {
    Q_OBJECT
public:
    using LiveTableModel::LiveTableModel;

    bool hasMore() const { return m_hasMore; }
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;

Q_SIGNALS:
    void moreRequested(qint64 boundary);

protected:
    // Where the next page starts (see above).
    virtual qint64 pageBoundary() const { return rowCount(); }
    // A page arrived (the first, or one asked for): whether more follow.
    void pageArrived(bool hasMore);

    // The first page: replaces `rows` (LiveTableModel::replaceRows), whether more follow.
    template <typename T, typename IdOf>
    void replacePage(QList<T> &rows, QList<T> page, bool hasMore, IdOf idOf)
    {
        pageArrived(hasMore);
        replaceRows(rows, std::move(page), idOf);
    }

    // A further page: appends the rows not listed yet (newer rows can shift listed ones into it).
    template <typename T, typename IdOf>
    void appendPage(QList<T> &rows, QList<T> page, bool hasMore, IdOf idOf)
    {
        pageArrived(hasMore);
        QSet<decltype(idOf(rows.constFirst()))> listed;
        for (const T &row : rows)
            listed.insert(idOf(row));
        QList<T> fresh;
        for (T &row : page) {
            if (!listed.contains(idOf(row)))
                fresh.append(std::move(row));
        }
        if (fresh.isEmpty())
            return;
        beginInsertRows({}, int(rows.size()), int(rows.size() + fresh.size()) - 1);
        rows.append(std::move(fresh));
        endInsertRows();
    }

private:
    bool m_hasMore = false;
    bool m_fetching = false;  // a page was asked for and has not arrived
};

}  // namespace cd::ui
