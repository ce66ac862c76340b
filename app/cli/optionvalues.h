#pragma once
// Reading option values the same way in every command: numbers, ids, amounts of money, the
// currency and UTC times, with the same usage errors.

#include "core/common/expected.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

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
    // --name: an id (a positive number); nullopt when absent.
    static Expected<std::optional<qint64>> id(const QCommandLineParser &parser, const QString &name);
    // --name as a number (a latitude, a longitude); nullopt when absent.
    static Expected<std::optional<double>> number(const QCommandLineParser &parser, const QString &name);
    // The one positional argument as an id; `missing`: the usage error when there is not exactly one.
    static Expected<qint64> argumentId(const QStringList &args, const QString &missing);
    // --currency, else the installation's (Settings › Payments).
    static QString currency(const QCommandLineParser &parser);
    // --name as an amount of `currency` in minor units ("12.50" or "12,50").
    static Expected<qint64> amount(const QCommandLineParser &parser, const QString &name, const QString &currency);
};

}  // namespace cd::cli
