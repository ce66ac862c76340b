#pragma once
// Shared fixtures for the widget tests.

#include "ui/shell/consolecontext.h"

#include <QString>

namespace cd::test {

// What a typical single-desktop installation shows: SQLCipher file, key in the keychain.
inline ui::ConsoleContext sampleConsoleContext()
{
    ui::ConsoleContext context;
    context.engine = QStringLiteral("SQLCipher 3.4.1");
    context.location = QStringLiteral("/home/operator/.local/share/ChargeDesk/chargedesk.db");
    context.schemaVersion = 2;
    context.keySource = ui::ConsoleContext::KeySource::Keychain;
    return context;
}

}  // namespace cd::test
