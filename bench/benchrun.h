#pragma once
// One run: start the server, connect and boot the whole fleet, let it warm up, then measure a
// steady-state window (replies counted and timed as the stations receive them, the server's
// memory and CPU from /proc), end the fleet and stop the server.

#include "benchoptions.h"
#include "runresult.h"
#include "serverprocess.h"

namespace cd::bench {

RunResult runWorkload(const ServerCommand &server, const BenchOptions &options);

}  // namespace cd::bench
