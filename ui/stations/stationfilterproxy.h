#pragma once
// The station list as the operator narrowed it: the search text (any column) and which
// stations — all, online (charging and faulted ones included), offline, faulted or charging,
// the same groups the dashboard counts.

#include <QSortFilterProxyModel>

namespace cd::ui {

class StationFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class Show { All, Online, Offline, Faulted, Charging };

    explicit StationFilterProxy(QObject *parent = nullptr);

    Show show() const { return m_show; }
    void setShow(Show show);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    Show m_show = Show::All;
};

}  // namespace cd::ui
