#include "ui/operations/sessiontablemodel.h"

#include "core/charging/chargingtypes.h"
#include "core/charging/sessiontimeline.h"

#include <QColor>
#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {

qint64 idOf(const charging::SuspiciousSession &s)
{
    return s.session.id;
}

}  // namespace

SessionTableModel::SessionTableModel(QObject *parent) : PagedTableModel(parent) {}

void SessionTableModel::setSessions(QList<charging::SuspiciousSession> sessions, qint64 nowMs, bool hasMore)
{
    m_nowMs = nowMs;
    replacePage(m_rows, std::move(sessions), hasMore, idOf);
}

void SessionTableModel::appendSessions(QList<charging::SuspiciousSession> sessions, bool hasMore)
{
    appendPage(m_rows, std::move(sessions), hasMore, idOf);
}

const charging::SuspiciousSession *SessionTableModel::row(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int SessionTableModel::rowOf(qint64 sessionId) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).session.id == sessionId)
            return int(i);
    }
    return -1;
}

QString SessionTableModel::durationText(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, ms / 1000);
    if (s >= 86400)
        return tr("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
    if (s >= 3600)
        return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
    if (s >= 60)
        return tr("%1 min").arg(s / 60);
    return tr("%1 s").arg(s);
}

std::optional<qint64> SessionTableModel::durationMs(const storage::Session &s, qint64 nowMs)
{
    const qint64 from = s.startedMs.value_or(s.createdMs);
    // Station times on both ends; while open, up to now or the station's newest meter reading,
    // whichever is later (a station clock ahead of ours must not make the duration 0).
    const qint64 to = s.endedMs ? *s.endedMs
        : s.stopSource.isEmpty() ? std::max(nowMs, s.lastMeterAtMs.value_or(nowMs))
                                 : s.updatedMs;
    return std::max<qint64>(0, to - from);
}

QString SessionTableModel::statusText(const QString &statusName)
{
    const auto status = charging::sessionStatusFromName(statusName);
    return status ? charging::ChargingText::describeSessionStatus(*status) : statusName;
}

int SessionTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SessionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SessionTableModel::data(const QModelIndex &index, int role) const
{
    const charging::SuspiciousSession *r = row(index.row());
    if (!r || !index.isValid())
        return {};
    const storage::Session &s = r->session;
    if (role == SessionIdRole)
        return s.id;
    if (role == Qt::ForegroundRole && index.column() == Why)
        return QColor(0xc6, 0x28, 0x28);
    if (role == SortRole) {
        switch (index.column()) {
        case Number:
            return s.id;
        case Energy:
            return s.energyWh;
        case Started:
            return s.startedMs.value_or(s.createdMs);
        case Duration:
            return durationMs(s, m_nowMs).value_or(-1);
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Why) {
        QStringList reasons;
        for (const charging::Suspicion why : r->reasons)
            reasons << charging::SuspiciousSessions::describe(why);
        return reasons.join(u'\n');
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Number:
        return s.sessionNumber;
    case Status:
        return statusText(s.status);
    case Station:
        //: station id and connector number, e.g. "KYIV-0001 / 2"
        return s.connectorId ? tr("%1 / %2").arg(s.chargePointId).arg(*s.connectorId) : s.chargePointId;
    case User:
        return s.memberName.isEmpty() ? s.idTag : s.memberName + u" · "_s + s.idTag;
    case Energy:
        return charging::SessionTimeline::energyText(s.energyWh);
    case Started:
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(s.startedMs.value_or(s.createdMs)).toLocalTime(),
                                  QLocale::ShortFormat);
    case Duration:
        return durationText(durationMs(s, m_nowMs).value_or(0));
    case Why: {
        QStringList reasons;
        for (const charging::Suspicion why : r->reasons)
            reasons << charging::SuspiciousSessions::describe(why);
        return reasons.join(u"; "_s);
    }
    default:
        return {};
    }
}

QVariant SessionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Number:
        return tr("Session");
    case Status:
        return tr("Status");
    case Station:
        return tr("Station / connector");
    case User:
        return tr("User / card");
    case Energy:
        return tr("Energy");
    case Started:
        return tr("Started");
    case Duration:
        return tr("Duration");
    case Why:
        return tr("Why suspicious");
    default:
        return {};
    }
}

void SessionTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

}  // namespace cd::ui
