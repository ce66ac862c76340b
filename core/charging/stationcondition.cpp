#include "core/charging/stationcondition.h"

namespace cd::charging {

StationCondition stationCondition(const StationOverview &station)
{
    if (!station.station.online())
        return StationCondition::Offline;
    bool charging = false;
    for (const ConnectorOverview &c : station.connectors) {
        if (c.connector.status == u"Faulted")
            return StationCondition::Faulted;
        charging = charging || c.connector.status == u"Charging"
                   || (c.connector.status == u"Occupied" && c.openSessionId.has_value());
    }
    return charging ? StationCondition::Charging : StationCondition::Online;
}

}  // namespace cd::charging
