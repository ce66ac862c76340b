// The operating reports (issue #7 item 3: utilisation, peak-hours, downtime, failed-starts,
// anomaly-statistics) on the backend under test (SQLCipher file or PostgreSQL), through the report
// catalog as the console and the CLI open them, over one hand-computed fixture in November 2026:
// three stations (two vendors, three firmwares) at two sites, six sessions at known hours with known
// energy and charging time plus two outside the period, connections and connector statuses with an
// outage and a fault crossing the period's start and an Unavailable still open at its end, remote
// starts accepted / rejected / unanswered / still queued, and bills with anomalies open, resolved and
// found again after a correction. Every expected number is worked out in the comments next to it.

#include "core/anomalies/anomalycode.h"
#include "core/reports/reportcatalog.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"
#include "support/anomalybillseeder.h"
#include "support/testdatabase.h"

#include <QTest>

using namespace cd;
using namespace cd::reports;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMin = 60'000;
constexpr qint64 kHour = 3'600'000;
constexpr qint64 kDay = 86'400'000;
constexpr qint64 kNov1 = 1'793'491'200'000;  // 2026-11-01 00:00 UTC, a Sunday
constexpr qint64 kDec1 = 1'796'083'200'000;  // 2026-12-01 00:00 UTC
constexpr qint64 kJan1 = 1'767'225'600'000;  // 2026-01-01 00:00 UTC: nothing happened in January

qint64 at(int day, int hour, int minute = 0)  // November 2026
{
    return kNov1 + (day - 1) * kDay + hour * kHour + minute * kMin;
}

struct Fixture {
    qint64 a1 = 0, a2 = 0, b1 = 0;  // stations CP-A1, CP-A2 (Kyiv), CP-B1 (Lviv)
    qint64 s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0;
    QString error;

    bool run(const storage::Database &db, const QString &sql, const QVariantList &values)
    {
        auto q = storage::Sql::run(db.connection(), sql + db.dialect().returningIdClause(), values);
        if (!q) {
            error = q.error().message;
            return false;
        }
        lastId = db.dialect().insertedId(*q);
        return true;
    }
    qint64 lastId = 0;

    qint64 connector(const storage::Database &db, qint64 station, int connectorId)
    {
        return run(db, u"INSERT INTO connectors (station_id, evse_id, connector_id, status) VALUES (?, ?, ?, 'Available')"_s,
                   {station, connectorId, connectorId})
                   ? lastId
                   : 0;
    }
    bool status(const storage::Database &db, qint64 connectorRow, qint64 station, const QString &status, qint64 ms)
    {
        return run(db,
                   u"INSERT INTO connector_status_history (connector_row_id, station_id, status, received_ms) "
                   "VALUES (?, ?, ?, ?)"_s,
                   {connectorRow, station, status, ms});
    }
    bool event(const storage::Database &db, qint64 station, const QString &kind, qint64 ms, const QString &detail = u"{}"_s)
    {
        return run(db, u"INSERT INTO station_events (station_id, at_ms, kind, detail) VALUES (?, ?, ?, ?)"_s,
                   {station, ms, kind, detail});
    }
    bool command(const storage::Database &db, qint64 station, const QString &action, qint64 ms, const QString &state,
                 const QVariant &result)
    {
        return run(db,
                   u"INSERT INTO commands (station_id, charge_point_id, action, payload, requested_by, requested_ms, "
                   "state, result) VALUES (?, 'CP', ?, '{}', 'operator', ?, ?, ?)"_s,
                   {station, action, ms, state, result});
    }
    bool update(const storage::Database &db, const QString &sql, const QVariantList &values)
    {
        auto q = storage::Sql::run(db.connection(), sql, values);
        if (!q)
            error = q.error().message;
        return bool(q);
    }

