#include "core/refunds/refundplan.h"

#include <algorithm>

namespace cd::refunds {

RefundPlan planRefund(const QList<RefundableTopUp> &topUps, qint64 amountMinor, const QString &gatewayName,
                      const QString &currency)
{
    RefundPlan plan;
    qint64 remaining = std::max<qint64>(amountMinor, 0);
    for (const RefundableTopUp &t : topUps) {
        if (remaining == 0)
            break;
        if (t.leftMinor <= 0 || t.topUp.currency != currency)
            continue;
        const bool atDesk = t.topUp.gateway == deskGatewayName();
        const bool throughGateway = !atDesk && !gatewayName.isEmpty() && t.topUp.gateway == gatewayName
                                    && !t.topUp.receipt.trimmed().isEmpty();
        if (!atDesk && !throughGateway)
            continue;
        PlannedRefund part;
        part.topUp = t.topUp;
        part.amountMinor = std::min(remaining, t.leftMinor);
        part.atDesk = atDesk;
        remaining -= part.amountMinor;
        plan.coveredMinor += part.amountMinor;
        plan.parts.append(part);
    }
    plan.uncoveredMinor = remaining;
    return plan;
}

}  // namespace cd::refunds
