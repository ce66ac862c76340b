#pragma once
// JSON for the CLI (--json) and exports: sessions, session detail (events, meter samples,
// message log), stations with connectors, status history, id tags. Times as UTC epoch ms and
// ISO text; energy in Wh; meter values in thousandths of their unit (integers, never floats).

#include "core/charging/chargingqueries.h"
#include "core/storage/idtagrepository.h"

#include <QJsonObject>

namespace cd::charging::json {

QJsonObject session(const storage::Session &session);
QJsonObject sessionEvent(const storage::SessionEvent &event);
QJsonObject meterSample(const storage::MeterSample &sample);
QJsonObject message(const storage::MessageLogEntry &entry);
// `tx show <id> --json`: the session with "events", "meterSamples" and "messages".
QJsonObject sessionDetail(const SessionDetail &detail);

QJsonObject station(const StationOverview &station);
QJsonObject statusEntry(const storage::ConnectorStatusEntry &entry);
QJsonObject stationEvent(const storage::StationEvent &event);
QJsonObject idTag(const storage::IdTag &tag);
QJsonObject deviceVariable(const storage::DeviceVariable &variable);

}  // namespace cd::charging::json
