#include "core/reconciliation/csvtable.h"

#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace cd::reconciliation {

namespace {

// One line's fields; false when a quote is not closed on the line.
bool splitLine(const QString &line, QStringList &fields)
{
    fields.clear();
    QString field;
    bool quoted = false;
    bool wasQuoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < line.size() && line.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == u'"' && field.trimmed().isEmpty() && !wasQuoted) {
            quoted = true;
            wasQuoted = true;
            field.clear();
        } else if (c == u',') {
            fields << (wasQuoted ? field : field.trimmed());
            field.clear();
            wasQuoted = false;
        } else {
            field += c;
        }
    }
    if (quoted)
        return false;
    fields << (wasQuoted ? field : field.trimmed());
    return true;
}

}  // namespace

Expected<CsvTable> CsvTable::readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ExitCode::Failure, tr("Cannot read %1: %2").arg(path, file.errorString())};
    if (file.size() > kMaxFileBytes)
        return Error{ExitCode::Failure,
                     tr("%1 is too big to import (%2 bytes; at most %3).").arg(path).arg(file.size()).arg(kMaxFileBytes)};
    // Read at most one byte more than allowed: a file that grows while read is still bounded.
    const QByteArray bytes = file.read(kMaxFileBytes + 1);
    if (bytes.size() > kMaxFileBytes)
        return Error{ExitCode::Failure, tr("%1 is too big to import (at most %2 bytes).").arg(path).arg(kMaxFileBytes)};
    return parse(bytes);
}

Expected<CsvTable> CsvTable::parse(const QByteArray &bytes)
{
    QByteArray data = bytes;
    if (data.startsWith("\xEF\xBB\xBF"))
        data.remove(0, 3);
    const QString text = QString::fromUtf8(data);
    if (text.contains(QChar::ReplacementCharacter))
        return Error{ExitCode::Failure, tr("The file is not UTF-8 text.")};
    const QStringList lines = text.split(u'\n');
    CsvTable table;
    QStringList fields;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(u'\r'))
            line.chop(1);
        const int number = int(i + 1);
        if (line.trimmed().isEmpty())
            continue;
        if (line.size() > kMaxLineChars)
            return Error{ExitCode::Failure, tr("Line %1: too long (at most %2 characters).").arg(number).arg(kMaxLineChars)};
        if (!splitLine(line, fields))
            return Error{ExitCode::Failure, tr("Line %1: a quote is not closed.").arg(number)};
        for (const QString &f : std::as_const(fields)) {
            if (f.size() > kMaxFieldChars)
                return Error{ExitCode::Failure,
                             tr("Line %1: a field is too long (at most %2 characters).").arg(number).arg(kMaxFieldChars)};
        }
        if (table.header.isEmpty()) {
            for (const QString &f : std::as_const(fields))
                table.header << f.toLower();
            continue;
        }
        if (table.rows.size() >= kMaxRows)
            return Error{ExitCode::Failure, tr("Line %1: too many rows (at most %2 in one file).").arg(number).arg(kMaxRows)};
        if (fields.size() != table.header.size())
            return Error{ExitCode::Failure, tr("Line %1: %2 fields, but the header has %3.")
                                                .arg(number)
                                                .arg(fields.size())
                                                .arg(table.header.size())};
        table.rows.append({number, fields});
    }
    if (table.header.isEmpty())
        return Error{ExitCode::Failure, tr("The file is empty.")};
    return table;
}

Error CsvTable::missingColumn(const QString &name, const QStringList &expected)
{
    return Error{ExitCode::Failure,
                 tr("Line 1: the header has no column \"%1\"; it needs %2.").arg(name, expected.join(u", "_s))};
}

}  // namespace cd::reconciliation
