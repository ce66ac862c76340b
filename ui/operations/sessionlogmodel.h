#pragma once
// The session log of the selected session (SessionTimeline): time in UTC, time in the operator's
// zone, and what happened in plain words; ignored repeats greyed, warnings in red, the raw data
// behind each line as its tooltip. New lines of a live session are appended, not reset.

#include "core/charging/sessiontimeline.h"

#include <QAbstractTableModel>
#include <QList>
#include <QTimeZone>

namespace cd::ui {

class SessionLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeUtc, TimeLocal, What, ColumnCount };
    static constexpr int IgnoredRole = Qt::UserRole + 1;
    static constexpr int WarningRole = Qt::UserRole + 2;

    explicit SessionLogModel(QObject *parent = nullptr);

    // The log of this session (nullopt: none selected). Times are shown in `zone` besides UTC.
    void setDetail(std::optional<charging::SessionDetail> detail);
    void setTimeZone(const QTimeZone &zone);
    qint64 sessionId() const { return m_detail ? m_detail->session.id : 0; }
    const charging::TimelineEntry *entry(int row) const;


    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // The explanations are in the operator's language: rebuilt on a language switch.
    void retranslate();

private:
    void rebuild();

    std::optional<charging::SessionDetail> m_detail;
    QList<charging::TimelineEntry> m_entries;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
};

}  // namespace cd::ui
