#pragma once
// What the console shows about the database it runs on. app/console fills it from
// cd::storage::Database, so the UI itself never touches SQL.

#include <QString>

namespace cd::ui {

struct ConsoleContext {
    enum class KeySource {
        NotApplicable,  // PostgreSQL: access is controlled by the server
        Keychain,       // the operating system's keychain
        File,           // keySourceDetail is the key file's path
        Environment,    // keySourceDetail is the environment variable's name
    };

    QString engine;        // "SQLCipher 3.4.1", "PostgreSQL 15.6"
    QString location;      // file path or postgresql://host/db, without password
    int schemaVersion = 0;
    KeySource keySource = KeySource::Keychain;
    QString keySourceDetail;
};

}  // namespace cd::ui
