#pragma once
// Operator log category of the connection layer: "chargedesk.server".

#include <QLoggingCategory>

namespace cd::server {
Q_DECLARE_LOGGING_CATEGORY(lcServer)
}
