#pragma once

#include <QString>
#include <QUrl>

namespace cd::storage {

enum class KeySource { Keychain, File, Environment };

// Which database to open and where its key comes from.
struct DatabaseConfig {
    QString sqlitePath;      // SQLCipher file; used when postgresUrl is empty
    QUrl postgresUrl;        // postgresql://user:password@host:port/dbname
    KeySource keySource = KeySource::Keychain;
    QString keyFile;         // KeySource::File
    QString keyEnv;          // KeySource::Environment: name of the variable

    bool isPostgres() const { return !postgresUrl.isEmpty(); }
    // Human-readable location ("/home/x/.local/share/ChargeDesk/chargedesk.db", "postgresql://host/db").
    QString displayName() const;

    // <per-user data folder>/ChargeDesk/chargedesk.db
    static QString defaultSqlitePath();
};

}  // namespace cd::storage
