// Anomaly detection on the database (SQLCipher and PostgreSQL): the facts of a session as the
// loader reads them (its samples, the station's connections during it, the sessions that overlap it
// on the connector, the bill's times), the tagger storing one bill_anomalies row per code inside
// the caller's transaction and doing nothing more when asked again, and abandoned sessions (quiet
// for too long) found, closed at their last reading and tagged 1 and 2; sessions no tariff applies
// to billed at 0 and tagged all the same.

#include "support/testdatabase.h"

#include "core/anomalies/abandonedsessions.h"
#include "core/anomalies/anomalydetailtexts.h"
#include "core/anomalies/anomalytaggerimpl.h"
#include "core/anomalies/sessionfactsloader.h"
#include "core/billing/billingservice.h"
#include "core/billing/billrepository.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"
#include "core/i18n/translationmanager.h"

#include <QTest>

using namespace cd;
using namespace cd::anomalies;
using namespace Qt::StringLiterals;
using cd::test::TestDatabase;

namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 T0 = 1764000000000;  // 2025-11-24 16:00 UTC
constexpr qint64 kLag = 500;

struct Lab {
    TestDatabase fixture;
    ManualClock clock{T0 + 2 * kHour};
    qint64 stationId = 0;
    int nextTransaction = 1;

    const storage::Database &db() const { return fixture.db(); }

    QVariant scalar(const QString &sql, const QVariantList &values = {}) const
    {
        auto q = storage::Sql::run(db().connection(), sql, values);
        return q && q->next() ? q->value(0) : QVariant();
    }
    qint64 insert(const QString &sql, const QVariantList &values)
    {
        auto q = storage::Sql::run(db().connection(), sql + db().dialect().returningIdClause(), values);
        if (!q)
            qWarning("%s", qPrintable(q.error().message));
        return q ? db().dialect().insertedId(*q) : 0;
    }
    bool run(const QString &sql, const QVariantList &values = {})
    {
        auto q = storage::Sql::run(db().connection(), sql, values);
        if (!q)
            qWarning("%s", qPrintable(q.error().message));
        return q.ok();
    }

    bool prepare()
    {
        stationId = insert(u"INSERT INTO stations (charge_point_id, vendor, model, firmware, created_ms) "
                           "VALUES ('CP-1', 'Robinson', 'RB-60', '1.0.0', 0)"_s,
                           {});
        return stationId > 0;
    }

