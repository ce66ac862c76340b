#pragma once
// The session list of the Operations screen: number, status in plain words, station and
// connector, card and member, energy, start, duration and (on the Suspicious tab) why. Rows keep
// their identity across live refreshes, so selection and scroll position survive them. Paged:
// when more sessions exist than are loaded, the view's fetchMore() (scrolling to the end) asks
// for the next page (moreRequested with the number of rows loaded) and the page appends it.

#include "core/charging/suspicioussessions.h"

#include "ui/widgets/pagedtablemodel.h"

#include <QList>

namespace cd::ui {

class SessionTableModel : public PagedTableModel {
    Q_OBJECT
public:
    enum Column { Number, Status, Station, User, Energy, Started, Duration, Why, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;   // numbers and times sort as such
    static constexpr int SessionIdRole = Qt::UserRole + 2;

    explicit SessionTableModel(QObject *parent = nullptr);

    // Replaces the rows; `nowMs` is the time open sessions' durations are counted to.
    void setSessions(QList<charging::SuspiciousSession> sessions, qint64 nowMs, bool hasMore = false);
    // Adds a page at the end; sessions already listed (shifted down by newer ones) are skipped.
    void appendSessions(QList<charging::SuspiciousSession> sessions, bool hasMore);
    const charging::SuspiciousSession *row(int row) const;
    int rowOf(qint64 sessionId) const;

    // "1 h 05 min", "12 min", "40 s"
    static QString durationText(qint64 ms);
    // Start to end, or to `nowMs` while open; nullopt before the station started.
    static std::optional<qint64> durationMs(const storage::Session &session, qint64 nowMs);
    static QString statusText(const QString &statusName);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;


    void retranslate();

private:
    QList<charging::SuspiciousSession> m_rows;
    qint64 m_nowMs = 0;
};

}  // namespace cd::ui