    bool make(const storage::Database &db)
    {
        test::AnomalyFixture f(db);
        if (!run(db, u"INSERT INTO sub_operators (name, created_ms) VALUES ('North', 0)"_s, {}))
            return false;
        const qint64 north = lastId;
        const qint64 kyiv = f.site(u"Kyiv"_s);
        const qint64 lviv = f.site(u"Lviv"_s);
        if (!update(db, u"UPDATE sites SET sub_operator_id = ? WHERE id = ?"_s, {north, kyiv}))
            return false;
        a1 = f.station(u"CP-A1"_s, kyiv, u"ABB"_s, u"Terra"_s, u"1.0"_s);
        a2 = f.station(u"CP-A2"_s, kyiv, u"Alfen"_s, u"Eve"_s, u"2.1"_s);
        b1 = f.station(u"CP-B1"_s, lviv, u"ABB"_s, u"Terra"_s, u"1.1"_s);
        // Connectors to charge at: CP-A1 two, CP-A2 one, CP-B1 one (its connector 0 is the station).
        const qint64 a1c0 = connector(db, a1, 0), a1c1 = connector(db, a1, 1), a1c2 = connector(db, a1, 2);
        const qint64 a2c1 = connector(db, a2, 1);
        const qint64 b1c0 = connector(db, b1, 0), b1c1 = connector(db, b1, 1);
        if (!a1c0 || !a1c1 || !a1c2 || !a2c1 || !b1c0 || !b1c1)
            return false;

        // Sessions (the fixture's: started = charging start, one hour of charging, bill version 1).
        s1 = f.session(a1, at(2, 10), 12000, 3480);       // 10:00–11:00
        s2 = f.session(a1, at(2, 10, 30), 8000, 2400);    // 10:30–12:30 (below)
        s3 = f.session(a2, at(3, 23, 30), 5000, 1500);    // 23:30–00:30, across midnight
        s4 = f.session(b1, at(10, 10, 15), 0, 0);         // authorised, never charged: 0 Wh
        s5 = f.session(b1, at(10, 18), 0, 0);             // id tag blocked
        s6 = f.session(b1, at(20, 10), 30000, 9000);      // 10:00–11:00
        const qint64 before = f.session(a1, kNov1 - kHour, 1000, 300);
        const qint64 after = f.session(b1, kDec1, 1000, 300);
        if (!s1 || !s2 || !s3 || !s4 || !s5 || !s6 || !before || !after) {
            error = f.error();
            return false;
        }
        if (!update(db, u"UPDATE sessions SET charging_ended_ms = ? WHERE id = ?"_s, {at(2, 12, 30), s2})
            || !update(db,
                       u"UPDATE sessions SET charging_started_ms = NULL, charging_ended_ms = NULL, status = 'failed' "
                       "WHERE id IN (?, ?)"_s,
                       {s4, s5})
            || !update(db, u"UPDATE sessions SET start_auth_status = 'Blocked' WHERE id = ?"_s, {s5})
            || !update(db, u"UPDATE sessions SET start_auth_status = 'Accepted' WHERE id IN (?, ?)"_s, {s1, s4}))
            return false;

        // Connections. CP-A1: offline from before the period until Nov 1 02:00 (120 min in it); an
        // old connection closing after a reconnect (not an outage); offline Nov 5 12:00–12:30.
        // CP-B1: connected since October, marked offline by the server at Nov 30 23:00 without an
        // event (60 min to the period's end).
        if (!event(db, a1, u"disconnected"_s, kNov1 - 2 * kHour) || !event(db, a1, u"connected"_s, at(1, 2))
            || !event(db, a1, u"disconnected"_s, at(4, 8), u"{\"reason\":\"closed\",\"replaced\":true}"_s)
            || !event(db, a1, u"boot"_s, at(5, 11))
            || !event(db, a1, u"disconnected"_s, at(5, 12), u"{\"reason\":\"closed\",\"replaced\":false}"_s)
            || !event(db, a1, u"connected"_s, at(5, 12, 30)) || !event(db, b1, u"connected"_s, kNov1 - 31 * kDay)
            || !update(db, u"UPDATE stations SET connected_since_ms = NULL, disconnected_ms = ? WHERE id = ?"_s,
                       {at(30, 23), b1}))
            return false;
        // Statuses. CP-A1 connector 1 Faulted 12:10–13:00 on Nov 5 (50 min, partly while offline);
        // CP-A2 Faulted from Oct 30 until Nov 1 03:00 (180 min in the period), Unavailable from Nov 30
        // 22:00 with nothing after (120 min); CP-B1's connector 0 Faulted Nov 15 00:00–01:00.
        if (!status(db, a1c1, a1, u"Available"_s, kNov1 - 5 * kDay) || !status(db, a1c1, a1, u"Faulted"_s, at(5, 12, 10))
            || !status(db, a1c1, a1, u"Faulted"_s, at(5, 12, 40)) || !status(db, a1c1, a1, u"Available"_s, at(5, 13))
            || !status(db, a1c2, a1, u"Charging"_s, at(2, 10, 30)) || !status(db, a1c2, a1, u"Available"_s, at(2, 12, 30))
            || !status(db, a2c1, a2, u"Faulted"_s, kNov1 - 28 * kHour) || !status(db, a2c1, a2, u"Available"_s, at(1, 3))
            || !status(db, a2c1, a2, u"Unavailable"_s, at(30, 22)) || !status(db, b1c0, b1, u"Faulted"_s, at(15, 0))
            || !status(db, b1c0, b1, u"Available"_s, at(15, 1)))
            return false;

        // Remote starts: CP-A1 one accepted (became S1) and one rejected, plus a rejected one in
        // October; CP-A2 one unanswered (2.0.1) and a stop (not a start); CP-B1 one still queued.
        if (!command(db, a1, u"RemoteStartTransaction"_s, at(2, 9, 59), u"succeeded"_s, u"{\"status\":\"Accepted\"}"_s)
            || !command(db, a1, u"RemoteStartTransaction"_s, at(6, 8), u"succeeded"_s, u"{\"status\":\"Rejected\"}"_s)
            || !command(db, a1, u"RemoteStartTransaction"_s, kNov1 - kHour, u"succeeded"_s,
                        u"{\"status\":\"Rejected\"}"_s)
            || !command(db, a2, u"RequestStartTransaction"_s, at(7, 8), u"failed"_s,
                        u"{\"description\":\"no answer\",\"error\":\"Timeout\"}"_s)
            || !command(db, a2, u"RemoteStopTransaction"_s, at(7, 9), u"failed"_s, u"{\"error\":\"Timeout\"}"_s)
            || !command(db, b1, u"RemoteStartTransaction"_s, at(8, 8), u"queued"_s, QVariant()))
            return false;

        // Anomalies. S1: 8 open. S2: 8 and 3, corrected (bill 2: total 2000, both resolved), then 8
        // found again on bill 2 (open). S3: 8, corrected (bill 2: 1200, resolved). S6: 4 open. The
        // session before the period: 8 open (not counted).
        const qint64 t = at(25, 0);
        if (!f.anomaly(s1, 8, t) || !f.anomaly(s2, 8, t) || !f.anomaly(s2, 3, t) || !f.correct(s2, t + 1, 8000, 2000)
            || !f.anomaly(s2, 8, t + 2) || !f.anomaly(s3, 8, t) || !f.correct(s3, t + 1, 5000, 1200)
            || !f.anomaly(s6, 4, t) || !f.anomaly(before, 8, t)) {
            error = f.error();
            return false;
        }
        return true;
    }
};

