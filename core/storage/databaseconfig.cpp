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
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    return QDir(dir).filePath(QStringLiteral("chargedesk.db"));
}

}  // namespace cd::storage
