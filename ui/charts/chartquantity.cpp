#include "ui/charts/chartquantity.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace cd::ui {

QList<ChartQuantities::Quantity> ChartQuantities::all()
{
    return {Quantity::Power, Quantity::Energy, Quantity::SoC, Quantity::Current, Quantity::Voltage};
}

QString ChartQuantities::key(Quantity quantity)
{
    switch (quantity) {
    case Quantity::Power: return u"power"_s;
    case Quantity::Energy: return u"energy"_s;
    case Quantity::Current: return u"current"_s;
    case Quantity::Voltage: return u"voltage"_s;
    case Quantity::SoC: return u"soc"_s;
    }
    return {};
}

QString ChartQuantities::name(Quantity quantity)
{
    switch (quantity) {
    case Quantity::Power: return tr("Power");
    case Quantity::Energy: return tr("Energy");
    case Quantity::Current: return tr("Current");
    case Quantity::Voltage: return tr("Voltage");
    //: the vehicle battery's state of charge (SoC), in percent
    case Quantity::SoC: return tr("Battery");
    }
    return {};
}

QString ChartQuantities::unit(Quantity quantity)
{
    switch (quantity) {
    case Quantity::Power: return tr("kW");
    case Quantity::Energy: return tr("kWh");
    //: amperes
    case Quantity::Current: return tr("A");
    //: volts
    case Quantity::Voltage: return tr("V");
    case Quantity::SoC: return u"%"_s;
    }
    return {};
}

QString ChartQuantities::axisTitle(Quantity quantity)
{
    //: a chart axis: %1 what (Power), %2 its unit (kW)
    return tr("%1, %2").arg(name(quantity), unit(quantity));
}

QString ChartQuantities::description(Quantity quantity)
{
    switch (quantity) {
    case Quantity::Power: return tr("Active power the station delivers");
    case Quantity::Energy: return tr("Energy charged since the start of the session (meter register minus meter start)");
    case Quantity::Current: return tr("Current per phase, or in total when the station reports no phases");
    case Quantity::Voltage: return tr("Voltage per phase");
    case Quantity::SoC: return tr("State of charge of the vehicle's battery, as the vehicle reports it");
    }
    return {};
}

double ChartQuantities::divisor(Quantity quantity)
{
    switch (quantity) {
    case Quantity::Power:
    case Quantity::Energy: return 1e6;  // mW → kW, mWh → kWh
    case Quantity::Current:
    case Quantity::Voltage:
    case Quantity::SoC: return 1e3;
    }
    return 1e3;
}

int ChartQuantities::decimals(Quantity quantity)
{
    switch (quantity) {
    case Quantity::Power: return 2;
    case Quantity::Energy: return 3;
    case Quantity::Current:
    case Quantity::Voltage:
    case Quantity::SoC: return 1;
    }
    return 1;
}

QColor ChartQuantities::colour(Quantity quantity)
{
    switch (quantity) {
    case Quantity::Power: return QColor(0x1f, 0x6f, 0xc5);
    case Quantity::Energy: return QColor(0x2e, 0x9d, 0x4a);
    case Quantity::Current: return QColor(0xe0, 0x7b, 0x10);
    case Quantity::Voltage: return QColor(0xc6, 0x34, 0x3b);
    case Quantity::SoC: return QColor(0x85, 0x5c, 0xc7);
    }
    return Qt::black;
}

bool ChartQuantities::shownByDefault(Quantity quantity)
{
    return quantity == Quantity::Power || quantity == Quantity::Energy || quantity == Quantity::SoC;
}

QString ChartQuantities::valueText(Quantity quantity, double value)
{
    const QString number = QLocale().toString(value, 'f', decimals(quantity));
    if (quantity == Quantity::SoC)
        return number + u" %"_s;
    return number + u' ' + unit(quantity);
}

QString ChartQuantities::seriesName(const charging::MeterSeries &series)
{
    if (series.phase.isEmpty())
        return name(series.quantity);
    return name(series.quantity) + u' ' + series.phase;  // the phase as the station names it
}

QPen ChartQuantities::pen(const charging::MeterSeries &series)
{
    QPen pen(colour(series.quantity));
    pen.setWidthF(series.quantity == Quantity::Power || series.quantity == Quantity::Energy ? 2.2 : 1.6);
    static const Qt::PenStyle styles[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine};
    const QString phase = series.phase;
    int index = 0;
    if (phase.startsWith(u"L2"))
        index = 1;
    else if (phase.startsWith(u"L3"))
        index = 2;
    else if (phase == u"N")
        index = 3;
    pen.setStyle(styles[index]);
    return pen;
}

}  // namespace cd::ui