ReportParameters november(const QString &groupBy = {}, const QString &bucket = {}, const QString &site = {})
{
    ReportParameters p;
    p.fromMs = kNov1;
    p.toMs = kDec1;
    p.groupBy = groupBy;
    p.bucket = bucket;
    p.site = site;
    return p;
}

// Every row of a report as text: numbers as integers (Wh, minor units, ms), text as it is.
QList<QStringList> rowsOf(const storage::Database &db, const QString &name, const ReportParameters &p,
                          ReportTable *tableOut = nullptr)
{
    auto table = ReportCatalog::open(db, name, p);
    if (!table) {
        qWarning() << table.error().message;
        return {{u"error: "_s + table.error().message}};
    }
    QList<QStringList> out;
    auto page = table->rows->nextPage(10000);
    if (!page)
        return {{u"error: "_s + page.error().message}};
    for (const ReportRow &row : std::as_const(*page)) {
        QStringList cells;
        for (int i = 0; i < row.values.size(); ++i) {
            const ReportValue &v = row.values.at(i);
            if (table->columns.value(i).type == ColumnType::Hundredths)
                cells << ReportText::plain(table->columns, row, i);  // "0.08"
            else if (const auto *n = std::get_if<qint64>(&v))
                cells << QString::number(*n);
            else if (const auto *s = std::get_if<QString>(&v))
                cells << *s;
            else
                cells << QString();
        }
        out << cells;
    }
    if (tableOut)
        *tableOut = std::move(*table);
    return out;
}

}  // namespace

