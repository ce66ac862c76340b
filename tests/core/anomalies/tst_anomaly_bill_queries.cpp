// The data behind the Anomaly bills screen, on a real database (SQLCipher, and PostgreSQL with
// CHARGEDESK_TEST_BACKEND=postgres): the list of anomaly bills with each filter (codes, station,
// firmware, period, status, session number), keyset paging in every sort order without a row
// skipped or repeated, "select all matching", the statistics by code × station × firmware × day,
// week and month with their shares checked against numbers worked out by hand (also across a DST
// change in Kyiv), and the CSV export read back.

#include "support/anomalybillseeder.h"
#include "support/testdatabase.h"

#include "core/anomalies/anomalybillqueries.h"
#include "core/anomalies/anomalystatistics.h"
#include "core/anomalies/anomalystatisticscsv.h"
#include "core/storage/sqlhelpers.h"

#include <QBuffer>
#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace cd;
using namespace cd::anomalies;
using namespace Qt::StringLiterals;
using cd::test::AnomalyFixture;
using cd::test::TestDatabase;

namespace {

constexpr qint64 kHour = 3'600'000;
constexpr qint64 kDay = 24 * kHour;
// Monday 2026-11-02 00:00 UTC.
const qint64 kT0 = QDateTime(QDate(2026, 11, 2), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();

QTimeZone kyiv()
{
    const QTimeZone zone("Europe/Kyiv");
    return zone.isValid() ? zone : QTimeZone("Europe/Kiev");
}

}  // namespace

class TestAnomalyBillQueries : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void filters_data();
    void filters();
    void codesAndDetails();
    void keysetPaging_data();
    void keysetPaging();
    void keysetPagingWithFilter();
    void selectAllMatching();
    void statistics_data();
    void statistics();
    void statisticsAcrossDst();
    void csvExport();
    void seeder();

private:
    QList<qint64> sessionsOf(const AnomalyBillFilter &filter);

    std::unique_ptr<TestDatabase> m_fx;
    // Sessions by name: s1…s11 (see initTestCase).
    QHash<QString, qint64> m_s;
    QHash<QString, qint64> m_correctedBill;
};

