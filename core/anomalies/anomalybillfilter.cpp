#include "core/anomalies/anomalybillfilter.h"

#include "core/storage/sqlhelpers.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace cd::anomalies {

using storage::Sql;

namespace {

// A LIKE pattern that matches `text` anywhere, with `!` as the escape character.
QString containsPattern(const QString &text)
{
    QString escaped;
    for (const QChar c : text) {
        if (c == u'!' || c == u'%' || c == u'_')
            escaped += u'!';
        escaped += c;
    }
    return u'%' + escaped + u'%';
}

void addCodes(const AnomalyBillFilter &filter, const QString &alias, QStringList &where, QVariantList &values)
{
    if (filter.codes.isEmpty())
        return;
    where << alias + u".code IN ("_s + Sql::placeholders(filter.codes.size()) + u')';
    for (int code : filter.codes)
        values << code;
}

}  // namespace

QString anomalyStatusName(AnomalyStatus status)
{
    switch (status) {
    case AnomalyStatus::Open:
        return u"open"_s;
    case AnomalyStatus::Resolved:
        return u"resolved"_s;
    case AnomalyStatus::All:
        return u"all"_s;
    }
    return {};
}

std::optional<AnomalyStatus> anomalyStatusFromName(const QString &name)
{
    for (AnomalyStatus s : {AnomalyStatus::Open, AnomalyStatus::Resolved, AnomalyStatus::All}) {
        if (anomalyStatusName(s) == name)
            return s;
    }
    return std::nullopt;
}

FilterSql sessionFilterSql(const AnomalyBillFilter &filter)
{
    QStringList where;
    QVariantList values;
    if (!filter.chargePointId.isEmpty()) {
        where << u"st.charge_point_id = ?"_s;
        values << filter.chargePointId;
    }
    if (!filter.firmware.isEmpty()) {
        where << u"st.firmware = ?"_s;
        values << filter.firmware;
    }
    if (filter.startedFromMs) {
        where << u"s.started_ms >= ?"_s;
        values << *filter.startedFromMs;
    }
    if (filter.startedToMs) {
        where << u"s.started_ms < ?"_s;
        values << *filter.startedToMs;
    }
    if (where.isEmpty())
        where << u"1 = 1"_s;
    return {where.join(u" AND "_s), values};
}

FilterSql filterSql(const AnomalyBillFilter &filter, bool correlated, const std::optional<SessionBound> &sessionBound)
{
    QStringList where;
    QVariantList values;
    // The sessions with anomalies of the status (and codes) asked for: a semi-join on
    // bill_anomalies, answered from the indexes of migration 12.
    QStringList inner;
    switch (filter.status) {
    case AnomalyStatus::Open:
        inner << u"a.resolved_ms IS NULL"_s;
        break;
    case AnomalyStatus::Resolved:
        inner << u"a.resolved_ms IS NOT NULL"_s;
        break;
    case AnomalyStatus::All:
        break;
    }
    addCodes(filter, u"a"_s, inner, values);
    if (sessionBound) {
        inner << u"a.session_id "_s + sessionBound->comparison;
        values << sessionBound->sessionId;
    }
    if (correlated) {
        inner.prepend(u"a.session_id = s.id"_s);
        where << u"EXISTS (SELECT 1 FROM bill_anomalies a WHERE "_s + inner.join(u" AND "_s) + u')';
    } else {
        where << u"s.id IN (SELECT a.session_id FROM bill_anomalies a"_s
                     + (inner.isEmpty() ? QString() : u" WHERE "_s + inner.join(u" AND "_s)) + u')';
    }
    if (filter.status == AnomalyStatus::Resolved)
        where << u"NOT EXISTS (SELECT 1 FROM bill_anomalies o WHERE o.session_id = s.id AND o.resolved_ms IS NULL)"_s;
    const FilterSql sessions = sessionFilterSql(filter);
    where << sessions.where;
    values << sessions.values;
    if (!filter.search.trimmed().isEmpty()) {
        where << u"s.session_number LIKE ? ESCAPE '!'"_s;
        values << containsPattern(filter.search.trimmed());
    }
    return {where.join(u" AND "_s), values};
}

FilterSql anomalyRowSql(const AnomalyBillFilter &filter, const QString &alias)
{
    QStringList where;
    QVariantList values;
    const QString noOpenRow = u"NOT EXISTS (SELECT 1 FROM bill_anomalies o WHERE o.session_id = "_s + alias
                              + u".session_id AND o.resolved_ms IS NULL)"_s;
    switch (filter.status) {
    case AnomalyStatus::Open:
        where << alias + u".resolved_ms IS NULL"_s;
        break;
    case AnomalyStatus::Resolved:
        where << alias + u".resolved_ms IS NOT NULL"_s << noOpenRow;
        break;
    case AnomalyStatus::All:
        break;
    }
    addCodes(filter, alias, where, values);
    if (where.isEmpty())
        where << u"1 = 1"_s;
    return {where.join(u" AND "_s), values};
}

}  // namespace cd::anomalies
