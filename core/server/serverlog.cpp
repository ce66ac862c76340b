#include "core/server/serverlog.h"

namespace cd::server {
Q_LOGGING_CATEGORY(lcServer, "chargedesk.server")
}
