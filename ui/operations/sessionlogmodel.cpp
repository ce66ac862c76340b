#include "ui/operations/sessionlogmodel.h"

#include "ui/widgets/timetext.h"

#include <QColor>
#include <QDateTime>
#include <QPalette>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {

bool sameEntry(const charging::TimelineEntry &a, const charging::TimelineEntry &b)
{
    return a.atMs == b.atMs && a.text == b.text && a.ignored == b.ignored && a.warning == b.warning;
}

}  // namespace

SessionLogModel::SessionLogModel(QObject *parent) : QAbstractTableModel(parent) {}

void SessionLogModel::setDetail(std::optional<charging::SessionDetail> detail)
{
    const bool sameSession = m_detail && detail && m_detail->session.id == detail->session.id;
    m_detail = std::move(detail);
    QList<charging::TimelineEntry> entries;
    if (m_detail)
        entries = charging::SessionTimeline::build(*m_detail);
    bool prefix = sameSession && entries.size() >= m_entries.size();
    for (qsizetype i = 0; prefix && i < m_entries.size(); ++i)
        prefix = sameEntry(m_entries.at(i), entries.at(i));
    if (!prefix) {
        beginResetModel();
        m_entries = std::move(entries);
        endResetModel();
        return;
    }
    if (entries.size() > m_entries.size()) {
        beginInsertRows({}, int(m_entries.size()), int(entries.size()) - 1);
        m_entries = std::move(entries);
        endInsertRows();
    }
}

void SessionLogModel::setTimeZone(const QTimeZone &zone)
{
    m_zone = zone;
    emit headerDataChanged(Qt::Horizontal, TimeLocal, TimeLocal);
    if (!m_entries.isEmpty())
        emit dataChanged(index(0, TimeLocal), index(int(m_entries.size()) - 1, TimeLocal));
}

const charging::TimelineEntry *SessionLogModel::entry(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries.at(row) : nullptr;
}

int SessionLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int SessionLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SessionLogModel::data(const QModelIndex &index, int role) const
{
    const charging::TimelineEntry *e = entry(index.row());
    if (!e || !index.isValid())
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeUtc:
            return millisecondText(e->atMs);
        case TimeLocal:
            return millisecondText(e->atMs, m_zone);
        case What:
            return e->text;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return e->detail;
    case Qt::ForegroundRole:
        if (e->warning)
            return QColor(0xc6, 0x28, 0x28);
        if (e->ignored)
            return QPalette().color(QPalette::Disabled, QPalette::Text);
        return {};
    case IgnoredRole:
        return e->ignored;
    case WarningRole:
        return e->warning;
    default:
        return {};
    }
}

QVariant SessionLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeUtc:
        return tr("Time (UTC)");
    case TimeLocal: {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const int offset = m_zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(now, QTimeZone::utc()));
        const QString sign = offset < 0 ? u"−"_s : u"+"_s;
        const int minutes = std::abs(offset) / 60;
        //: the operator's own time zone, %1 its offset such as "+02:00"
        return tr("Your time (UTC%1)").arg(sign + u"%1:%2"_s.arg(minutes / 60, 2, 10, QLatin1Char('0'))
                                                      .arg(minutes % 60, 2, 10, QLatin1Char('0')));
    }
    case What:
        return tr("What happened");
    default:
        return {};
    }
}

void SessionLogModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    rebuild();
}

void SessionLogModel::rebuild()
{
    beginResetModel();
    m_entries = m_detail ? charging::SessionTimeline::build(*m_detail) : QList<charging::TimelineEntry>();
    endResetModel();
}

}  // namespace cd::ui
