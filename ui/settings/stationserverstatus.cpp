#include "ui/settings/stationserverstatus.h"

#include "core/runtime/stationservercontrol.h"

namespace cd::ui {

using State = runtime::EmbeddedServer::State;

QString StationServerStatus::statusBarText(const runtime::StationServerControl &control)
{
    const runtime::EmbeddedServer &server = control.server();
    switch (server.state()) {
    case State::Stopped:
        return tr("Station server: off");
    case State::Starting:
        return tr("Station server: starting…");
    case State::Failed:
        return tr("Station server: not running");
    case State::Running:
        //: Status bar: %1 is the address stations connect to; %n how many are connected now
        return tr("Station server: %1 · %n station(s) connected", nullptr, int(server.stats().connectedNow))
            .arg(server.stationUrl());
    }
    return {};
}

QString StationServerStatus::detailText(const runtime::StationServerControl &control)
{
    const runtime::EmbeddedServer &server = control.server();
    switch (server.state()) {
    case State::Stopped:
        return tr("Off. Stations cannot connect to this console.");
    case State::Starting:
        return tr("Starting…");
    case State::Failed:
        //: %1 is the reason, e.g. "The address is already in use"
        return tr("Not running: %1").arg(server.errorMessage());
    case State::Running:
        //: %1 is the address, e.g. ws://127.0.0.1:9000/ocpp; %n how many stations are connected now
        return tr("Running. Stations connect to %1/<station id>; %n connected now.", nullptr,
                  int(server.stats().connectedNow))
            .arg(server.stationUrl());
    }
    return {};
}

bool StationServerStatus::isProblem(const runtime::StationServerControl &control)
{
    return control.server().state() == State::Failed;
}

}  // namespace cd::ui
