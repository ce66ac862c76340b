#pragma once
// How the chart shows each quantity: its name, display unit, the factor from the stored
// thousandths to that unit (mW → kW), decimals, colour, and the pen of each phase.

#include "core/charging/sessionseries.h"

#include <QCoreApplication>
#include <QColor>
#include <QList>
#include <QPen>
#include <QString>

namespace cd::ui {

class ChartQuantities {
    Q_DECLARE_TR_FUNCTIONS(cd::ui::ChartQuantities)
public:
    using Quantity = charging::ChartQuantity;

    static QList<Quantity> all();
    static QString key(Quantity quantity);          // "power", "energy", ... (object names)
    static QString name(Quantity quantity);         // "Power"
    static QString unit(Quantity quantity);         // "kW"
    static QString axisTitle(Quantity quantity);    // "Power, kW"
    static QString description(Quantity quantity);  // a tooltip: what it is, where it comes from
    static double divisor(Quantity quantity);       // stored thousandths per display unit
    static int decimals(Quantity quantity);
    static QColor colour(Quantity quantity);
    static bool shownByDefault(Quantity quantity);
    // "7.20 kW", in the operator's locale.
    static QString valueText(Quantity quantity, double value);
    // "Current L1", "Voltage L2-N", "Power".
    static QString seriesName(const charging::MeterSeries &series);
    // Solid for the total and L1, dashed, dotted, dash-dotted for the others.
    static QPen pen(const charging::MeterSeries &series);
};

}  // namespace cd::ui
