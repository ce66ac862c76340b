#pragma once
// The operator's status change (DOMAIN, seed 000): statuses have priorities
// (charging::sessionStatusPriority, the one table); in SOFT mode an operator cannot move a session
// to a lower-priority status (finished back to ongoing); OVERRIDE ignores priorities and is always
// audited with its mode.

#include "core/common/expected.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace cd::sessions {

enum class ChangeMode { Soft, Override };

QString changeModeName(ChangeMode mode);  // "soft", "override"
std::optional<ChangeMode> changeModeFromName(const QString &name);

class StatusPriority {
    Q_DECLARE_TR_FUNCTIONS(cd::sessions::StatusPriority)
public:
    // Whether an operator may move session `sessionLabel` from `from` to `to` in `mode`; the
    // refusal says why. Unknown status names and "no change" are refused in both modes.
    static Status check(const QString &sessionLabel, const QString &from, const QString &to, ChangeMode mode);
    // Every status an operator can name, in priority order.
    static QStringList statusNames();
};

}  // namespace cd::sessions