class TestOperatingReports : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        m_db = std::make_unique<test::TestDatabase>();
        QVERIFY2(m_db->ok(), qPrintable(m_db->error()));
        QVERIFY2(m_fixture.make(m_db->db()), qPrintable(m_fixture.error));
    }
    void cleanup() { m_db.reset(); }

    void catalogListsThem()
    {
        for (const char *name : {"utilisation", "peak-hours", "downtime", "failed-starts", "anomaly-statistics"})
            QVERIFY2(ReportCatalog::names().contains(QString::fromLatin1(name)), name);
        QVERIFY(ReportCatalog::info(u"peak-hours"_s)->title.contains(u"UTC"_s));
    }

    void utilisation()
    {
        const storage::Database &db = m_db->db();
        ReportTable table;
        // Per site (the default), November = 720 h. Kyiv: 3 connectors, S1 + S2 + S3 = 3 sessions,
        // 25000 Wh, 60 + 120 + 60 = 240 min; occupied 4 h / (3 × 720 h) = 1.85 ‰ → 2; 25000 / 3 → 8333.
        // Lviv: 1 connector, S4 + S5 + S6, 30000 Wh, only S6 charged (60 min): 1 / 720 = 1.39 ‰ → 1.
        QCOMPARE(rowsOf(db, u"utilisation"_s, november(), &table),
                 (QList<QStringList>{{u"Kyiv"_s, u"3"_s, u"3"_s, u"240"_s, u"2"_s, u"25000"_s, u"8333"_s},
                                     {u"Lviv"_s, u"1"_s, u"3"_s, u"60"_s, u"1"_s, u"30000"_s, u"10000"_s}}));
        QCOMPARE(table.chart.kind, ReportChart::Kind::Bar);
        QCOMPARE(table.chart.valueColumns, QList<int>{4});
        // Per station: CP-A1 3 h / (2 × 720 h) = 2.08 ‰ → 2; CP-A2 1 / 720 → 1.
        QCOMPARE(rowsOf(db, u"utilisation"_s, november(u"station"_s)),
                 (QList<QStringList>{{u"CP-A1"_s, u"2"_s, u"2"_s, u"180"_s, u"2"_s, u"20000"_s, u"10000"_s},
                                     {u"CP-A2"_s, u"1"_s, u"1"_s, u"60"_s, u"1"_s, u"5000"_s, u"5000"_s},
                                     {u"CP-B1"_s, u"1"_s, u"3"_s, u"60"_s, u"1"_s, u"30000"_s, u"10000"_s}}));
        // Per firmware (named with its vendor) and per vendor: ABB = CP-A1 + CP-B1.
        QCOMPARE(rowsOf(db, u"utilisation"_s, november(u"firmware"_s)),
                 (QList<QStringList>{{u"ABB 1.0"_s, u"2"_s, u"2"_s, u"180"_s, u"2"_s, u"20000"_s, u"10000"_s},
                                     {u"ABB 1.1"_s, u"1"_s, u"3"_s, u"60"_s, u"1"_s, u"30000"_s, u"10000"_s},
                                     {u"Alfen 2.1"_s, u"1"_s, u"1"_s, u"60"_s, u"1"_s, u"5000"_s, u"5000"_s}}));
        QCOMPARE(rowsOf(db, u"utilisation"_s, november(u"vendor"_s)),
                 (QList<QStringList>{{u"ABB"_s, u"3"_s, u"5"_s, u"240"_s, u"2"_s, u"50000"_s, u"10000"_s},
                                     {u"Alfen"_s, u"1"_s, u"1"_s, u"60"_s, u"1"_s, u"5000"_s, u"5000"_s}}));
        // Kyiv per ISO week: Sun Nov 1 alone (24 h), then Nov 2, 9, 16, 23 (168 h each) and Mon Nov 30
        // (24 h). All three sessions in the week of Nov 2: 4 h / (3 × 168 h) = 7.94 ‰ → 8.
        const QList<QStringList> weeks = rowsOf(db, u"utilisation"_s, november(u"site"_s, u"week"_s, u"Kyiv"_s), &table);
        QCOMPARE(table.chart.kind, ReportChart::Kind::None);
        QCOMPARE(weeks.size(), 6);
        QCOMPARE(weeks[0], (QStringList{u"Kyiv"_s, QString::number(kNov1), u"3"_s, u"0"_s, u"0"_s, u"0"_s, u"0"_s, u"0"_s}));
        QCOMPARE(weeks[1],
                 (QStringList{u"Kyiv"_s, QString::number(at(2, 0)), u"3"_s, u"3"_s, u"240"_s, u"8"_s, u"25000"_s, u"8333"_s}));
        QCOMPARE(weeks[5][1], QString::number(at(30, 0)));
        // Per day: 30 rows per group; S3 (23:30 on Nov 3, across midnight) belongs to Nov 3.
        const QList<QStringList> days = rowsOf(db, u"utilisation"_s, november(u"station"_s, u"day"_s));
        QCOMPARE(days.size(), 90);
        QCOMPARE(days[30 + 2], (QStringList{u"CP-A2"_s, QString::number(at(3, 0)), u"1"_s, u"1"_s, u"60"_s, u"42"_s,
                                            u"5000"_s, u"5000"_s}));  // 1 h / 24 h = 41.7 ‰ → 42
        // The same row key in every run; different rows, different keys.
        auto again = ReportCatalog::open(db, u"utilisation"_s, november(u"station"_s, u"day"_s));
        auto once = ReportCatalog::open(db, u"utilisation"_s, november(u"station"_s, u"day"_s));
        QVERIFY(again && once);
        const auto pageA = again->rows->nextPage(100), pageB = once->rows->nextPage(100);
        QVERIFY(pageA && pageB);
        QCOMPARE((*pageA)[32].key, (*pageB)[32].key);
        QVERIFY((*pageA)[32].key != (*pageA)[33].key);
    }

    void peakHours()
    {
        const storage::Database &db = m_db->db();
        ReportTable table;
        const QList<QStringList> hours = rowsOf(db, u"peak-hours"_s, november(), &table);
        QCOMPARE(hours.size(), 24);
        QCOMPARE(table.chart.kind, ReportChart::Kind::Bar);
        QCOMPARE(table.columns.at(4).type, ColumnType::Hundredths);  // a number, not text: 0,08 in uk
        // Started at 10: S1, S2, S4, S6 (50000 Wh). Charging in hour 10: S1 60 + S2 30 + S6 60 = 150
        // min of 30 × 60 = 1800 → 0.08 at once; hour 11: S2 60 → 0.03; hour 12: S2 30 → 0.02; S3
        // 23:30–00:30: 30 min in hours 23 and 0.
        QCOMPARE(hours[10], (QStringList{u"10:00–11:00"_s, u"4"_s, u"50000"_s, u"150"_s, u"0.08"_s}));
        QCOMPARE(hours[11], (QStringList{u"11:00–12:00"_s, u"0"_s, u"0"_s, u"60"_s, u"0.03"_s}));
        QCOMPARE(hours[12], (QStringList{u"12:00–13:00"_s, u"0"_s, u"0"_s, u"30"_s, u"0.02"_s}));
        QCOMPARE(hours[18], (QStringList{u"18:00–19:00"_s, u"1"_s, u"0"_s, u"0"_s, u"0.00"_s}));
        QCOMPARE(hours[23], (QStringList{u"23:00–24:00"_s, u"1"_s, u"5000"_s, u"30"_s, u"0.02"_s}));
        QCOMPARE(hours[0], (QStringList{u"00:00–01:00"_s, u"0"_s, u"0"_s, u"30"_s, u"0.02"_s}));
        QCOMPARE(hours[9], (QStringList{u"09:00–10:00"_s, u"0"_s, u"0"_s, u"0"_s, u"0.00"_s}));
        // Lviv only: S4 and S6 at 10, S5 at 18.
        const QList<QStringList> lviv = rowsOf(db, u"peak-hours"_s, november({}, {}, u"Lviv"_s));
        QCOMPARE(lviv[10], (QStringList{u"10:00–11:00"_s, u"2"_s, u"30000"_s, u"60"_s, u"0.03"_s}));
        QCOMPARE(lviv[18][1], u"1"_s);
        QCOMPARE(lviv[23][1], u"0"_s);
    }

    void downtime()
    {
        const storage::Database &db = m_db->db();
        ReportTable table;
        // November = 43200 min. CP-A1: offline 120 + 30 = 150, Faulted 50 (12:10–13:00), down 00:00–02:00
        // and 12:00–13:00 = 180 in 2 outages, longest 120, available 1000 − 4.2 → 996. CP-A2: Faulted
        // 180, Unavailable 120, 2 outages, 993. CP-B1: offline 60 (marked by the server), connector 0
        // Faulted 60, 2 outages, 997.
        QCOMPARE(rowsOf(db, u"downtime"_s, november(), &table),
                 (QList<QStringList>{
                     {u"CP-A1"_s, u"1"_s, u"150"_s, u"50"_s, u"0"_s, u"180"_s, u"2"_s, u"120"_s, u"996"_s},
                     {u"CP-A2"_s, u"1"_s, u"0"_s, u"180"_s, u"120"_s, u"300"_s, u"2"_s, u"180"_s, u"993"_s},
                     {u"CP-B1"_s, u"1"_s, u"60"_s, u"60"_s, u"0"_s, u"120"_s, u"2"_s, u"60"_s, u"997"_s}}));
        QCOMPARE(table.chart.kind, ReportChart::Kind::Bar);
        // Per site: Kyiv = CP-A1 + CP-A2, 480 min down of 2 × 43200 → 5.6 ‰ → 994.
        QCOMPARE(rowsOf(db, u"downtime"_s, november(u"site"_s)),
                 (QList<QStringList>{
                     {u"Kyiv"_s, u"2"_s, u"150"_s, u"230"_s, u"120"_s, u"480"_s, u"4"_s, u"180"_s, u"994"_s},
                     {u"Lviv"_s, u"1"_s, u"60"_s, u"60"_s, u"0"_s, u"120"_s, u"2"_s, u"60"_s, u"997"_s}}));
        // Nov 5 only: CP-A1 offline 12:00–12:30 and Faulted 12:10–13:00, one outage of 60 min.
        ReportParameters nov5 = november({}, {}, u"Kyiv"_s);
        nov5.fromMs = at(5, 0);
        nov5.toMs = at(6, 0);
        QCOMPARE(rowsOf(db, u"downtime"_s, nov5),
                 (QList<QStringList>{
                     {u"CP-A1"_s, u"1"_s, u"30"_s, u"50"_s, u"0"_s, u"60"_s, u"1"_s, u"60"_s, u"958"_s},
                     {u"CP-A2"_s, u"1"_s, u"0"_s, u"0"_s, u"0"_s, u"0"_s, u"0"_s, u"0"_s, u"1000"_s}}));
    }

    void failedStarts()
    {
        const storage::Database &db = m_db->db();
        // CP-A1: 2 sessions + 1 rejected = 3 attempts, 1 failed (333 ‰). CP-A2: 1 session + 1
        // unanswered = 2, 1 failed (500 ‰). CP-B1: 3 sessions (the queued start is neither), S5's tag
        // blocked, S4 0 Wh: 2 of 3 (667 ‰).
        QCOMPARE(rowsOf(db, u"failed-starts"_s, november()),
                 (QList<QStringList>{
                     {u"CP-A1"_s, u"3"_s, u"2"_s, u"2"_s, u"1"_s, u"0"_s, u"0"_s, u"0"_s, u"1"_s, u"333"_s},
                     {u"CP-A2"_s, u"2"_s, u"1"_s, u"1"_s, u"0"_s, u"1"_s, u"0"_s, u"0"_s, u"1"_s, u"500"_s},
                     {u"CP-B1"_s, u"3"_s, u"3"_s, u"1"_s, u"0"_s, u"0"_s, u"1"_s, u"1"_s, u"2"_s, u"667"_s}}));
        QCOMPARE(rowsOf(db, u"failed-starts"_s, november(u"vendor"_s)),
                 (QList<QStringList>{
                     {u"ABB"_s, u"6"_s, u"5"_s, u"3"_s, u"1"_s, u"0"_s, u"1"_s, u"1"_s, u"3"_s, u"500"_s},
                     {u"Alfen"_s, u"2"_s, u"1"_s, u"1"_s, u"0"_s, u"1"_s, u"0"_s, u"0"_s, u"1"_s, u"500"_s}}));
    }

    void anomalyStatistics()
    {
        const storage::Database &db = m_db->db();
        ReportTable table;
        // Code 3: S2 (resolved), its current bill 2000. Code 4: S6 open, 9000. Code 8: S1 open (3480),
        // S2 open again (2000), S3 resolved (1200) = 6680. The session before the period is not counted.
        QCOMPARE(rowsOf(db, u"anomaly-statistics"_s, november(), &table),
                 (QList<QStringList>{
                     {anomalies::anomalyCodesText({3}), u"3"_s, u"1"_s, u"0"_s, u"1"_s, u"2000"_s, u"UAH"_s},
                     {anomalies::anomalyCodesText({4}), u"4"_s, u"1"_s, u"1"_s, u"0"_s, u"9000"_s, u"UAH"_s},
                     {anomalies::anomalyCodesText({8}), u"8"_s, u"3"_s, u"2"_s, u"1"_s, u"6680"_s, u"UAH"_s}}));
        QCOMPARE(anomalies::anomalyCodesText({8}), u"8 Energy differs from platform"_s);
        QCOMPARE(table.chart.kind, ReportChart::Kind::Bar);
        QCOMPARE(table.columns[5].type, ColumnType::Money);
        QCOMPARE(table.columns[5].currencyColumn, 6);
        QCOMPARE(rowsOf(db, u"anomaly-statistics"_s, november(u"vendor"_s)),
                 (QList<QStringList>{
                     {anomalies::anomalyCodesText({3}), u"3"_s, u"ABB"_s, u"1"_s, u"0"_s, u"1"_s, u"2000"_s, u"UAH"_s},
                     {anomalies::anomalyCodesText({4}), u"4"_s, u"ABB"_s, u"1"_s, u"1"_s, u"0"_s, u"9000"_s, u"UAH"_s},
                     {anomalies::anomalyCodesText({8}), u"8"_s, u"ABB"_s, u"2"_s, u"2"_s, u"0"_s, u"5480"_s, u"UAH"_s},
                     {anomalies::anomalyCodesText({8}), u"8"_s, u"Alfen"_s, u"1"_s, u"0"_s, u"1"_s, u"1200"_s,
                      u"UAH"_s}}));
        // Lviv only: code 4.
        QCOMPARE(rowsOf(db, u"anomaly-statistics"_s, november({}, {}, u"Lviv"_s)).size(), 1);
    }

    void emptyPeriod()
    {
        const storage::Database &db = m_db->db();
        ReportParameters january;
        january.fromMs = kJan1;
        january.toMs = kJan1 + 31 * kDay;
        // Every group still has a row (idle is the finding), every hour too; nothing failed.
        QCOMPARE(rowsOf(db, u"utilisation"_s, january),
                 (QList<QStringList>{{u"Kyiv"_s, u"3"_s, u"0"_s, u"0"_s, u"0"_s, u"0"_s, u"0"_s},
                                     {u"Lviv"_s, u"1"_s, u"0"_s, u"0"_s, u"0"_s, u"0"_s, u"0"_s}}));
        const QList<QStringList> hours = rowsOf(db, u"peak-hours"_s, january);
        QCOMPARE(hours.size(), 24);
        QCOMPARE(hours[10], (QStringList{u"10:00–11:00"_s, u"0"_s, u"0"_s, u"0"_s, u"0.00"_s}));
        const QList<QStringList> down = rowsOf(db, u"downtime"_s, january);
        QCOMPARE(down.size(), 3);
        QCOMPARE(down[0], (QStringList{u"CP-A1"_s, u"1"_s, u"0"_s, u"0"_s, u"0"_s, u"0"_s, u"0"_s, u"0"_s, u"1000"_s}));
        QVERIFY(rowsOf(db, u"failed-starts"_s, january).isEmpty());
        QVERIFY(rowsOf(db, u"anomaly-statistics"_s, january).isEmpty());
    }

    void badParameters()
    {
        const storage::Database &db = m_db->db();
        QVERIFY(!ReportCatalog::open(db, u"downtime"_s, november({}, {}, u"Atlantis"_s)));
        auto wrongGroup = ReportCatalog::open(db, u"utilisation"_s, november(u"colour"_s));
        QVERIFY(!wrongGroup);
        QCOMPARE(wrongGroup.error().code, ExitCode::Usage);
        ReportParameters backwards = november();
        backwards.toMs = backwards.fromMs;
        QVERIFY(!ReportCatalog::open(db, u"peak-hours"_s, backwards));
    }

private:
    std::unique_ptr<test::TestDatabase> m_db;
    Fixture m_fixture;
};

QTEST_GUILESS_MAIN(TestOperatingReports)
#include "tst_operating_reports.moc"
