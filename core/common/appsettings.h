#pragma once
// The one place ChargeDesk remembers user choices: QSettings, organisation and application
// "ChargeDesk". Explicit names, so the CLI and the server share the console's choices even
// before (or without) setting the application's organisation name.

#include <QSettings>

namespace cd {

inline QSettings appSettings()
{
    return QSettings(QStringLiteral("ChargeDesk"), QStringLiteral("ChargeDesk"));
}

}  // namespace cd