    // A session the station started at `startedMs` on `connector`; closed by `stopSource` at
    // `endedMs` (nullopt: still open) with the meter start and stop given.
    qint64 session(qint64 startedMs, std::optional<qint64> endedMs, const QString &stopSource = u"station"_s,
                   int connector = 1, std::optional<qint64> meterStart = 100000, std::optional<qint64> meterStop = 124000,
                   bool transaction = true)
    {
        const QString status = stopSource.isEmpty() ? u"ongoing"_s : u"finished"_s;
        const qint64 id =
            insert(u"INSERT INTO sessions (session_number, station_id, connector_id, evse_id, ocpp_transaction_id, "
                   "status, stop_source, meter_start_wh, meter_stop_wh, energy_wh, created_ms, started_ms, "
                   "charging_started_ms, charging_ended_ms, ended_ms, updated_ms, last_meter_wh, last_meter_at_ms) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                   {u"S-%1"_s.arg(nextTransaction), stationId, connector, connector,
                    transaction ? QVariant(QString::number(nextTransaction)) : QVariant(), status, stopSource,
                    storage::bindable(meterStart), storage::bindable(meterStop),
                    meterStart && meterStop ? *meterStop - *meterStart : 0, startedMs + kLag, startedMs, startedMs,
                    storage::bindable(endedMs), storage::bindable(endedMs), startedMs + kLag,
                    storage::bindable(meterStop), storage::bindable(endedMs)});
        ++nextTransaction;
        if (id > 0)
            event(id, u"started"_s, startedMs + kLag);
        if (id > 0 && endedMs && stopSource == u"station")
            event(id, u"stopped"_s, *endedMs + kLag);
        return id;
    }
    void event(qint64 sessionId, const QString &kind, qint64 atMs)
    {
        insert(u"INSERT INTO session_events (session_id, at_ms, kind, detail) VALUES (?, ?, ?, '{}')"_s,
               {sessionId, atMs, kind});
    }
    void sample(qint64 sessionId, qint64 atMs, qint64 wh, const QString &measurand = u"Energy.Active.Import.Register"_s,
                const QString &phase = {}, const QString &unit = u"Wh"_s, std::optional<qint64> receivedMs = std::nullopt)
    {
        insert(u"INSERT INTO meter_samples (session_id, station_id, connector_id, station_at_ms, received_ms, "
               "measurand, phase, context, unit, value_milli) VALUES (?, ?, 1, ?, ?, ?, ?, 'Sample.Periodic', ?, ?)"_s,
               {sessionId, stationId, atMs, receivedMs.value_or(atMs + kLag), measurand, phase, unit, wh * 1000});
    }
    // Readings every 10 minutes from `from` (minutes after T0) to `to`, 4 kWh each, from `base`.
    void samples(qint64 sessionId, int from, int to, qint64 base = 100000)
    {
        for (int m = from; m <= to; m += 10)
            sample(sessionId, T0 + m * kMinute, base + (m / 10) * 4000);
    }
    void connection(bool connected, qint64 atMs)
    {
        insert(u"INSERT INTO station_events (station_id, at_ms, kind, detail) VALUES (?, ?, ?, '{}')"_s,
               {stationId, atMs, connected ? u"connected"_s : u"disconnected"_s});
    }
    qint64 bill(qint64 sessionId, std::optional<qint64> serviceEndedMs = std::nullopt)
    {
        return insert(u"INSERT INTO bills (session_id, version, currency, energy_wh, charging_started_ms, "
                      "charging_ended_ms, service_ended_ms, total_minor, created_by, created_ms) "
                      "VALUES (?, 1, 'UAH', 24000, NULL, NULL, ?, 0, 'test', ?)"_s,
                      {sessionId, storage::bindable(serviceEndedMs), clock.nowMs()});
    }
    QList<int> storedCodes(qint64 billId) const
    {
        QList<int> out;
        auto q = storage::Sql::run(db().connection(), u"SELECT code FROM bill_anomalies WHERE bill_id = ? ORDER BY code"_s,
                                   {billId});
        while (q && q->next())
            out << q->value(0).toInt();
        return out;
    }
    SessionFacts facts(qint64 sessionId, std::optional<qint64> billId = std::nullopt) const
    {
        auto f = SessionFactsLoader(db(), clock).load(sessionId, billId);
        if (!f || !f->has_value())
            qFatal("no facts for session %lld", sessionId);
        return **f;
    }
    // Tags inside a transaction, as BillingService does.
    Expected<QList<int>> tag(AnomalyTaggerImpl &tagger, qint64 sessionId, qint64 billId)
    {
        storage::Transaction tx(db().connection());
        if (Status st = tx.begin(); !st)
            return st.error();
        auto codes = tagger.tag(sessionId, billId);
        if (!codes)
            return codes;
        if (Status st = tx.commit(); !st)
            return st.error();
        return codes;
    }
};

}  // namespace

