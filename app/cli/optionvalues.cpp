#include "app/cli/optionvalues.h"

#include <QCommandLineParser>
#include <QDateTime>

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

}  // namespace cd::cli
