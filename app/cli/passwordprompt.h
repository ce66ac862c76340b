#pragma once
// Passwords for the CLI: from an environment variable when it is set (scripts), otherwise asked
// for on the terminal without echo (or read as one line from a pipe).

#include "core/common/expected.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace cd::cli {

class PasswordPrompt {
    Q_DECLARE_TR_FUNCTIONS(cd::cli::PasswordPrompt)
public:
    // The value of `envName`, or what the user types after `prompt`.
    static Expected<QByteArray> read(const char *envName, const QString &prompt);
    // A new password: `envName`, or typed twice (the two must match).
    static Expected<QByteArray> readNew(const char *envName, const QString &prompt);
};

}  // namespace cd::cli
