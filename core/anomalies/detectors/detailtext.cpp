#include "core/anomalies/detectors/detailtext.h"

#include "core/anomalies/abandonedsessions.h"
#include "core/charging/chargingtypes.h"

#include <QDateTime>
#include <QLocale>

namespace cd::anomalies {

QString DetectorText::energy(qint64 wh)
{
    //: an amount of energy; %1 a number of kilowatt-hours with three decimals
    return tr("%1 kWh").arg(QLocale().toString(double(wh) / 1000.0, 'f', 3));
}

QString DetectorText::duration(qint64 ms)
{
    const QString sign = ms < 0 ? QStringLiteral("-") : QString();
    const qint64 s = (ms < 0 ? -ms : ms) / 1000;
    QString text;
    if (s < 60)
        //: a duration in seconds
        text = tr("%1 s").arg(s);
    else if (s < 3600)
        //: a duration in minutes
        text = tr("%1 min").arg(s / 60);
    else if (s < 48 * 3600)
        //: a duration: %1 hours, %2 minutes (two digits)
        text = tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
    else
        //: a duration: %1 days, %2 hours
        text = tr("%1 d %2 h").arg(s / 86400).arg((s % 86400) / 3600);
    return sign + text;
}

QString DetectorText::time(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))
        + QStringLiteral(" UTC");
}

QString DetectorText::power(qint64 w)
{
    //: a power; %1 a number of kilowatts with one decimal
    return tr("%1 kW").arg(QLocale().toString(double(w) / 1000.0, 'f', 1));
}

QString DetectorText::closedBy(const QString &stopSource)
{
    using namespace charging;
    if (stopSource == stopsource::Reboot)
        return tr("closed after the station rebooted");
    if (stopSource == stopsource::Superseded)
        return tr("closed when a new transaction started on the connector");
    if (stopSource == stopsource::Reconciled)
        return tr("closed after the station said it no longer runs the transaction");
    if (stopSource == stopsource::Operator)
        return tr("finished by an operator");
    if (stopSource == AbandonedSessions::stopSource())
        return tr("closed as abandoned: nothing heard of it for too long");
    if (stopSource.isEmpty())
        return tr("still open");
    //: %1 is who closed the session, as stored
    return tr("closed by \"%1\"").arg(stopSource);
}

}  // namespace cd::anomalies
