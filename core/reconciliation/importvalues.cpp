#include "core/reconciliation/importvalues.h"

#include "core/payments/moneytext.h"

#include <QDate>
#include <QDateTime>
#include <QTimeZone>

namespace cd::reconciliation {

std::optional<qint64> parseTimeMs(const QString &text)
{
    const QString t = text.trimmed();
    if (t.size() == 10) {
        const QDate date = QDate::fromString(t, Qt::ISODate);
        if (!date.isValid())
            return std::nullopt;
        return QDateTime(date, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    }
    QDateTime at = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!at.isValid())
        return std::nullopt;
    if (at.timeSpec() == Qt::LocalTime)
        at.setTimeZone(QTimeZone::utc());  // no zone given: UTC, never the machine's zone
    return at.toMSecsSinceEpoch();
}

std::optional<qint64> parseKwhToWh(const QString &text)
{
    // Money's parser is the exact decimal parser of the project: kWh with 3 decimals is Wh.
    return payments::parseMoney(text.trimmed(), 3);
}

bool isCurrencyCode(const QString &text)
{
    if (text.size() != 3)
        return false;
    for (const QChar c : text) {
        if (c < u'A' || c > u'Z')
            return false;
    }
    return true;
}

bool isReference(const QString &text)
{
    if (text.isEmpty() || text.size() > 128)
        return false;
    for (const QChar c : text) {
        if (!c.isPrint())
            return false;
    }
    return true;
}

bool isGatewayName(const QString &text)
{
    if (text.isEmpty() || text.size() > 64)
        return false;
    for (const QChar c : text) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'_' && c != u'.' && c != u'-')
            return false;
    }
    return true;
}

}  // namespace cd::reconciliation
