#pragma once
// Where the database key lives. The desktop keeps it in the OS keychain; a headless server
// reads it from a 0600 file or an environment variable named on the command line.
// There is no plain-text fallback: when no source can answer, opening fails and says how
// to provide a key.

#include "core/common/expected.h"
#include "core/storage/databasekey.h"

#include <optional>

namespace cd::storage {

class KeyStore {
public:
    virtual ~KeyStore() = default;

    enum class LoadState { Found, NotFound, Unavailable };
    struct Loaded {
        LoadState state = LoadState::NotFound;
        std::optional<DatabaseKey> key;
        QString detail;  // why NotFound / Unavailable, for the error message
    };

    // Reads the key for the database at databasePath.
    virtual Loaded load(const QString &databasePath) = 0;
    // Stores a freshly generated key; only sources that can keep one (keychain) support it.
    virtual Status store(const QString &databasePath, const DatabaseKey &key) = 0;
    virtual bool canStore() const = 0;
    // Human-readable description ("OS keychain", "key file /x/y", "environment variable X").
    virtual QString describe() const = 0;
    // How a user provides a key for this source when there is none.
    virtual QString howToProvide() const = 0;
};

}  // namespace cd::storage