// Stations A and C (Acme AC22, firmware 1.0, site North; C's vendor has a comma for the CSV), B
// (Voltix AC11, firmware 2.0, site South), D (Kyiv, for the DST case). Sessions and codes:
//   s1  A  11-02 01:00  open 8, 3          s7  B  11-10 02:00  clean
//   s2  A  11-02 02:00  open 8             s8  C  12-03 00:00  open 1
//   s3  A  11-02 03:00  clean              s9  C  12-03 01:00  clean
//   s4  A  11-03 01:00  open 6             s10 A  never started, open 4 (in no period)
//   s5  B  11-02 01:00  8, corrected       d1  D  10-24 21:30 UTC (Kyiv 10-25 00:30 summer) open 8
//   s6  B  11-10 01:00  open 8, 11         d2  D  10-25 22:30 UTC (Kyiv 10-26 00:30 winter) open 8
void TestAnomalyBillQueries::initTestCase()
{
    m_fx = std::make_unique<TestDatabase>();
    CD_REQUIRE_DB(*m_fx);
    AnomalyFixture f(m_fx->db());
    const qint64 north = f.site(u"North"_s);
    const qint64 south = f.site(u"South"_s);
    const qint64 a = f.station(u"KYIV-A"_s, north, u"Acme"_s, u"AC22"_s, u"1.0"_s);
    const qint64 b = f.station(u"KYIV-B"_s, south, u"Voltix"_s, u"AC11"_s, u"2.0"_s);
    const qint64 c = f.station(u"KYIV-C"_s, north, u"Volt, Inc."_s, u"AC22"_s, u"1.0"_s);
    const qint64 d = f.station(u"KYIV-D"_s, south, u"Acme"_s, u"DC60"_s, u"3.1"_s);
    QVERIFY2(a && b && c && d, qPrintable(f.error()));
    const auto add = [&](const QString &name, qint64 station, qint64 start, qint64 totalMinor) {
        const qint64 id = f.session(station, start, 10000 + totalMinor, totalMinor);
        QVERIFY2(id, qPrintable(f.error()));
        m_s.insert(name, id);
    };
    add(u"s1"_s, a, kT0 + 1 * kHour, 500);
    add(u"s2"_s, a, kT0 + 2 * kHour, 300);
    add(u"s3"_s, a, kT0 + 3 * kHour, 100);
    add(u"s4"_s, a, kT0 + kDay + kHour, 700);
    add(u"s5"_s, b, kT0 + 1 * kHour, 900);
    add(u"s6"_s, b, kT0 + 8 * kDay + kHour, 200);
    add(u"s7"_s, b, kT0 + 8 * kDay + 2 * kHour, 100);
    add(u"s8"_s, c, kT0 + 31 * kDay, 400);
    add(u"s9"_s, c, kT0 + 31 * kDay + kHour, 100);
    add(u"d1"_s, d, QDateTime(QDate(2026, 10, 24), QTime(21, 30), QTimeZone::utc()).toMSecsSinceEpoch(), 100);
    add(u"d2"_s, d, QDateTime(QDate(2026, 10, 25), QTime(22, 30), QTimeZone::utc()).toMSecsSinceEpoch(), 100);
    // s10: a session that never started, with a bill and an anomaly (it is in the list without a
    // period filter, in no period of the statistics).
    const qint64 s10 = f.unstartedSession(a, kT0 + 5 * kHour);
    QVERIFY2(s10, qPrintable(f.error()));
    m_s.insert(u"s10"_s, s10);
    QVERIFY(storage::Sql::run(m_fx->db().connection(),
                              u"INSERT INTO bills (session_id, version, currency, energy_wh, total_minor, created_by, "
                              "created_ms) VALUES (?, 1, 'UAH', 0, 0, 'fixture', ?)"_s,
                              {s10, kT0 + 6 * kHour}));

    const auto code = [&](const QString &name, int number, const QString &detail = QString()) {
        QVERIFY2(f.anomaly(m_s.value(name), number, kT0 + 40 * kDay, detail), qPrintable(f.error()));
    };
    code(u"s1"_s, 8, u"station 12.0 kWh, meter samples 48.2 kWh"_s);
    code(u"s1"_s, 3, u"session lasted 171 h"_s);
    code(u"s2"_s, 8);
    code(u"s4"_s, 6);
    code(u"s5"_s, 8);
    code(u"s6"_s, 11);
    code(u"s6"_s, 8);
    code(u"s8"_s, 1);
    code(u"s10"_s, 4);
    code(u"d1"_s, 8);
    code(u"d2"_s, 8);
    const qint64 corrected = f.correct(m_s.value(u"s5"_s), kT0 + 41 * kDay, 2500, 250);
    QVERIFY2(corrected, qPrintable(f.error()));
    m_correctedBill.insert(u"s5"_s, corrected);
}

void TestAnomalyBillQueries::cleanupTestCase()
{
    m_fx.reset();
}

QList<qint64> TestAnomalyBillQueries::sessionsOf(const AnomalyBillFilter &filter)
{
    AnomalyBillPageRequest request;
    request.filter = filter;
    request.limit = 1000;
    auto rows = AnomalyBillQueries(m_fx->db()).page(request);
    if (!rows) {
        qWarning() << rows.error().message;
        return {-1};
    }
    QList<qint64> out;
    for (const AnomalyBillRow &r : *rows)
        out << r.sessionId;
    return out;
}