class TestAnomalyTagger : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }

    void loaderReadsTheSession()
    {
        Lab lab;
        CD_REQUIRE_DB(lab.fixture);
        QVERIFY(lab.prepare());
        const qint64 id = lab.session(T0, T0 + kHour);
        lab.samples(id, 0, 60);
        // Not the total import register: ignored.
        lab.sample(id, T0 + 5 * kMinute, 7, u"Power.Active.Import"_s, {}, u"W"_s);
        lab.sample(id, T0 + 5 * kMinute, 33000, u"Energy.Active.Import.Register"_s, u"L1"_s);
        // The station's connections: one before the session, a drop during it, one after the stop.
        lab.connection(true, T0 - kHour);
        lab.connection(false, T0 + 20 * kMinute);
        lab.connection(true, T0 + 22 * kMinute);
        lab.connection(false, T0 + 3 * kHour);

        const SessionFacts f = lab.facts(id);
        QCOMPARE(f.chargePointId, u"CP-1"_s);
        QCOMPARE(f.vendor, u"Robinson"_s);
        QCOMPARE(f.firmware, u"1.0.0"_s);
        QCOMPARE(f.connectorId, std::optional<int>(1));
        QCOMPARE(f.startReceivedMs, std::optional<qint64>(T0 + kLag));
        QCOMPARE(f.stopReceivedMs, std::optional<qint64>(T0 + kHour + kLag));
        QCOMPARE(f.closedMs, f.stopReceivedMs);
        QCOMPARE(f.stationEnergyWh(), std::optional<qint64>(24000));
        QCOMPARE(f.readings.size(), 7);
        QCOMPARE(f.readings.first().wh, 100000);
        QCOMPARE(f.readings.last().wh, 124000);
        QCOMPARE(f.connections,
                 (QList<ConnectionChange>{{T0 + 20 * kMinute, false}, {T0 + 22 * kMinute, true}}));
        QVERIFY(!f.offlineAtClose);
        QVERIFY(f.eventKinds.contains(u"stopped"_s));
        QCOMPARE(f.serviceEndedMs, f.endedMs);  // billing's rule without a bill

        // A bill's times are what it charged for.
        const qint64 billId = lab.bill(id, T0 + 3 * kHour);
        const SessionFacts billed = lab.facts(id, billId);
        QCOMPARE(billed.billId, std::optional<qint64>(billId));
        QCOMPARE(billed.serviceEndedMs, std::optional<qint64>(T0 + 3 * kHour));
    }

    void overlappingSessions_data()
    {
        QTest::addColumn<qint64>("otherStart");  // minutes after T0; this session runs 0 → 60
        QTest::addColumn<qint64>("otherEnd");    // -1: still open
        QTest::addColumn<int>("connector");
        QTest::addColumn<bool>("transaction");
        QTest::addColumn<bool>("overlaps");
        QTest::newRow("ends as this starts") << qint64(-60) << qint64(0) << 1 << true << false;
        QTest::newRow("ends 1 min into this") << qint64(-60) << qint64(1) << 1 << true << true;
        QTest::newRow("starts as this ends (superseded)") << qint64(60) << qint64(120) << 1 << true << false;
        QTest::newRow("starts 1 min before this ends") << qint64(59) << qint64(120) << 1 << true << true;
        QTest::newRow("inside this") << qint64(10) << qint64(20) << 1 << true << true;
        QTest::newRow("open, started before this") << qint64(-10) << qint64(-1) << 1 << true << true;
        QTest::newRow("open, started after this ended") << qint64(61) << qint64(-1) << 1 << true << false;
        QTest::newRow("the other connector") << qint64(10) << qint64(20) << 2 << true << false;
        QTest::newRow("never started by the station") << qint64(10) << qint64(-1) << 1 << false << false;
    }

    void overlappingSessions()
    {
        QFETCH(qint64, otherStart);
        QFETCH(qint64, otherEnd);
        QFETCH(int, connector);
        QFETCH(bool, transaction);
        Lab lab;
        CD_REQUIRE_DB(lab.fixture);
        QVERIFY(lab.prepare());
        const qint64 id = lab.session(T0, T0 + kHour);
        const qint64 other = lab.session(T0 + otherStart * kMinute,
                                         otherEnd < 0 ? std::nullopt : std::optional<qint64>(T0 + otherEnd * kMinute),
                                         otherEnd < 0 ? QString() : u"station"_s, connector, 0, 0, transaction);
        QVERIFY(other > 0);
        const SessionFacts f = lab.facts(id);
        QTEST(!f.overlapping.isEmpty(), "overlaps");
        if (!f.overlapping.isEmpty())
            QCOMPARE(f.overlapping.first().id, other);
    }

    void tagsOncePerBillAndCode()
    {
        Lab lab;
        CD_REQUIRE_DB(lab.fixture);
        QVERIFY(lab.prepare());
        // gdss_case#7: meter start 0, the register reads 0, then 5 MWh.
        const qint64 id = lab.session(T0, T0 + kHour, u"station"_s, 1, 0, 5024000);
        lab.sample(id, T0, 0);
        lab.sample(id, T0 + 10 * kMinute, 0);
        for (int m = 20; m <= 60; m += 10)
            lab.sample(id, T0 + m * kMinute, 5000000 + (m / 10) * 4000);
        const qint64 billId = lab.bill(id);

        AnomalyTaggerImpl tagger(lab.db(), lab.clock, AnomalyThresholds{});
        auto codes = lab.tag(tagger, id, billId);
        QVERIFY2(codes, codes ? "" : qPrintable(codes.error().message));
        QCOMPARE(*codes, QList<int>{8});
        QCOMPARE(lab.storedCodes(billId), QList<int>{8});
        const QString detail = lab.scalar(u"SELECT detail FROM bill_anomalies WHERE bill_id = ?"_s, {billId}).toString();
        QVERIFY2(detail.contains(u"jumped"_s), qPrintable(detail));
        QCOMPARE(lab.scalar(u"SELECT detected_ms FROM bill_anomalies WHERE bill_id = ?"_s, {billId}).toLongLong(),
                 lab.clock.nowMs());
        QCOMPARE(lab.scalar(u"SELECT session_id FROM bill_anomalies WHERE bill_id = ?"_s, {billId}).toLongLong(), id);

        // Again: the same codes, no second row, the first detection time kept.
        lab.clock.advanceMs(kHour);
        codes = lab.tag(tagger, id, billId);
        QVERIFY(codes);
        QCOMPARE(*codes, QList<int>{8});
        QCOMPARE(lab.scalar(u"SELECT COUNT(*) FROM bill_anomalies WHERE bill_id = ?"_s, {billId}).toInt(), 1);
        QCOMPARE(lab.scalar(u"SELECT detected_ms FROM bill_anomalies WHERE bill_id = ?"_s, {billId}).toLongLong(),
                 lab.clock.nowMs() - kHour);

        // The database refuses a second row for the same bill and code (migration 0010).
        QVERIFY(!storage::Sql::run(lab.db().connection(),
                                   u"INSERT INTO bill_anomalies (bill_id, session_id, code, detail, detected_ms) "
                                   "VALUES (?, ?, 8, '', 0)"_s,
                                   {billId, id}));

        // Shown to an operator who reads Ukrainian: the detectors run again and say it in Ukrainian;
        // the stored sentence stays as it was written.
        {
            i18n::TranslationManager translations(QCoreApplication::instance());
            QVERIFY(translations.setLanguage(u"uk"_s));
            auto texts = AnomalyDetailTexts::current(lab.db(), id, billId, AnomalyThresholds{}, lab.clock);
            QVERIFY2(texts, texts ? "" : qPrintable(texts.error().message));
            QCOMPARE(texts->keys(), QList<int>{8});
            QVERIFY2(!texts->value(8).contains(u"jumped"_s) && texts->value(8) != detail, qPrintable(texts->value(8)));
            QVERIFY2(texts->value(8).contains(u"кВт·год"_s), qPrintable(texts->value(8)));
            QCOMPARE(lab.scalar(u"SELECT detail FROM bill_anomalies WHERE bill_id = ?"_s, {billId}).toString(), detail);
            QVERIFY(translations.setLanguage(u"en"_s));
        }
        auto english = AnomalyDetailTexts::current(lab.db(), id, billId, AnomalyThresholds{}, lab.clock);
        QVERIFY(english);
        QCOMPARE(english->value(8), detail);

        // A clean session's bill: nothing stored.
        const qint64 cleanId = lab.session(T0 + 2 * kHour, T0 + 3 * kHour, u"station"_s, 2);
        lab.samples(cleanId, 120, 180, 100000 - 12 * 4000);
        const qint64 cleanBill = lab.bill(cleanId);
        codes = lab.tag(tagger, cleanId, cleanBill);
        QVERIFY(codes);
        QVERIFY2(codes->isEmpty(), qPrintable(QString::number(codes->value(0))));
        QVERIFY(lab.storedCodes(cleanBill).isEmpty());

        // A bill of another session, an unknown bill: errors, nothing stored.
        QVERIFY(!lab.tag(tagger, id, cleanBill));
        QVERIFY(!lab.tag(tagger, id, 999999));
        QVERIFY(lab.storedCodes(cleanBill).isEmpty());
    }

    // Issue #6 gap 3: no tariff applies (this database has none), yet the session's bill is issued
    // at 0 and checked: the station sent no meter stop and no meter values (code 11), and
    // gdss_case#7's jump (code 8) is found as well on a second session.
    void noTariffSessionsAreChecked()
    {
        Lab lab;
        CD_REQUIRE_DB(lab.fixture);
        QVERIFY(lab.prepare());
        QCOMPARE(lab.scalar(u"SELECT COUNT(*) FROM tariffs"_s).toInt(), 0);
        AnomalyTaggerImpl tagger(lab.db(), lab.clock, AnomalyThresholds{});
        billing::BillingService service(lab.db(), lab.clock);
        service.setAnomalyTagger(&tagger);
        service.setDefaultSettlementMode(billing::SettlementMode::HoldUntilCorrected);

        const qint64 lost = lab.session(T0, T0 + kHour, u"station"_s, 1, 100000, std::nullopt);
        auto issued = service.issue(lost);
        QVERIFY2(issued, issued ? "" : qPrintable(issued.error().message));
        QVERIFY(issued->billId > 0);
        QVERIFY(issued->anomalyCodes.contains(11));
        QCOMPARE(issued->state, billing::SettlementState::Held);
        QVERIFY(lab.storedCodes(issued->billId).contains(11));
        const billing::Bill bill = **billing::BillRepository(lab.db()).current(lost);
        QCOMPARE(bill.totalMinor, qint64(0));
        QVERIFY(bill.detail && bill.detail->input.withoutTariff());

        const qint64 jump = lab.session(T0, T0 + kHour, u"station"_s, 2, 0, 5024000);
        lab.sample(jump, T0, 0);
        lab.sample(jump, T0 + 10 * kMinute, 0);
        for (int m = 20; m <= 60; m += 10)
            lab.sample(jump, T0 + m * kMinute, 5000000 + (m / 10) * 4000);
        issued = service.issue(jump);
        QVERIFY2(issued, issued ? "" : qPrintable(issued.error().message));
        QVERIFY(issued->billId > 0);
        QVERIFY(issued->anomalyCodes.contains(8));
        QCOMPARE((**billing::BillRepository(lab.db()).current(jump)).totalMinor, qint64(0));
    }

    void taggingRollsBackWithTheCaller()
    {
        Lab lab;
        CD_REQUIRE_DB(lab.fixture);
        QVERIFY(lab.prepare());
        const qint64 id = lab.session(T0, T0 + kHour, u"reboot"_s);
        const qint64 billId = lab.bill(id);
        AnomalyTaggerImpl tagger(lab.db(), lab.clock, AnomalyThresholds{});
        {
            storage::Transaction tx(lab.db().connection());
            QVERIFY(tx.begin());
            auto codes = tagger.tag(id, billId);
            QVERIFY(codes);
            QCOMPARE(*codes, (QList<int>{1, 11}));
            QCOMPARE(lab.storedCodes(billId), (QList<int>{1, 11}));  // visible inside the transaction
        }  // rolled back
        QVERIFY(lab.storedCodes(billId).isEmpty());
    }

    void abandonedSessions()
    {
        Lab lab;
        CD_REQUIRE_DB(lab.fixture);
        QVERIFY(lab.prepare());
        AnomalyThresholds t;
        t.abandonedAfterMs = 6 * kHour;
        // Dropped off the network 30 min into the session, back 3 min later, never heard of again.
        lab.connection(true, T0 - kHour);
        const qint64 quiet = lab.session(T0, std::nullopt, QString(), 1, 100000, std::nullopt);
        lab.samples(quiet, 0, 30);
        // What the ledger keeps of the newest reading.
        QVERIFY(lab.run(u"UPDATE sessions SET last_meter_wh = 112000, last_meter_at_ms = ? WHERE id = ?"_s,
                        {T0 + 30 * kMinute, quiet}));
        lab.connection(false, T0 + 31 * kMinute);
        lab.connection(true, T0 + 34 * kMinute);
        // Running on connector 2 with a meter value received recently (late queue): not abandoned.
        const qint64 alive = lab.session(T0, std::nullopt, QString(), 2, 200000, std::nullopt);
        lab.sample(alive, T0 + 10 * kMinute, 201000, u"Energy.Active.Import.Register"_s, {}, u"Wh"_s, T0 + 7 * kHour);
        // Never started by the station: not ours to close.
        const qint64 unstarted = lab.session(T0, std::nullopt, QString(), 2, std::nullopt, std::nullopt, false);
        QVERIFY(quiet && alive && unstarted);

        lab.clock.setNowMs(T0 + 6 * kHour + 31 * kMinute);
        auto due = AbandonedSessions::due(lab.db(), lab.clock.nowMs(), t);
        QVERIFY(due);
        QCOMPARE(*due, QList<qint64>{quiet});
        // The last sign of life (the sample of 30 min, received half a second later) is not 6 h old yet.
        lab.clock.setNowMs(T0 + 6 * kHour + 30 * kMinute);
        QVERIFY(AbandonedSessions::due(lab.db(), lab.clock.nowMs(), t)->isEmpty());

        lab.clock.setNowMs(T0 + 8 * kHour);
        auto closed = AbandonedSessions::closeDue(lab.db(), lab.clock.nowMs(), t);
        QVERIFY2(closed, closed ? "" : qPrintable(closed.error().message));
        QCOMPARE(*closed, QList<qint64>{quiet});
        auto s = storage::SessionRepository(lab.db()).find(quiet);
        QVERIFY(s && s->has_value());
        QCOMPARE((*s)->stopSource, AbandonedSessions::stopSource());
        QCOMPARE((*s)->stopReason, AbandonedSessions::stopReason());
        QCOMPARE((*s)->status, u"finished"_s);
        QCOMPARE((*s)->endedMs, std::optional<qint64>(T0 + 30 * kMinute));  // the last reading, not now
        QCOMPARE((*s)->energyWh, 12000);
        QCOMPARE((*s)->meterStopWh, std::optional<qint64>(112000));
        QCOMPARE(lab.scalar(u"SELECT COUNT(*) FROM session_events WHERE session_id = ? AND kind = ?"_s,
                            {quiet, AbandonedSessions::closedEventKind()})
                     .toInt(),
                 1);
        // Closing again changes nothing.
        auto again = AbandonedSessions::close(lab.db(), quiet, lab.clock.nowMs());
        QVERIFY(again);
        QVERIFY(!*again);

        // Its bill: lost, and lost while the station was offline.
        const qint64 billId = lab.bill(quiet);
        AnomalyTaggerImpl tagger(lab.db(), lab.clock, t);
        auto codes = lab.tag(tagger, quiet, billId);
        QVERIFY2(codes, codes ? "" : qPrintable(codes.error().message));
        QCOMPARE(*codes, (QList<int>{1, 2}));
    }

    void abandonedWithoutEnergyFails()
    {
        Lab lab;
        CD_REQUIRE_DB(lab.fixture);
        QVERIFY(lab.prepare());
        const qint64 id = lab.session(T0, std::nullopt, QString(), 1, 100000, std::nullopt);
        lab.clock.setNowMs(T0 + 30 * kHour);
        auto closed = AbandonedSessions::closeDue(lab.db(), lab.clock.nowMs(), AnomalyThresholds{});
        QVERIFY(closed);
        QCOMPARE(*closed, QList<qint64>{id});
        auto s = storage::SessionRepository(lab.db()).find(id);
        QCOMPARE((*s)->status, u"failed"_s);
        QCOMPARE((*s)->endedMs, std::optional<qint64>(T0));
        const qint64 billId = lab.bill(id);
        AnomalyTaggerImpl tagger(lab.db(), lab.clock, AnomalyThresholds{});
        auto codes = lab.tag(tagger, id, billId);
        QVERIFY(codes);
        QCOMPARE(*codes, (QList<int>{1, 11}));
    }
};

QTEST_GUILESS_MAIN(TestAnomalyTagger)
#include "tst_anomaly_tagger.moc"
