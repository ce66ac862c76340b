#include "core/reports/jsonreportwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace cd::reports {

namespace {

constexpr qsizetype kFlushBytes = 256 * 1024;

QByteArray compact(const QJsonValue &value)
{
    // QJsonDocument holds objects and arrays only; wrap a scalar and cut the brackets.
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return text.mid(1, text.size() - 2);
}

QString typeName(ColumnType type)
{
    switch (type) {
    case ColumnType::Text:
        return u"text"_s;
    case ColumnType::Integer:
        return u"integer"_s;
    case ColumnType::Money:
        return u"money_minor"_s;
    case ColumnType::EnergyWh:
        return u"energy_wh"_s;
    case ColumnType::TimeMs:
        return u"time_ms"_s;
    case ColumnType::Hundredths:
        return u"decimal"_s;
    }
    return {};
}

// A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped.
QByteArray jsonString(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out += '"';
    for (char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20) {
            out += "\\u00";
            out += "0123456789abcdef"[c >> 4];
            out += "0123456789abcdef"[c & 0xF];
        } else {
            out += ch;
        }
    }
    out += '"';
    return out;
}

}  // namespace

Status JsonReportWriter::open(const QString &path, const ReportTable &table)
{
    m_columns = table.columns;
    m_keys.clear();
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Error{ExitCode::Failure, tr("Could not create %1: %2").arg(path, m_file.errorString())};
    QJsonArray columns;
    for (const ReportColumn &c : m_columns) {
        m_keys << jsonString(ReportText::jsonKey(c)) + ':';
        QJsonObject o{{u"id"_s, ReportText::jsonKey(c)}, {u"title"_s, c.title}, {u"type"_s, typeName(c.type)}};
        if (c.currencyColumn >= 0)
            o.insert(u"currency"_s, ReportText::jsonKey(m_columns.value(c.currencyColumn)));
        columns.append(o);
    }
    const QJsonObject parameters = QJsonDocument::fromJson(table.parametersJson.toUtf8()).object();
    m_buffer = "{\"report\":" + compact(table.name) + ",\"title\":" + compact(table.title)
               + ",\"parameters\":" + compact(parameters) + ",\"columns\":" + compact(columns) + ",\"rows\":[";
    m_first = true;
    return {};
}

Status JsonReportWriter::write(const ReportRow &row)
{
    m_buffer += m_first ? "\n{" : ",\n{";
    m_first = false;
    for (int i = 0; i < m_columns.size(); ++i) {
        if (i > 0)
            m_buffer += ',';
        m_buffer += m_keys[i];
        const ReportValue &value = row.values.value(i);
        if (const auto *number = std::get_if<qint64>(&value))
            // A decimal column as its exact decimal literal (0.05), every other number as it is.
            m_buffer += m_columns[i].type == ColumnType::Hundredths ? ReportText::decimal(*number, 2).toLatin1()
                                                                    : QByteArray::number(*number);
        else if (const auto *text = std::get_if<QString>(&value))
            m_buffer += jsonString(*text);
        else
            m_buffer += "null";
    }
    m_buffer += '}';
    return m_buffer.size() >= kFlushBytes ? flush() : Status();
}

Status JsonReportWriter::flush()
{
    if (!m_buffer.isEmpty() && m_file.write(m_buffer) != m_buffer.size())
        return Error{ExitCode::Failure, tr("Could not write %1: %2").arg(m_file.fileName(), m_file.errorString())};
    m_buffer.clear();
    return {};
}

Status JsonReportWriter::finish(const ReportTotals &totals)
{
    m_buffer += "\n],\"totals\":" + totals.toJson().toUtf8() + "}\n";
    if (Status st = flush(); !st)
        return st;
    if (!m_file.flush())
        return Error{ExitCode::Failure, tr("Could not write %1: %2").arg(m_file.fileName(), m_file.errorString())};
    m_file.close();
    return {};
}

void JsonReportWriter::abort()
{
    m_buffer.clear();
    m_file.close();
}

}  // namespace cd::reports