void TestAnomalyBillQueries::filters_data()
{
    QTest::addColumn<QList<int>>("codes");
    QTest::addColumn<QString>("station");
    QTest::addColumn<QString>("firmware");
    QTest::addColumn<qint64>("fromMs");  // 0: none
    QTest::addColumn<qint64>("toMs");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("search");  // a session's name: its number's last digits
    QTest::addColumn<QStringList>("expected");  // newest session first

    const QStringList open = {u"s10"_s, u"d2"_s, u"d1"_s, u"s8"_s, u"s6"_s, u"s4"_s, u"s2"_s, u"s1"_s};
    QTest::newRow("open") << QList<int>{} << QString() << QString() << 0LL << 0LL << u"open"_s << QString() << open;
    QTest::newRow("resolved") << QList<int>{} << QString() << QString() << 0LL << 0LL << u"resolved"_s << QString()
                              << QStringList{u"s5"_s};
    QTest::newRow("all") << QList<int>{} << QString() << QString() << 0LL << 0LL << u"all"_s << QString()
                         << QStringList{u"s10"_s, u"d2"_s, u"d1"_s, u"s8"_s, u"s6"_s, u"s5"_s, u"s4"_s, u"s2"_s, u"s1"_s};
    QTest::newRow("code 8") << QList<int>{8} << QString() << QString() << 0LL << 0LL << u"open"_s << QString()
                            << QStringList{u"d2"_s, u"d1"_s, u"s6"_s, u"s2"_s, u"s1"_s};
    QTest::newRow("code 8, resolved") << QList<int>{8} << QString() << QString() << 0LL << 0LL << u"resolved"_s
                                      << QString() << QStringList{u"s5"_s};
    QTest::newRow("codes 6 or 1") << QList<int>{6, 1} << QString() << QString() << 0LL << 0LL << u"open"_s << QString()
                                  << QStringList{u"s8"_s, u"s4"_s};
    QTest::newRow("code 9: none") << QList<int>{9} << QString() << QString() << 0LL << 0LL << u"open"_s << QString()
                                  << QStringList{};
    QTest::newRow("station B") << QList<int>{} << u"KYIV-B"_s << QString() << 0LL << 0LL << u"open"_s << QString()
                               << QStringList{u"s6"_s};
    QTest::newRow("station B, all") << QList<int>{} << u"KYIV-B"_s << QString() << 0LL << 0LL << u"all"_s << QString()
                                    << QStringList{u"s6"_s, u"s5"_s};
    QTest::newRow("firmware 1.0") << QList<int>{} << QString() << u"1.0"_s << 0LL << 0LL << u"open"_s << QString()
                                  << QStringList{u"s10"_s, u"s8"_s, u"s4"_s, u"s2"_s, u"s1"_s};
    QTest::newRow("firmware 1.0, code 8") << QList<int>{8} << QString() << u"1.0"_s << 0LL << 0LL << u"open"_s
                                          << QString() << QStringList{u"s2"_s, u"s1"_s};
    QTest::newRow("first day") << QList<int>{} << QString() << QString() << kT0 << kT0 + kDay << u"open"_s << QString()
                               << QStringList{u"s2"_s, u"s1"_s};
    QTest::newRow("from the second day") << QList<int>{} << QString() << QString() << kT0 + kDay << 0LL << u"open"_s
                                         << QString() << QStringList{u"s8"_s, u"s6"_s, u"s4"_s};
    QTest::newRow("start bound is inclusive") << QList<int>{} << QString() << QString() << kT0 + kHour << kT0 + 2 * kHour
                                              << u"all"_s << QString() << QStringList{u"s5"_s, u"s1"_s};
    QTest::newRow("search s4") << QList<int>{} << QString() << QString() << 0LL << 0LL << u"open"_s << u"s4"_s
                               << QStringList{u"s4"_s};
    QTest::newRow("search a clean session") << QList<int>{} << QString() << QString() << 0LL << 0LL << u"all"_s
                                            << u"s3"_s << QStringList{};
    QTest::newRow("search with LIKE characters") << QList<int>{} << QString() << QString() << 0LL << 0LL << u"all"_s
                                                 << u"%_!"_s << QStringList{};
}

