#include "app/cli/clioutput.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace cd::cli {

CliOutput::CliOutput() : m_out(stdout), m_err(stderr)
{
    m_out.setEncoding(QStringConverter::Utf8);
    m_err.setEncoding(QStringConverter::Utf8);
}

void CliOutput::json(const QJsonValue &value)
{
    QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    m_out << QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    m_out.flush();
}

void CliOutput::table(const QStringList &headers, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QString &h : headers)
        widths.append(h.size());
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    }
    auto print = [this, &widths](const QStringList &cells) {
        QString text;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            text += (i + 1 < cells.size()) ? cells[i].leftJustified(widths[i] + 2) : cells[i];
        }
        m_out << text.trimmed() << '\n';
    };
    print(headers);
    for (const QStringList &row : rows)
        print(row);
    m_out.flush();
}

void CliOutput::record(const QList<std::pair<QString, QString>> &fields)
{
    qsizetype width = 0;
    for (const auto &[key, value] : fields)
        width = std::max(width, key.size());
    for (const auto &[key, value] : fields)
        m_out << QString(key + u':').leftJustified(width + 2) << value << '\n';
    m_out.flush();
}

void CliOutput::line(const QString &text)
{
    m_out << text << '\n';
    m_out.flush();
}

void CliOutput::error(const QString &text)
{
    m_err << text << '\n';
    m_err.flush();
}

}  // namespace cd::cli
