#include "core/anomalies/correctionmethod.h"

#include <array>
#include <utility>

namespace cd::anomalies {

namespace {

constexpr std::array<std::pair<CorrectionMethod, const char16_t *>, 6> kMethods{{
    {CorrectionMethod::EstimateFromSamples, u"estimate"},
    {CorrectionMethod::UseStationBill, u"station"},
    {CorrectionMethod::ManualEnergy, u"manual"},
    {CorrectionMethod::MoveServiceEndToChargingEnd, u"service-end"},
    {CorrectionMethod::RecomputeWithTariff, u"tariff"},
    {CorrectionMethod::Revert, u"revert"},
}};

}  // namespace

QString correctionMethodName(CorrectionMethod method)
{
    for (const auto &[value, text] : kMethods) {
        if (value == method)
            return QString::fromUtf16(text);
    }
    return {};
}

std::optional<CorrectionMethod> correctionMethodFromName(const QString &name)
{
    for (const auto &[value, text] : kMethods) {
        if (name.trimmed().compare(QStringView(text), Qt::CaseInsensitive) == 0)
            return value;
    }
    return std::nullopt;
}

QList<CorrectionMethod> allCorrectionMethods()
{
    QList<CorrectionMethod> out;
    for (const auto &entry : kMethods)
        out << entry.first;
    return out;
}

QString CorrectionMethodText::title(CorrectionMethod method)
{
    switch (method) {
    case CorrectionMethod::EstimateFromSamples:
        return tr("Estimate the energy from the meter samples");
    case CorrectionMethod::UseStationBill:
        return tr("Use the station's own bill");
    case CorrectionMethod::ManualEnergy:
        return tr("Enter the energy by hand");
    case CorrectionMethod::MoveServiceEndToChargingEnd:
        return tr("Move the service end to the charging end");
    case CorrectionMethod::RecomputeWithTariff:
        return tr("Recompute with a tariff");
    case CorrectionMethod::Revert:
        return tr("Revert to an earlier version");
    }
    return {};
}

QString CorrectionMethodText::explanation(CorrectionMethod method)
{
    switch (method) {
    case CorrectionMethod::EstimateFromSamples:
        return tr("The energy is taken from the energy register readings the station sent during the session "
                  "(first to last reading), and the bill is computed again.");
    case CorrectionMethod::UseStationBill:
        return tr("The energy the station itself reported (its stop reading, or its own bill) replaces the platform's, "
                  "and the bill is computed again.");
    case CorrectionMethod::ManualEnergy:
        return tr("You type the energy, for example from the station's display or a photo of it, and the bill is "
                  "computed again.");
    case CorrectionMethod::MoveServiceEndToChargingEnd:
        return tr("The service end is set to the charging end, so no idle (occupancy) fee is charged. For a car that "
                  "did not occupy the charger after charging.");
    case CorrectionMethod::RecomputeWithTariff:
        return tr("The same energy and times are priced again: with the tariff that was valid when the session ran, "
                  "or with a tariff version you choose.");
    case CorrectionMethod::Revert:
        return tr("A wrong correction is undone by a new version with the numbers of an earlier one; nothing is "
                  "deleted.");
    }
    return {};
}

}  // namespace cd::anomalies