void TestAnomalyBillQueries::filters()
{
    QFETCH(QList<int>, codes);
    QFETCH(QString, station);
    QFETCH(QString, firmware);
    QFETCH(qint64, fromMs);
    QFETCH(qint64, toMs);
    QFETCH(QString, status);
    QFETCH(QString, search);
    QFETCH(QStringList, expected);

    AnomalyBillFilter filter;
    filter.codes = codes;
    filter.chargePointId = station;
    filter.firmware = firmware;
    if (fromMs)
        filter.startedFromMs = fromMs;
    if (toMs)
        filter.startedToMs = toMs;
    filter.status = *anomalyStatusFromName(status);
    if (m_s.contains(search)) {
        // The session's number, by its last six digits (the id part).
        auto q = storage::Sql::run(m_fx->db().connection(), u"SELECT session_number FROM sessions WHERE id = ?"_s,
                                   {m_s.value(search)});
        QVERIFY(q && q->next());
        filter.search = q->value(0).toString().right(6);
    } else {
        filter.search = search;
    }
    QList<qint64> want;
    for (const QString &name : expected)
        want << m_s.value(name);
    QCOMPARE(sessionsOf(filter), want);
    auto count = AnomalyBillQueries(m_fx->db()).count(filter);
    QVERIFY2(count.ok(), qPrintable(count.error().message));
    QCOMPARE(*count, qint64(want.size()));
}

void TestAnomalyBillQueries::codesAndDetails()
{
    AnomalyBillPageRequest request;
    request.limit = 100;
    auto rows = AnomalyBillQueries(m_fx->db()).page(request);
    QVERIFY2(rows.ok(), qPrintable(rows.error().message));
    QHash<qint64, AnomalyBillRow> bySession;
    for (const AnomalyBillRow &r : *rows)
        bySession.insert(r.sessionId, r);

    const AnomalyBillRow s1 = bySession.value(m_s.value(u"s1"_s));
    QCOMPARE(s1.codes, (QList<int>{3, 8}));
    QCOMPARE(s1.codesText(), u"3,8"_s);
    QVERIFY(s1.open);
    QCOMPARE(s1.chargePointId, u"KYIV-A"_s);
    QCOMPARE(s1.siteName, u"North"_s);
    QCOMPARE(s1.vendor, u"Acme"_s);
    QCOMPARE(s1.model, u"AC22"_s);
    QCOMPARE(s1.firmware, u"1.0"_s);
    QCOMPARE(s1.startedMs, std::optional<qint64>(kT0 + kHour));
    QCOMPARE(s1.endedMs, std::optional<qint64>(kT0 + 2 * kHour));
    QCOMPARE(s1.totalMinor, 500LL);
    QCOMPARE(s1.energyWh, 10500LL);
    QCOMPARE(s1.currency, u"UAH"_s);
    QCOMPARE(s1.settlementState, u"held"_s);
    QCOMPARE(s1.billVersion, 1);
    QCOMPARE(s1.detectedMs, kT0 + 40 * kDay);
    QCOMPARE(s1.anomalies.size(), 2);
    QCOMPARE(s1.anomalies.at(0).code, 8);
    QCOMPARE(s1.anomalies.at(0).detail, u"station 12.0 kWh, meter samples 48.2 kWh"_s);
    QCOMPARE(s1.anomalies.at(1).detail, u"session lasted 171 h"_s);

    QCOMPARE(bySession.value(m_s.value(u"s2"_s)).codes, QList<int>{8});
    QCOMPARE(bySession.value(m_s.value(u"s6"_s)).codesText(), u"8,11"_s);

    // The corrected bill: its current version (2), the codes it had, nothing open.
    auto s5 = AnomalyBillQueries(m_fx->db()).row(m_s.value(u"s5"_s));
    QVERIFY(s5.ok() && s5->has_value());
    QCOMPARE((*s5)->billId, m_correctedBill.value(u"s5"_s));
    QCOMPARE((*s5)->billVersion, 2);
    QCOMPARE((*s5)->totalMinor, 250LL);
    QCOMPARE((*s5)->settlementState, u"settled"_s);
    QVERIFY(!(*s5)->open);
    QCOMPARE((*s5)->codes, QList<int>{8});
    QCOMPARE((*s5)->anomalies.first().resolvedByBillId, std::optional<qint64>(m_correctedBill.value(u"s5"_s)));
    // A clean session has no row.
    auto s3 = AnomalyBillQueries(m_fx->db()).row(m_s.value(u"s3"_s));
    QVERIFY(s3.ok() && !s3->has_value());

    auto choices = AnomalyBillQueries(m_fx->db()).filterChoices();
    QVERIFY(choices.ok());
    QCOMPARE(choices->chargePointIds, (QStringList{u"KYIV-A"_s, u"KYIV-B"_s, u"KYIV-C"_s, u"KYIV-D"_s}));
    QCOMPARE(choices->firmwares, (QStringList{u"1.0"_s, u"2.0"_s, u"3.1"_s}));
}

