#pragma once
// How far a firmware update or a diagnostics / log upload has got, from the status notifications
// the station sends while it works (FirmwareStatusNotification, DiagnosticsStatusNotification,
// LogStatusNotification; 1.6 and 2.0.1 values).

#include <QString>

namespace cd::commands {

struct TransferProgress {
    int step = 0;         // 0 … steps
    int steps = 0;        // 0: the action reports no progress
    bool finished = false;
    bool failed = false;
};

// The station event kind that reports progress for `action` ("firmware_status", …); empty for none.
QString progressEventKind(const QString &action);
// Where `status` (as the station sent it) puts `action`.
TransferProgress transferProgress(const QString &action, const QString &status);

}  // namespace cd::commands
