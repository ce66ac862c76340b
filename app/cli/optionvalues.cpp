#include "app/cli/optionvalues.h"

#include "core/payments/moneytext.h"
#include "core/payments/paymentsettings.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QSettings>

namespace cd::cli {

Expected<int> OptionValues::positive(const QCommandLineParser &parser, const QString &name, int fallback)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value <= 0)
        return Error{ExitCode::Usage, tr("--%1 must be a positive number.").arg(name)};
    return value;
}

Expected<std::optional<qint64>> OptionValues::timeMs(const QCommandLineParser &parser, const QString &name)
{
    if (!parser.isSet(name))
        return std::optional<qint64>();
    const QDateTime at = QDateTime::fromString(parser.value(name), Qt::ISODateWithMs);
    if (!at.isValid())
        return Error{ExitCode::Usage,
                     tr("--%1 must be an ISO 8601 date and time, e.g. 2027-01-31T23:59:59Z.").arg(name)};
    return std::optional<qint64>(at.toMSecsSinceEpoch());
}

Expected<std::optional<qint64>> OptionValues::id(const QCommandLineParser &parser, const QString &name)
{
    if (!parser.isSet(name))
        return std::optional<qint64>();
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok || value <= 0)
        return Error{ExitCode::Usage, tr("--%1 must be an id (a positive number).").arg(name)};
    return std::optional<qint64>(value);
}

Expected<std::optional<double>> OptionValues::number(const QCommandLineParser &parser, const QString &name)
{
    if (!parser.isSet(name))
        return std::optional<double>();
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok)
        return Error{ExitCode::Usage, tr("--%1 must be a number.").arg(name)};
    return std::optional<double>(value);
}

Expected<qint64> OptionValues::argumentId(const QStringList &args, const QString &missing)
{
    if (args.size() != 1)
        return Error{ExitCode::Usage, missing};
    bool ok = false;
    const qint64 value = args.first().toLongLong(&ok);
    if (!ok || value <= 0)
        return Error{ExitCode::Usage, tr("\"%1\" is not an id.").arg(args.first())};
    return value;
}

QString OptionValues::currency(const QCommandLineParser &parser)
{
    const QString given = parser.value(QStringLiteral("currency")).trimmed().toUpper();
    if (!given.isEmpty())
        return given;
    return payments::PaymentSettings::load(QSettings()).holdCurrency;
}

Expected<qint64> OptionValues::amount(const QCommandLineParser &parser, const QString &name, const QString &currency)
{
    const int digits = payments::minorUnitDigits(currency);
    if (const std::optional<qint64> minor = payments::parseMoney(parser.value(name).trimmed(), digits))
        return *minor;
    return Error{ExitCode::Usage,
                 tr("--%1 must be an amount such as 12.50 (at most %n decimal place(s)).", nullptr, digits).arg(name)};
}

}  // namespace cd::cli
