#include "core/sim/misbehaviour.h"

#include <array>
#include <cmath>

namespace cd::sim {

namespace {

constexpr std::array kAll{
    Misbehaviour::MeterZeroThenJump,  Misbehaviour::OfflineMidSession,          Misbehaviour::ReplayAfterReconnect,
    Misbehaviour::IgnoreRemoteStop,   Misbehaviour::ChargeWithoutAuthorization, Misbehaviour::DuplicateStop,
    Misbehaviour::ClockSkew,
};

}  // namespace

QList<Misbehaviour> allMisbehaviours()
{
    return QList<Misbehaviour>(kAll.begin(), kAll.end());
}

QString misbehaviourName(Misbehaviour misbehaviour)
{
    switch (misbehaviour) {
    case Misbehaviour::None: return {};
    case Misbehaviour::MeterZeroThenJump: return QStringLiteral("meter-zero-then-jump");
    case Misbehaviour::OfflineMidSession: return QStringLiteral("offline-mid-session");
    case Misbehaviour::ReplayAfterReconnect: return QStringLiteral("replay-after-reconnect");
    case Misbehaviour::IgnoreRemoteStop: return QStringLiteral("ignore-remote-stop");
    case Misbehaviour::ChargeWithoutAuthorization: return QStringLiteral("charge-without-authorization");
    case Misbehaviour::DuplicateStop: return QStringLiteral("duplicate-stop");
    case Misbehaviour::ClockSkew: return QStringLiteral("clock-skew");
    }
    return {};
}

std::optional<Misbehaviour> misbehaviourFromName(QStringView name)
{
    for (Misbehaviour m : kAll) {
        if (misbehaviourName(m) == name)
            return m;
    }
    return std::nullopt;
}

QStringList misbehaviourNames(Misbehaviours set)
{
    QStringList names;
    for (Misbehaviour m : kAll) {
        if (set.testFlag(m))
            names.append(misbehaviourName(m));
    }
    return names;
}

std::optional<MisbehaviourAssignment> parseMisbehaviourSpec(const QString &spec, QString *error)
{
    const qsizetype colon = spec.indexOf(QLatin1Char(':'));
    const QString name = (colon < 0 ? spec : spec.left(colon)).trimmed();
    const std::optional<Misbehaviour> kind = misbehaviourFromName(name);
    if (!kind) {
        if (error) {
            QStringList known;
            for (Misbehaviour m : kAll)
                known.append(misbehaviourName(m));
            *error = MisbehaviourText::tr("Unknown misbehaviour \"%1\". Known: %2.").arg(name, known.join(QStringLiteral(", ")));
        }
        return std::nullopt;
    }
    MisbehaviourAssignment assignment;
    assignment.misbehaviour = *kind;
    if (colon < 0)
        return assignment;

    QString target = spec.mid(colon + 1).trimmed();
    const bool percent = target.endsWith(QLatin1Char('%'));
    if (percent)
        target.chop(1);
    bool isNumber = false;
    double share = target.toDouble(&isNumber);
    if (isNumber) {
        if (percent)
            share /= 100.0;
        if (!std::isfinite(share) || share < 0.0 || share > 1.0) {
            if (error)
                *error = MisbehaviourText::tr("The share in \"%1\" must be between 0 and 1 (or 0%–100%).").arg(spec);
            return std::nullopt;
        }
        assignment.share = share;
        return assignment;
    }
    if (percent) {
        if (error)
            *error = MisbehaviourText::tr("The share in \"%1\" is not a number.").arg(spec);
        return std::nullopt;
    }
    const QStringList ids = target.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &id : ids) {
        if (!id.trimmed().isEmpty())
            assignment.stationIds.append(id.trimmed());
    }
    if (assignment.stationIds.isEmpty()) {
        if (error)
            *error = MisbehaviourText::tr("\"%1\" names no share and no stations.").arg(spec);
        return std::nullopt;
    }
    return assignment;
}

QString misbehaviourDescription(Misbehaviour misbehaviour)
{
    switch (misbehaviour) {
    case Misbehaviour::None: return {};
    case Misbehaviour::MeterZeroThenJump:
        return MisbehaviourText::tr("meter register reads 0 at the start, then jumps to the real value");
    case Misbehaviour::OfflineMidSession:
        return MisbehaviourText::tr("goes offline mid-session and never sends StopTransaction");
    case Misbehaviour::ReplayAfterReconnect:
        return MisbehaviourText::tr("goes offline, then replays the session's messages, acknowledged ones included");
    case Misbehaviour::IgnoreRemoteStop:
        return MisbehaviourText::tr("accepts RemoteStopTransaction but keeps charging");
    case Misbehaviour::ChargeWithoutAuthorization:
        return MisbehaviourText::tr("delivers energy with no authorised transaction");
    case Misbehaviour::DuplicateStop:
        return MisbehaviourText::tr("sends every StopTransaction twice");
    case Misbehaviour::ClockSkew:
        return MisbehaviourText::tr("its clock runs two days ahead: every timestamp it sends lies in the future");
    }
    return {};
}

}  // namespace cd::sim
