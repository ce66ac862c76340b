#pragma once
// Which top-ups an approved refund goes back through (DOMAIN "Refunds"): the member's top-ups,
// newest first; of each at most what is left of it (its amount minus its refunds that succeeded or
// are in progress), so a refund never exceeds what was taken. A top-up paid through the console's
// payment gateway is refunded through it (its receipt is the gateway's reference); one paid in
// cash at the desk (gateway "manual") is paid back at the desk and confirmed by the operator. A
// top-up of another gateway, or one without the gateway's reference, cannot be refunded from here:
// what the plan cannot cover goes back to the member's refundable balance.

#include "core/refunds/refundrepository.h"

#include <QList>
#include <QString>

namespace cd::refunds {

struct PlannedRefund {
    accounts::TopUp topUp;
    qint64 amountMinor = 0;
    bool atDesk = false;  // cash: paid back by the operator, not through the gateway
};

struct RefundPlan {
    QList<PlannedRefund> parts;   // newest top-up first
    qint64 coveredMinor = 0;      // the sum of the parts
    qint64 uncoveredMinor = 0;    // what no top-up could take back
};

// `topUps` newest first (RefundRepository::refundableTopUps); `gatewayName` the console's gateway
// ("" when none is available: only desk top-ups can be refunded); only top-ups in `currency` (the
// application's) are refunded through.
RefundPlan planRefund(const QList<RefundableTopUp> &topUps, qint64 amountMinor, const QString &gatewayName,
                      const QString &currency);

// The desk's "gateway": cash at the console's desk.
inline QString deskGatewayName()
{
    return QStringLiteral("manual");
}

}  // namespace cd::refunds
