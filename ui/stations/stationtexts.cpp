#include "ui/stations/stationtexts.h"

namespace cd::ui {

QString StationTexts::connectorStatus(const QString &name)
{
    if (name == u"Available")
        return tr("available");
    if (name == u"Preparing")
        return tr("preparing");
    if (name == u"Charging")
        return tr("charging");
    if (name == u"SuspendedEVSE")
        return tr("suspended by the station");
    if (name == u"SuspendedEV")
        return tr("suspended by the vehicle");
    if (name == u"Finishing")
        return tr("finishing");
    if (name == u"Reserved")
        return tr("reserved");
    if (name == u"Unavailable")
        return tr("unavailable");
    if (name == u"Faulted")
        return tr("faulted");
    if (name == u"Occupied")
        return tr("occupied");
    if (name == u"Unknown")
        return tr("unknown");
    return name;
}

QString StationTexts::registrationStatus(const QString &name)
{
    if (name == u"Accepted")
        return tr("accepted");
    if (name == u"Pending")
        return tr("pending");
    if (name == u"Rejected")
        return tr("rejected");
    return name;
}

}  // namespace cd::ui
