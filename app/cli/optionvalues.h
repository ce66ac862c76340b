#pragma once
// Reading option values the same way in every command: numbers and UTC times, with the same
// usage errors.

#include "core/common/expected.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

class QCommandLineParser;

namespace cd::cli {

class OptionValues {
    Q_DECLARE_TR_FUNCTIONS(cd::cli::OptionValues)
public:
    // --name N: a whole number >= 1; `fallback` when the option is absent.
    static Expected<int> positive(const QCommandLineParser &parser, const QString &name, int fallback);
    // --name ISO-8601 date and time (e.g. 2027-01-31T23:59:59Z) as UTC ms; nullopt when absent.
    static Expected<std::optional<qint64>> timeMs(const QCommandLineParser &parser, const QString &name);
};

}  // namespace cd::cli
