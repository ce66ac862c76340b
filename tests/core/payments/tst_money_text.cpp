// Amounts as operators read and type them (core/payments/moneytext, core/common/decimaltext): the
// currency's minor-unit digits (JPY 0, KWD 3, most 2), the sign, the smallest qint64, the locale's
// decimal point (uk and ru write "12,50", en and zh_CN "12.50"), no group separators, and what is
// shown reads back through parseMoney in every language.

#include "core/common/decimaltext.h"
#include "core/payments/moneytext.h"

#include <QLocale>
#include <QTest>

#include <limits>

using namespace cd;
using namespace cd::payments;

class TestMoneyText : public QObject {
    Q_OBJECT

private slots:
    void cleanup() { QLocale::setDefault(QLocale::c()); }

    void moneyText_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<qint64>("minor");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QString>("expected");
        QTest::newRow("en UAH") << "en_US" << qint64(1250) << "UAH" << "12.50 UAH";
        QTest::newRow("uk UAH") << "uk_UA" << qint64(1250) << "UAH" << "12,50 UAH";
        QTest::newRow("ru RUB") << "ru_RU" << qint64(5) << "rub" << "0,05 RUB";
        QTest::newRow("zh CNY") << "zh_CN" << qint64(340) << "CNY" << "3.40 CNY";
        QTest::newRow("uk big, no grouping") << "uk_UA" << qint64(123456789) << "UAH" << "1234567,89 UAH";
        QTest::newRow("negative") << "en_US" << qint64(-14800) << "CNY" << "-148.00 CNY";
        QTest::newRow("JPY no digits") << "uk_UA" << qint64(1200) << "JPY" << "1200 JPY";
        QTest::newRow("KWD three digits") << "ru_RU" << qint64(1005) << "KWD" << "1,005 KWD";
        QTest::newRow("no currency") << "en_US" << qint64(7) << "" << "0.07";
        QTest::newRow("smallest qint64") << "en_US" << std::numeric_limits<qint64>::min() << "UAH"
                                         << "-92233720368547758.08 UAH";
    }

    void moneyText()
    {
        QFETCH(QString, locale);
        QFETCH(qint64, minor);
        QFETCH(QString, currency);
        QFETCH(QString, expected);
        QLocale::setDefault(QLocale(locale));
        QCOMPARE(payments::moneyText(minor, currency), expected);
        if (minor >= 0 && minor < 1'000'000'000'000) {
            // What is shown can be typed back.
            const QString number = decimalText(minor, minorUnitDigits(currency));
            QCOMPARE(parseMoney(number, minorUnitDigits(currency)), std::optional<qint64>(minor));
        }
    }

    void kilowattHours()
    {
        QLocale::setDefault(QLocale(QStringLiteral("uk_UA")));
        QCOMPARE(decimalText(40'000, 3), QStringLiteral("40,000"));
        QCOMPARE(decimalText(-5, 3), QStringLiteral("-0,005"));
        QLocale::setDefault(QLocale(QStringLiteral("zh_CN")));
        QCOMPARE(decimalText(2'350, 3), QStringLiteral("2.350"));
    }

    void parseRefusals()
    {
        QCOMPARE(parseMoney(QStringLiteral("12.505"), 2), std::nullopt);
        QCOMPARE(parseMoney(QStringLiteral("1 234,50"), 2), std::nullopt);
        QCOMPARE(parseMoney(QStringLiteral("-1"), 2), std::nullopt);
        QCOMPARE(parseMoney(QStringLiteral(" 600,5 "), 2), std::optional<qint64>(60050));
        QCOMPARE(parseMoney(QStringLiteral("1200"), 0), std::optional<qint64>(1200));
    }
};

QTEST_GUILESS_MAIN(TestMoneyText)
#include "tst_money_text.moc"
