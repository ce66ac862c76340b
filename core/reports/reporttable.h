#pragma once
// A report as a table: typed columns, and rows that come page by page from a RowSource (keyset
// paging on the calling thread's connection, so a million rows never sit in memory). Each row has
// a stable key (the bills report: the session id, which stays when a correction makes a new bill
// version) and a content hash; an export keeps (key, hash) per row as its snapshot, so a later run
// shows what changed since (reportchanges.h).

#include "core/common/expected.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <variant>

namespace cd::reports {

enum class ColumnType {
    Text,
    Integer,
    Money,     // integer minor units; the currency is in the Text column `currencyColumn`
    EnergyWh,  // integer Wh
    TimeMs,    // UTC epoch ms
    Hundredths,  // an integer count of hundredths, for averages: 5 is 0.05
};

struct ReportColumn {
    QString id;     // stable, English, snake_case: the CSV header and JSON key (with a unit suffix)
    QString title;  // translated: the XLSX and PDF header
    ColumnType type = ColumnType::Text;
    int currencyColumn = -1;  // Money only
    // Text only, for columns of codes: what to call each code. CSV and JSON keep the code (for
    // machines); the console, XLSX and PDF show the text.
    QHash<QString, QString> valueTexts = {};
};

// NULL, a number (Integer, Money, EnergyWh, TimeMs, Hundredths) or text (Text).
using ReportValue = std::variant<std::monostate, qint64, QString>;

struct ReportRow {
    qint64 key = 0;
    QList<ReportValue> values;  // one per column
};

// The 64-bit content hash of a row's key and values: the first 8 bytes of SHA-256 over a typed,
// length-prefixed encoding, so it is the same in every run and every program version.
quint64 rowHash(const ReportRow &row);

// How the writers show a value.
class ReportText {
public:
    // "1234" minor units with 2 digits -> "12.34"; exact (integer arithmetic).
    static QString decimal(qint64 value, int digits);
    // Neutral text for CSV and PDF: money in major units ("12.50"), energy in kWh ("12.345"),
    // time as ISO 8601 UTC with milliseconds, NULL as "".
    static QString plain(const QList<ReportColumn> &columns, const ReportRow &row, int column);
    // plain(), with a code replaced by the column's text for it (valueTexts): for people.
    static QString shown(const QList<ReportColumn> &columns, const ReportRow &row, int column);
    // The currency of a money cell ("" when none).
    static QString currencyOf(const QList<ReportColumn> &columns, const ReportRow &row, int column);
    // The column's key in CSV (energy "_kwh", time "_utc") and JSON (money "_minor", energy "_wh",
    // time "_ms").
    static QString csvHeader(const ReportColumn &column);
    static QString jsonKey(const ReportColumn &column);
};

// Energy and money sums of the rows written (money per currency); stored with an export.
struct ReportTotals {
    qint64 rows = 0;
    QMap<QString, qint64> energyWh;               // column id -> Wh
    QMap<QString, QMap<QString, qint64>> money;   // column id -> currency -> minor units

    void add(const QList<ReportColumn> &columns, const ReportRow &row);
    QString toJson() const;  // {"rows":N,"energy_wh":{"energy":…},"money_minor":{"total":{"UAH":…}}}
    static ReportTotals fromJson(const QString &json);
};

class RowSource {
public:
    virtual ~RowSource() = default;
    // How many rows the report has now (the progress total; rows may come and go meanwhile).
    virtual Expected<qint64> countRows() = 0;
    // The next up to `limit` rows in report order; empty at the end.
    virtual Expected<QList<ReportRow>> nextPage(int limit) = 0;
    // What to call rows by key when they are gone from the report (e.g. the session number).
    virtual Expected<QHash<qint64, QString>> keyLabels(const QList<qint64> &keys) = 0;
};

// Rows computed in one go (aggregate reports: a few hundred rows at most), handed out page by page.
// `compute` runs at the first countRows() or nextPage(), on the calling thread.
class MemoryRowSource final : public RowSource {
public:
    using Compute = std::function<Expected<QList<ReportRow>>()>;
    explicit MemoryRowSource(Compute compute);
    Expected<qint64> countRows() override;
    Expected<QList<ReportRow>> nextPage(int limit) override;
    // The label is the first column of the row with that key, as computed now.
    Expected<QHash<qint64, QString>> keyLabels(const QList<qint64> &keys) override;

private:
    Status ensure();
    Compute m_compute;
    std::optional<QList<ReportRow>> m_rows;
    qsizetype m_next = 0;
};

// Where a picture reads better than a table: the console draws the report's rows as a chart
// (labels from one column, one series per value column). Exports ignore it.
struct ReportChart {
    enum class Kind { None, Bar, Line };
    Kind kind = Kind::None;
    int labelColumn = 0;
    QList<int> valueColumns;  // numeric columns (Integer, Money, EnergyWh)
};

struct ReportTable {
    QString name;            // "bills"
    QString title;           // translated
    QString parametersText;  // translated, e.g. "Charging started 2026-11-01 … 2026-12-01 (UTC)"
    QString parametersJson;  // compact JSON, stored with the export to run the report again
    QList<ReportColumn> columns;
    std::unique_ptr<RowSource> rows;
    ReportChart chart;
};

}  // namespace cd::reports
