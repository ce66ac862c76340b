#include "core/payments/moneytext.h"

#include "core/common/decimaltext.h"

#include <QRegularExpression>
#include <QStringList>

namespace cd::payments {

int minorUnitDigits(const QString &currency)
{
    static const QStringList zero = {QStringLiteral("BIF"), QStringLiteral("CLP"), QStringLiteral("DJF"),
                                     QStringLiteral("GNF"), QStringLiteral("JPY"), QStringLiteral("KMF"),
                                     QStringLiteral("KRW"), QStringLiteral("MGA"), QStringLiteral("PYG"),
                                     QStringLiteral("RWF"), QStringLiteral("UGX"), QStringLiteral("VND"),
                                     QStringLiteral("VUV"), QStringLiteral("XAF"), QStringLiteral("XOF"),
                                     QStringLiteral("XPF")};
    static const QStringList three = {QStringLiteral("BHD"), QStringLiteral("JOD"), QStringLiteral("KWD"),
                                      QStringLiteral("OMR"), QStringLiteral("TND")};
    const QString code = currency.toUpper();
    if (zero.contains(code))
        return 0;
    if (three.contains(code))
        return 3;
    return 2;
}

QString moneyText(qint64 amountMinor, const QString &currency)
{
    const QString code = currency.toUpper();
    const QString text = decimalText(amountMinor, minorUnitDigits(currency));
    return code.isEmpty() ? text : text + u' ' + code;
}

std::optional<qint64> parseMoney(const QString &text, int digits)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,15})(?:[.,](\\d+))?$"));
    const auto m = pattern.match(text.trimmed());
    if (!m.hasMatch() || m.captured(2).size() > digits)
        return std::nullopt;
    qint64 scale = 1;
    for (int i = 0; i < digits; ++i)
        scale *= 10;
    const QString fraction = m.captured(2).leftJustified(digits, u'0');
    return m.captured(1).toLongLong() * scale + (digits > 0 ? fraction.toLongLong() : 0);
}

}  // namespace cd::payments
