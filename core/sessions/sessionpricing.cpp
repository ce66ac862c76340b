#include "core/sessions/sessionpricing.h"

#include "core/billing/billcalculator.h"

namespace cd::sessions {

qint64 amountForEnergy(qint64 energyWh, qint64 pricePerKwhMinor)
{
    return billing::feeForEnergy(energyWh, pricePerKwhMinor);
}

}  // namespace cd::sessions
