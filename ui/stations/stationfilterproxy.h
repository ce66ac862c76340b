#pragma once
// The station list as the operator narrowed it: the search text (any column) and which
// stations — all, online (charging and faulted ones included), offline, faulted or charging,
// the same groups the dashboard counts — and, on the map, one vendor and one site.

#include <QSortFilterProxyModel>
#include <QStringList>

namespace cd::ui {

class StationFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class Show { All, Online, Offline, Faulted, Charging };
    static constexpr qint64 kAnySite = -1;
    static constexpr qint64 kNoSite = 0;

    explicit StationFilterProxy(QObject *parent = nullptr);

    // The names of the groups, in the order of Show, in the current language.
    static QStringList showTitles();

    Show show() const { return m_show; }
    void setShow(Show show);
    // Empty: any vendor.
    void setVendor(const QString &vendor);
    // A site's id, kNoSite (stations without one) or kAnySite.
    void setSite(qint64 siteId);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    Show m_show = Show::All;
    QString m_vendor;
    qint64 m_site = kAnySite;
};

}  // namespace cd::ui
