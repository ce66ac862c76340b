#include "core/reports/reporttable.h"

#include "core/common/timeformat.h"
#include "core/payments/moneytext.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

#include <cstdlib>

using namespace Qt::StringLiterals;

namespace cd::reports {

namespace {

void addInt(QCryptographicHash &hash, qint64 value)
{
    const qint64 le = qToLittleEndian(value);
    hash.addData(QByteArrayView(reinterpret_cast<const char *>(&le), sizeof le));
}

}  // namespace

quint64 rowHash(const ReportRow &row)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    addInt(hash, row.key);
    addInt(hash, row.values.size());
    for (const ReportValue &value : row.values) {
        if (const auto *number = std::get_if<qint64>(&value)) {
            hash.addData("n");
            addInt(hash, *number);
        } else if (const auto *text = std::get_if<QString>(&value)) {
            const QByteArray utf8 = text->toUtf8();
            hash.addData("t");
            addInt(hash, utf8.size());
            hash.addData(utf8);
        } else {
            hash.addData("0");
        }
    }
    const QByteArray digest = hash.result();
    return qFromLittleEndian<quint64>(digest.constData());
}

QString ReportText::decimal(qint64 value, int digits)
{
    if (digits <= 0)
        return QString::number(value);
    qint64 scale = 1;
    for (int i = 0; i < digits; ++i)
        scale *= 10;
    const bool negative = value < 0;
    // Work on the magnitude as unsigned so that INT64_MIN stays exact.
    const quint64 magnitude = negative ? quint64(0) - quint64(value) : quint64(value);
    const QString whole = QString::number(magnitude / quint64(scale));
    const QString fraction = u"%1"_s.arg(magnitude % quint64(scale), digits, 10, QLatin1Char('0'));
    return (negative ? u"-"_s : QString()) + whole + u'.' + fraction;
}

QString ReportText::currencyOf(const QList<ReportColumn> &columns, const ReportRow &row, int column)
{
    const int c = columns.value(column).currencyColumn;
    if (c < 0 || c >= row.values.size())
        return {};
    const auto *text = std::get_if<QString>(&row.values[c]);
    return text ? *text : QString();
}

QString ReportText::plain(const QList<ReportColumn> &columns, const ReportRow &row, int column)
{
    if (column < 0 || column >= row.values.size())
        return {};
    const ReportValue &value = row.values[column];
    if (const auto *text = std::get_if<QString>(&value))
        return *text;
    const auto *number = std::get_if<qint64>(&value);
    if (!number)
        return {};
    switch (columns[column].type) {
    case ColumnType::Money:
        return decimal(*number, payments::minorUnitDigits(currencyOf(columns, row, column)));
    case ColumnType::EnergyWh:
        return decimal(*number, 3);
    case ColumnType::TimeMs:
        return formatUtcMs(*number);
    case ColumnType::Hundredths:
        return decimal(*number, 2);
    case ColumnType::Text:
    case ColumnType::Integer:
        break;
    }
    return QString::number(*number);
}

QString ReportText::shown(const QList<ReportColumn> &columns, const ReportRow &row, int column)
{
    const QString text = plain(columns, row, column);
    if (column < 0 || column >= columns.size())
        return text;
    return columns[column].valueTexts.value(text, text);
}

QString ReportText::csvHeader(const ReportColumn &column)
{
    switch (column.type) {
    case ColumnType::EnergyWh:
        return column.id + u"_kwh"_s;
    case ColumnType::TimeMs:
        return column.id + u"_utc"_s;
    default:
        return column.id;
    }
}

QString ReportText::jsonKey(const ReportColumn &column)
{
    switch (column.type) {
    case ColumnType::Money:
        return column.id + u"_minor"_s;
    case ColumnType::EnergyWh:
        return column.id + u"_wh"_s;
    case ColumnType::TimeMs:
        return column.id + u"_ms"_s;
    default:
        return column.id;
    }
}

void ReportTotals::add(const QList<ReportColumn> &columns, const ReportRow &row)
{
    ++rows;
    for (int i = 0; i < columns.size() && i < row.values.size(); ++i) {
        const auto *number = std::get_if<qint64>(&row.values[i]);
        if (!number)
            continue;
        if (columns[i].type == ColumnType::EnergyWh)
            energyWh[columns[i].id] += *number;
        else if (columns[i].type == ColumnType::Money)
            money[columns[i].id][ReportText::currencyOf(columns, row, i)] += *number;
    }
}

QString ReportTotals::toJson() const
{
    QJsonObject energy;
    for (auto it = energyWh.cbegin(); it != energyWh.cend(); ++it)
        energy.insert(it.key(), it.value());
    QJsonObject amounts;
    for (auto it = money.cbegin(); it != money.cend(); ++it) {
        QJsonObject perCurrency;
        for (auto c = it->cbegin(); c != it->cend(); ++c)
            perCurrency.insert(c.key(), c.value());
        amounts.insert(it.key(), perCurrency);
    }
    const QJsonObject o{{u"rows"_s, rows}, {u"energy_wh"_s, energy}, {u"money_minor"_s, amounts}};
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

ReportTotals ReportTotals::fromJson(const QString &json)
{
    ReportTotals t;
    const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
    t.rows = o.value(u"rows"_s).toInteger();
    const QJsonObject energy = o.value(u"energy_wh"_s).toObject();
    for (auto it = energy.begin(); it != energy.end(); ++it)
        t.energyWh.insert(it.key(), it.value().toInteger());
    const QJsonObject amounts = o.value(u"money_minor"_s).toObject();
    for (auto it = amounts.begin(); it != amounts.end(); ++it) {
        const QJsonObject perCurrency = it.value().toObject();
        for (auto c = perCurrency.begin(); c != perCurrency.end(); ++c)
            t.money[it.key()].insert(c.key(), c.value().toInteger());
    }
    return t;
}

MemoryRowSource::MemoryRowSource(Compute compute) : m_compute(std::move(compute)) {}

Status MemoryRowSource::ensure()
{
    if (m_rows)
        return {};
    auto rows = m_compute();
    if (!rows)
        return rows.error();
    m_rows = std::move(*rows);
    return {};
}

Expected<qint64> MemoryRowSource::countRows()
{
    if (Status st = ensure(); !st)
        return st.error();
    return qint64(m_rows->size());
}

Expected<QList<ReportRow>> MemoryRowSource::nextPage(int limit)
{
    if (Status st = ensure(); !st)
        return st.error();
    QList<ReportRow> page = m_rows->mid(m_next, limit);
    m_next += page.size();
    return page;
}

Expected<QHash<qint64, QString>> MemoryRowSource::keyLabels(const QList<qint64> &keys)
{
    if (Status st = ensure(); !st)
        return st.error();
    QHash<qint64, QString> labels;
    for (const ReportRow &row : std::as_const(*m_rows)) {
        if (keys.contains(row.key) && !row.values.isEmpty())
            if (const auto *text = std::get_if<QString>(&row.values.first()))
                labels.insert(row.key, *text);
    }
    return labels;
}

}  // namespace cd::reports
