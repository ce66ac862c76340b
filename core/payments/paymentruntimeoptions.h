#pragma once
// What configures payments in the process that serves stations (RuntimeOptions::payments): the
// gateway, where its secrets come from, and the timing of holds and guards in the session
// lifecycle. Kept apart from PaymentRuntime so RuntimeOptions stays a light header.

#include "core/payments/paymentsecrets.h"
#include "core/payments/paymentsettings.h"

#include <QString>

#include <chrono>

namespace cd::payments {

struct SessionPaymentOptions {
    qint64 holdAmountMinor = 0;                      // 0: no holds placed
    QString holdCurrency = QStringLiteral("UAH");    // when no global tariff names one
    std::chrono::milliseconds guardInterval{30000};  // per session: total, AutoStop, StopNotHonoured
    qint64 stopGraceMs = 60'000;                     // StopNotHonoured: time the station has to stop
    qint64 stopToleranceWh = 10;
    std::chrono::milliseconds sweepInterval{60000};  // 0: only when started and when the gateway comes
};

struct PaymentRuntimeOptions {
    PaymentSettings settings;    // Settings › Payments (QSettings "payments/")
    SecretSource key;            // the HTTP gateway's secret key
    SecretSource webhookSecret;  // the webhook signing secret
    // Timing of the session guards and the sweep (hold amount and currency come from settings).
    SessionPaymentOptions sessions;
};

}  // namespace cd::payments
