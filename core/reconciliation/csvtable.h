#pragma once
// A small CSV file read whole, for the reconciliation imports (meter readings, gateway statements):
// hostile input, so it is size-bounded (file, lines, line and field length), UTF-8 (a BOM is
// skipped), comma-separated with RFC 4180 quotes inside one line (a quoted line break is refused:
// no statement we import needs one). The first non-blank line is the header; blank lines are skipped
// and every row keeps its line number for error messages.

#include "core/common/expected.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace cd::reconciliation {

struct CsvRow {
    int line = 0;  // 1-based line in the file
    QStringList fields;
};

class CsvTable {
    Q_DECLARE_TR_FUNCTIONS(cd::reconciliation::CsvTable)
public:
    static constexpr qint64 kMaxFileBytes = 16 * 1024 * 1024;
    static constexpr int kMaxRows = 100'000;
    static constexpr int kMaxLineChars = 4096;
    static constexpr int kMaxFieldChars = 256;

    static Expected<CsvTable> readFile(const QString &path);
    static Expected<CsvTable> parse(const QByteArray &bytes);

    QStringList header;  // lower-cased, trimmed
    QList<CsvRow> rows;

    // The column of `name` in the header, -1 when absent.
    int column(const QString &name) const { return header.indexOf(name); }
    // A "missing column" error naming what the header must have.
    static Error missingColumn(const QString &name, const QStringList &expected);
};

}  // namespace cd::reconciliation
