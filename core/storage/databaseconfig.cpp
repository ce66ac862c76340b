#include "core/storage/databaseconfig.h"

#include <QDir>
#include <QStandardPaths>

namespace cd::storage {

QString DatabaseConfig::displayName() const
{
    if (isPostgres())
        return postgresUrl.toDisplayString(QUrl::RemovePassword);
    return QDir::toNativeSeparators(sqlitePath);
}

QString DatabaseConfig::defaultSqlitePath()
{
    // ~/.local/share/ChargeDesk on Linux, %LOCALAPPDATA%\ChargeDesk on Windows.
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return QDir(dir).filePath(QStringLiteral("ChargeDesk/chargedesk.db"));
}

}  // namespace cd::storage
