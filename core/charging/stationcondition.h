#pragma once
// What a station is doing, in one word, for the station list, its filter and the dashboard:
// offline; faulted (a connector or the station itself reports Faulted); charging (a connector
// reports Charging — OCPP 1.6 — or is Occupied by an open transaction — OCPP 2.0.1); otherwise
// online. storage::DashboardRepository counts stations with the same rule in SQL.

#include "core/charging/chargingqueries.h"

namespace cd::charging {

// In the order the station list sorts them.
enum class StationCondition { Charging, Faulted, Online, Offline };

StationCondition stationCondition(const StationOverview &station);

}  // namespace cd::charging
