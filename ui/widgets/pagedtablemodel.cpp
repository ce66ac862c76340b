#include "ui/widgets/pagedtablemodel.h"

namespace cd::ui {

bool PagedTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_hasMore && !m_fetching && rowCount() > 0;
}

void PagedTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    Q_EMIT moreRequested(pageBoundary());
}

void PagedTableModel::pageArrived(bool hasMore)
{
    m_hasMore = hasMore;
    m_fetching = false;
}

}  // namespace cd::ui
