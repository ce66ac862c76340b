#include "core/sessions/statuspriority.h"

#include "core/charging/chargingtypes.h"

#include <QStringList>

#include <algorithm>

namespace cd::sessions {

QString changeModeName(ChangeMode mode)
{
    return mode == ChangeMode::Override ? QStringLiteral("override") : QStringLiteral("soft");
}

std::optional<ChangeMode> changeModeFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == u"soft")
        return ChangeMode::Soft;
    if (n == u"override")
        return ChangeMode::Override;
    return std::nullopt;
}

QStringList StatusPriority::statusNames()
{
    using charging::SessionStatus;
    QList<SessionStatus> all = {SessionStatus::Created, SessionStatus::Pending, SessionStatus::Starting,
                                SessionStatus::Ongoing, SessionStatus::PendingFinalPayment, SessionStatus::Finished,
                                SessionStatus::Canceled, SessionStatus::Failed, SessionStatus::FailedHold};
    std::stable_sort(all.begin(), all.end(), [](SessionStatus a, SessionStatus b) {
        return charging::sessionStatusPriority(a) < charging::sessionStatusPriority(b);
    });
    QStringList names;
    for (SessionStatus s : all)
        names << charging::sessionStatusName(s);
    return names;
}

Status StatusPriority::check(const QString &sessionLabel, const QString &from, const QString &to, ChangeMode mode)
{
    const auto target = charging::sessionStatusFromName(to);
    if (!target) {
        return Error{ExitCode::Usage, tr("\"%1\" is not a session status. Use one of: %2.")
                                          .arg(to.left(40), statusNames().join(QStringLiteral(", ")))};
    }
    if (from == to)
        return Error{ExitCode::Usage, tr("Session %1 is %2 already.").arg(sessionLabel, to)};
    if (mode == ChangeMode::Override)
        return {};
    const auto current = charging::sessionStatusFromName(from);
    if (!current)
        return {};  // an unknown stored status has no priority to protect
    if (charging::sessionStatusPriority(*target) < charging::sessionStatusPriority(*current)) {
        return Error{ExitCode::Usage, tr("Session %1 is %2; SOFT cannot move it back to %3. Use OVERRIDE if you must "
                                         "(it is recorded with its mode).")
                                          .arg(sessionLabel, from, to)};
    }
    return {};
}

}  // namespace cd::sessions