void TestAnomalyBillQueries::keysetPaging_data()
{
    QTest::addColumn<int>("sort");
    QTest::addColumn<bool>("descending");
    QTest::addColumn<QStringList>("expected");
    // Totals: s1 500, s2 300, s4 700, s6 200, s8 400, s10 0, d1 100, d2 100 (equal keys: by id).
    QTest::newRow("session, newest first") << int(AnomalyBillSort::Session) << true
                                           << QStringList{u"s10"_s, u"d2"_s, u"d1"_s, u"s8"_s, u"s6"_s, u"s4"_s,
                                                          u"s2"_s, u"s1"_s};
    QTest::newRow("session, oldest first") << int(AnomalyBillSort::Session) << false
                                           << QStringList{u"s1"_s, u"s2"_s, u"s4"_s, u"s6"_s, u"s8"_s, u"d1"_s,
                                                          u"d2"_s, u"s10"_s};
    QTest::newRow("total, highest first") << int(AnomalyBillSort::Total) << true
                                          << QStringList{u"s4"_s, u"s1"_s, u"s8"_s, u"s2"_s, u"s6"_s, u"d2"_s,
                                                         u"d1"_s, u"s10"_s};
    QTest::newRow("total, lowest first") << int(AnomalyBillSort::Total) << false
                                         << QStringList{u"s10"_s, u"d1"_s, u"d2"_s, u"s6"_s, u"s2"_s, u"s8"_s,
                                                        u"s1"_s, u"s4"_s};
    QTest::newRow("station A→D") << int(AnomalyBillSort::Station) << false
                                 << QStringList{u"s1"_s, u"s2"_s, u"s4"_s, u"s10"_s, u"s6"_s, u"s8"_s, u"d1"_s,
                                                u"d2"_s};
    QTest::newRow("start, latest first") << int(AnomalyBillSort::Start) << true
                                         << QStringList{u"s8"_s, u"s6"_s, u"s4"_s, u"s2"_s, u"s1"_s, u"d2"_s,
                                                        u"d1"_s, u"s10"_s};
    QTest::newRow("energy, lowest first") << int(AnomalyBillSort::Energy) << false
                                          << QStringList{u"s10"_s, u"d1"_s, u"d2"_s, u"s6"_s, u"s2"_s, u"s8"_s,
                                                         u"s1"_s, u"s4"_s};
}

void TestAnomalyBillQueries::keysetPaging()
{
    QFETCH(int, sort);
    QFETCH(bool, descending);
    QFETCH(QStringList, expected);
    AnomalyBillQueries queries(m_fx->db());
    for (int pageSize : {1, 2, 3, 100}) {
        AnomalyBillPageRequest request;
        request.sort = AnomalyBillSort(sort);
        request.descending = descending;
        request.limit = pageSize;
        QStringList seen;
        for (int pages = 0; pages < 20; ++pages) {
            auto rows = queries.page(request);
            QVERIFY2(rows.ok(), qPrintable(rows.error().message));
            QVERIFY(rows->size() <= pageSize);
            for (const AnomalyBillRow &r : *rows)
                seen << m_s.key(r.sessionId);
            if (rows->size() < pageSize)
                break;
            request.after = AnomalyBillQueries::cursorAfter(rows->last(), request.sort);
        }
        QCOMPARE(seen, expected);
    }
}

