#include "ui/reports/reportcelltext.h"

#include "ui/widgets/moneytext.h"

#include <QDateTime>
#include <QLocale>

namespace cd::ui {

using namespace reports;

QString ReportCellText::energy(qint64 wh)
{
    //: an amount of energy, %1 the number with three decimals
    return tr("%1 kWh").arg(energyNumber(wh));
}

QString ReportCellText::energyNumber(qint64 wh)
{
    const QLocale locale;
    const bool negative = wh < 0;
    const quint64 magnitude = negative ? quint64(0) - quint64(wh) : quint64(wh);
    QString text = locale.toString(qulonglong(magnitude / 1000)) + locale.decimalPoint()
        + QStringLiteral("%1").arg(magnitude % 1000, 3, 10, QLatin1Char('0'));
    if (negative)
        text.prepend(locale.negativeSign());
    return text;
}

bool ReportCellText::isNumeric(ColumnType type)
{
    return type == ColumnType::Integer || type == ColumnType::Money || type == ColumnType::EnergyWh
           || type == ColumnType::Hundredths;
}

QString ReportCellText::cell(const QList<ReportColumn> &columns, const ReportRow &row, int column)
{
    if (column < 0 || column >= columns.size() || column >= row.values.size())
        return {};
    const ReportValue &value = row.values.at(column);
    if (std::holds_alternative<std::monostate>(value))
        return {};
    if (const auto *text = std::get_if<QString>(&value))
        return columns.at(column).valueTexts.value(*text, *text);
    const qint64 number = std::get<qint64>(value);
    switch (columns.at(column).type) {
        case ColumnType::Money:
            return amountText(number, ReportText::currencyOf(columns, row, column));
        case ColumnType::EnergyWh:
            return energyNumber(number);
        case ColumnType::TimeMs:
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(number), QLocale::ShortFormat);
        case ColumnType::Hundredths:
            return QLocale().toString(double(number) / 100.0, 'f', 2);
        case ColumnType::Integer:
        case ColumnType::Text:
            break;
    }
    return QLocale().toString(number);
}

QString ReportCellText::totals(const QList<ReportColumn> &columns, const ReportTotals &totals)
{
    const auto titleOf = [&columns](const QString &id) {
        for (const ReportColumn &c : columns) {
            if (c.id == id)
                return c.title;
        }
        return id;
    };
    //: %n rows of a report
    QStringList parts{tr("%n row(s)", nullptr, int(totals.rows))};
    for (auto it = totals.energyWh.cbegin(); it != totals.energyWh.cend(); ++it)
        parts << titleOf(it.key()) + u' ' + energy(it.value());
    for (auto it = totals.money.cbegin(); it != totals.money.cend(); ++it) {
        for (auto m = it.value().cbegin(); m != it.value().cend(); ++m)
            parts << titleOf(it.key()) + u' ' + amountText(m.value(), m.key());
    }
    return parts.join(QStringLiteral(" · "));
}

}  // namespace cd::ui