void TestAnomalyBillQueries::keysetPagingWithFilter()
{
    // Paging in session order narrows the anomalies' IN list to the sessions past the cursor; with
    // codes, a period and a search the values must still bind in order. Small pages give what one
    // large page gives.
    AnomalyBillQueries queries(m_fx->db());
    for (const QList<int> &codes : {QList<int>{8}, QList<int>{8, 6}, QList<int>{}}) {
        for (const QString &search : {QString(), u"0"_s}) {
            AnomalyBillPageRequest all;
            all.filter.codes = codes;
            all.filter.search = search;
            all.limit = 100;
            auto whole = queries.page(all);
            QVERIFY2(whole.ok(), qPrintable(whole.error().message));
            QList<qint64> want;
            for (const AnomalyBillRow &r : *whole)
                want << r.sessionId;
            for (bool descending : {true, false}) {
                AnomalyBillPageRequest request = all;
                request.descending = descending;
                request.limit = 2;
                QList<qint64> seen;
                for (int pages = 0; pages < 50; ++pages) {
                    auto rows = queries.page(request);
                    QVERIFY2(rows.ok(), qPrintable(rows.error().message));
                    for (const AnomalyBillRow &r : *rows)
                        seen << r.sessionId;
                    if (rows->size() < request.limit)
                        break;
                    request.after = AnomalyBillQueries::cursorAfter(rows->last(), request.sort);
                }
                QList<qint64> expected = want;
                if (descending != all.descending)
                    std::reverse(expected.begin(), expected.end());
                QCOMPARE(seen, expected);
            }
        }
    }
}

void TestAnomalyBillQueries::selectAllMatching()
{
    AnomalyBillQueries queries(m_fx->db());
    AnomalyBillFilter filter;
    filter.codes = {8};
    auto ids = queries.billIds(filter);
    QVERIFY2(ids.ok(), qPrintable(ids.error().message));
    AnomalyFixture f(m_fx->db());
    QList<qint64> want;
    for (const QString &name : {u"d2"_s, u"d1"_s, u"s6"_s, u"s2"_s, u"s1"_s})
        want << f.currentBill(m_s.value(name));
    QCOMPARE(*ids, want);
    // A corrected bill: its current version.
    filter.status = AnomalyStatus::Resolved;
    ids = queries.billIds(filter);
    QVERIFY(ids.ok());
    QCOMPARE(*ids, QList<qint64>{m_correctedBill.value(u"s5"_s)});
}

void TestAnomalyBillQueries::statistics_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("period");
    QTest::addColumn<QString>("station");
    // period label | code | station | anomaly bills | sessions | share %, newest period first.
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<qint64>("distinct");

    // Day, open: A on 11-02 has s1 (8, 3), s2 (8) among s1, s2, s3 (s10 never started: in no
    // day); A on 11-03 s4 (6) alone; B on 11-10 s6 (8, 11) among s6, s7; C on 12-03 s8 (1) among
    // s8, s9; D: d1 and d2 on their UTC days 10-24 and 10-25.
    QTest::newRow("day") << u"open"_s << u"day"_s << QString()
                         << QStringList{u"2026-12-03|1|KYIV-C|1|2|50.00"_s,  u"2026-11-10|8|KYIV-B|1|2|50.00"_s,
                                        u"2026-11-10|11|KYIV-B|1|2|50.00"_s, u"2026-11-03|6|KYIV-A|1|1|100.00"_s,
                                        u"2026-11-02|3|KYIV-A|1|3|33.33"_s,  u"2026-11-02|8|KYIV-A|2|3|66.67"_s,
                                        u"2026-10-25|8|KYIV-D|1|1|100.00"_s, u"2026-10-24|8|KYIV-D|1|1|100.00"_s}
                         << 7LL;
    // Week (Monday): A's week of 11-02 has s1, s2, s3, s4; B's week of 11-09 s6, s7; C's week of
    // 11-30 s8, s9; D's d1 and d2 are both in the week of 10-19 (Saturday, Sunday UTC).
    QTest::newRow("week") << u"open"_s << u"week"_s << QString()
                          << QStringList{u"2026-W49|1|KYIV-C|1|2|50.00"_s,  u"2026-W46|8|KYIV-B|1|2|50.00"_s,
                                         u"2026-W46|11|KYIV-B|1|2|50.00"_s, u"2026-W45|3|KYIV-A|1|4|25.00"_s,
                                         u"2026-W45|6|KYIV-A|1|4|25.00"_s,  u"2026-W45|8|KYIV-A|2|4|50.00"_s,
                                         u"2026-W43|8|KYIV-D|2|2|100.00"_s}
                          << 7LL;
    // Month: B in November has s5 (corrected), s6, s7: 1 of 3 each for 8 and 11.
    QTest::newRow("month") << u"open"_s << u"month"_s << QString()
                           << QStringList{u"2026-12|1|KYIV-C|1|2|50.00"_s, u"2026-11|3|KYIV-A|1|4|25.00"_s,
                                          u"2026-11|6|KYIV-A|1|4|25.00"_s, u"2026-11|8|KYIV-A|2|4|50.00"_s,
                                          u"2026-11|8|KYIV-B|1|3|33.33"_s, u"2026-11|11|KYIV-B|1|3|33.33"_s,
                                          u"2026-10|8|KYIV-D|2|2|100.00"_s}
                           << 7LL;
    QTest::newRow("month, resolved") << u"resolved"_s << u"month"_s << QString()
                                     << QStringList{u"2026-11|8|KYIV-B|1|3|33.33"_s} << 1LL;
    QTest::newRow("month, all, station B") << u"all"_s << u"month"_s << u"KYIV-B"_s
                                           << QStringList{u"2026-11|8|KYIV-B|2|3|66.67"_s,
                                                          u"2026-11|11|KYIV-B|1|3|33.33"_s}
                                           << 2LL;
}

void TestAnomalyBillQueries::statistics()
{
    QFETCH(QString, status);
    QFETCH(QString, period);
    QFETCH(QString, station);
    QFETCH(QStringList, expected);
    QFETCH(qint64, distinct);
    AnomalyBillFilter filter;
    filter.status = *anomalyStatusFromName(status);
    filter.chargePointId = station;
    auto stats = AnomalyStatisticsQuery(m_fx->db()).compute(filter, *statisticsPeriodFromName(period), QTimeZone::utc());
    QVERIFY2(stats.ok(), qPrintable(stats.error().message));
    QStringList got;
    for (const AnomalyStatisticsRow &r : stats->rows) {
        got << u"%1|%2|%3|%4|%5|%6"_s.arg(AnomalyStatisticsQuery::periodLabel(r.periodStart, stats->period))
                   .arg(r.code)
                   .arg(r.chargePointId)
                   .arg(r.anomalyBills)
                   .arg(r.sessions)
                   .arg(basisPointsText(r.shareBasisPoints()));
    }
    QCOMPARE(got, expected);
    QCOMPARE(stats->anomalyBills, distinct);
}

void TestAnomalyBillQueries::statisticsAcrossDst()
{
    // In Kyiv d1 started at 00:30 on 10-25 (summer time, UTC+3) and d2 at 00:30 on 10-26 (winter
    // time, UTC+2; the clocks went back at 04:00 on 10-25): one each day. A fixed offset would put
    // one of them on the wrong day.
    const QTimeZone zone = kyiv();
    if (!zone.isValid())
        QSKIP("no time zone data for Kyiv");
    AnomalyBillFilter filter;
    filter.chargePointId = u"KYIV-D"_s;
    auto stats = AnomalyStatisticsQuery(m_fx->db()).compute(filter, StatisticsPeriod::Day, zone);
    QVERIFY2(stats.ok(), qPrintable(stats.error().message));
    QCOMPARE(stats->rows.size(), 2);
    QCOMPARE(stats->rows.at(0).periodStart, QDate(2026, 10, 26));
    QCOMPARE(stats->rows.at(1).periodStart, QDate(2026, 10, 25));
    QCOMPARE(stats->rows.at(0).sessions, 1LL);
    QCOMPARE(stats->rows.at(1).sessions, 1LL);

    // And the period filter cuts at a Kyiv midnight: only 10-26.
    filter.startedFromMs = QDateTime(QDate(2026, 10, 26), QTime(0, 0), zone).toMSecsSinceEpoch();
    stats = AnomalyStatisticsQuery(m_fx->db()).compute(filter, StatisticsPeriod::Month, zone);
    QVERIFY(stats.ok());
    QCOMPARE(stats->rows.size(), 1);
    QCOMPARE(stats->rows.at(0).periodStart, QDate(2026, 10, 1));
    QCOMPARE(stats->rows.at(0).anomalyBills, 1LL);
    QCOMPARE(stats->rows.at(0).sessions, 1LL);
}

void TestAnomalyBillQueries::csvExport()
{
    auto stats = AnomalyStatisticsQuery(m_fx->db()).compute({}, StatisticsPeriod::Month, QTimeZone::utc());
    QVERIFY(stats.ok());
    QTemporaryDir dir;
    const QString path = dir.filePath(u"stats.csv"_s);
    QList<qint64> progress;
    QVERIFY(AnomalyStatisticsCsv::writeFile(*stats, path, [&](qint64 done, qint64 total) {
        progress << done;
        return done <= total;
    }));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
    const QStringList lines = QString::fromUtf8(bytes.mid(3)).split(u"\r\n"_s, Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + stats->rows.size());
    QCOMPARE(lines.at(0),
             u"period,period_start,code,anomaly,station,vendor,model,firmware,anomaly_bills,sessions,share_percent"_s);
    QCOMPARE(lines.at(1), u"2026-12,2026-12-01,1,Bill lost,KYIV-C,\"Volt, Inc.\",AC22,1.0,1,2,50.00"_s);
    QCOMPARE(lines.at(5), u"2026-11,2026-11-01,8,Energy differs from platform,KYIV-B,Voltix,AC11,2.0,1,3,33.33"_s);
    QCOMPARE(progress.last(), qint64(stats->rows.size()));

    // Stopping half way leaves no file behind.
    const QString stopped = dir.filePath(u"stopped.csv"_s);
    AnomalyStatistics many = *stats;
    for (int i = 0; i < 2000; ++i)
        many.rows.append(stats->rows.first());
    QVERIFY(!AnomalyStatisticsCsv::writeFile(many, stopped, [](qint64 done, qint64) { return done < 1000; }));
    QVERIFY(!QFile::exists(stopped));

    QCOMPARE(AnomalyStatisticsCsv::field(u"a \"b\""_s), QByteArray("\"a \"\"b\"\"\""));
    QCOMPARE(AnomalyStatisticsCsv::field(u"Коваленко"_s), u"Коваленко"_s.toUtf8());
}

void TestAnomalyBillQueries::seeder()
{
    // The generator the benchmark uses: its counts agree with the queries.
    TestDatabase fx;
    CD_REQUIRE_DB(fx);
    cd::test::AnomalySeedPlan plan;
    plan.sessions = 3000;
    plan.anomalyPerMille = 300;
    plan.resolvedPerMille = 100;
    plan.fromMs = kT0;
    plan.toMs = kT0 + 60 * kDay;
    auto seeded = cd::test::seedAnomalyBills(fx.db(), plan);
    QVERIFY2(seeded.ok(), qPrintable(seeded.error().message));
    QCOMPARE(seeded->sessions, 3000LL);
    QVERIFY(seeded->anomalyBills > 700 && seeded->anomalyBills < 1100);
    QVERIFY(seeded->openBills < seeded->anomalyBills);
    AnomalyBillQueries queries(fx.db());
    QCOMPARE(*queries.count({}), seeded->openBills);
    AnomalyBillFilter all;
    all.status = AnomalyStatus::All;
    QCOMPARE(*queries.count(all), seeded->anomalyBills);
    auto stats = AnomalyStatisticsQuery(fx.db()).compute({}, StatisticsPeriod::Week, QTimeZone::utc());
    QVERIFY(stats.ok());
    QCOMPARE(stats->anomalyBills, seeded->openBills);
    qint64 sessions = 0;
    QSet<std::pair<qint64, qint64>> counted;
    for (const AnomalyStatisticsRow &r : stats->rows) {
        QVERIFY(r.anomalyBills <= r.sessions);
        if (!counted.contains({r.stationId, r.periodStart.toJulianDay()})) {
            counted.insert({r.stationId, r.periodStart.toJulianDay()});
            sessions += r.sessions;
        }
    }
    QVERIFY(sessions <= 3000 && sessions > 2500);
}

QTEST_GUILESS_MAIN(TestAnomalyBillQueries)
#include "tst_anomaly_bill_queries.moc"
