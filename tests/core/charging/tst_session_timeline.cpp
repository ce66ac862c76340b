// The session log (SessionTimeline): every session event, meter callback and OCPP message of a
// real session in time order, explained in plain words, repeated callbacks without progress
// marked "ignored"; the "Suspicious" rule (SuspiciousSessions); the one-box session search by
// number, id, station, card, member name and phone.

#include "chargingtestsupport.h"

#include "core/charging/chargingqueries.h"
#include "core/charging/sessiontimeline.h"
#include "core/charging/suspicioussessions.h"

#include <QLocale>

using namespace cd;
using namespace cd::test;
using charging::Suspicion;
using charging::TimelineEntry;

namespace {

constexpr qint64 kMinute = 60 * 1000;

qint64 startOn(LoopbackLink &link, int connector, const char *tag, qint64 meterStart, qint64 atMs)
{
    const Answer a = callFrom(link, QStringLiteral("StartTransaction"),
                              {{"connectorId", connector}, {"idTag", tag}, {"meterStart", meterStart}, {"timestamp", iso(atMs)}});
    return a.ok ? a.payload["transactionId"].get<qint64>() : -1;
}

json meterValues(qint64 tx, qint64 atMs, qint64 registerWh, std::optional<qint64> powerW = std::nullopt)
{
    json sampled = json::array({{{"value", std::to_string(registerWh)}, {"measurand", "Energy.Active.Import.Register"}, {"unit", "Wh"}}});
    if (powerW)
        sampled.push_back({{"value", std::to_string(*powerW)}, {"measurand", "Power.Active.Import"}, {"unit", "W"}});
    return {{"connectorId", 1}, {"transactionId", tx}, {"meterValue", json::array({{{"timestamp", iso(atMs)}, {"sampledValue", sampled}}})}};
}

const TimelineEntry *findEntry(const QList<TimelineEntry> &entries, const QString &start)
{
    for (const TimelineEntry &e : entries) {
        if (e.text.startsWith(start))
            return &e;
    }
    return nullptr;
}

QString dump(const QList<TimelineEntry> &entries)
{
    QStringList lines;
    for (const TimelineEntry &e : entries)
        lines << QStringLiteral("%1 %2%3").arg(e.atMs).arg(e.ignored ? QStringLiteral("(ignored) ") : QString(), e.text);
    return lines.join(u'\n');
}

}  // namespace

class TestSessionTimeline : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        qInfo("backend: %s", qPrintable(TestDatabase::backendName()));
    }
    void timelineOfARealSession();
    void eventExplanations_data();
    void eventExplanations();
    void messageExplanations();
    void suspiciousSessions();
    void searchOneBox();
    void searchWithThousandsOfMatches();
};

void TestSessionTimeline::timelineOfARealSession()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-T"));
    h.addTag(QStringLiteral("CARD"));
    auto &link = h.connect(QStringLiteral("CP-T"));
    CD_ANSWER_OK(h.boot(link));

    const qint64 tx = startOn(link, 1, "CARD", 1000, kT0);
    QVERIFY(tx > 0);
    const qint64 readings[] = {1000, 2400, 2400, 3400};
    for (int i = 0; i < 4; ++i) {
        h.clock.advanceMs(kMinute);
        CD_ANSWER_OK(callFrom(link, QStringLiteral("MeterValues"),
                              meterValues(tx, kT0 + (i + 1) * kMinute, readings[i], i == 1 ? std::optional<qint64>(7200) : std::nullopt)));
    }
    h.clock.advanceMs(kMinute);
    CD_ANSWER_OK(callFrom(link, QStringLiteral("StopTransaction"),
                          {{"transactionId", tx}, {"meterStop", 3400}, {"timestamp", iso(kT0 + 5 * kMinute)}, {"reason", "EVDisconnected"}}));
    h.idle();

    charging::ChargingQueries queries(h.fixture.shared(), h.clock);
    auto session = queries.findSession(QString::number(tx));
    QVERIFY(session.ok() && session->has_value());
    auto detail = queries.sessionDetail((*session)->id);
    QVERIFY(detail.ok() && detail->has_value());
    const QList<TimelineEntry> entries = charging::SessionTimeline::build(**detail);
    const QString all = dump(entries);

    for (qsizetype i = 1; i < entries.size(); ++i)
        QVERIFY2(entries[i - 1].atMs <= entries[i].atMs, qPrintable(all));
    // (The message log is stamped by the real clock, the service by the test's manual clock: only
    // the order within each source is meaningful here.)
    const TimelineEntry *reported = findEntry(entries, QStringLiteral("Station reports the start"));
    QVERIFY2(reported, qPrintable(all));
    QCOMPARE(reported->text, QStringLiteral("Station reports the start on connector 1 with card CARD, meter 1.0 kWh"));
    QCOMPARE(reported->kind, TimelineEntry::Kind::FromStation);

    const TimelineEntry *confirmed = findEntry(entries, QStringLiteral("Station confirmed the start"));
    QVERIFY2(confirmed, qPrintable(all));
    QCOMPARE(confirmed->text,
             QStringLiteral("Station confirmed the start (transaction %1, connector 1, meter 1.0 kWh)").arg(tx));
    const TimelineEntry *answer = findEntry(entries, QStringLiteral("Start confirmed to the station"));
    QVERIFY2(answer, qPrintable(all));
    QCOMPARE(answer->kind, TimelineEntry::Kind::ToStation);
    QCOMPARE(answer->text, QStringLiteral("Start confirmed to the station: transaction %1, card Accepted").arg(tx));

    // Four meter callbacks: 0.0, 1.4 (with power), 1.4 again (ignored), 2.4 kWh charged.
    QList<const TimelineEntry *> meter;
    for (const TimelineEntry &e : entries) {
        if (e.kind == TimelineEntry::Kind::Meter)
            meter << &e;
    }
    QCOMPARE(meter.size(), 4);
    QCOMPARE(meter[0]->text, QStringLiteral("Meter: 0.0 kWh"));
    QVERIFY(!meter[0]->ignored);
    QCOMPARE(meter[1]->text, QStringLiteral("Meter: 1.4 kWh, 7.2 kW"));
    QVERIFY(!meter[1]->ignored);
    QCOMPARE(meter[2]->text, QStringLiteral("Repeated meter callback without progress (1.4 kWh) — ignored"));
    QVERIFY(meter[2]->ignored);
    QCOMPARE(meter[3]->text, QStringLiteral("Meter: 2.4 kWh"));
    QVERIFY(!meter[3]->ignored);

    const TimelineEntry *stopped = findEntry(entries, QStringLiteral("Station reported the stop"));
    QVERIFY2(stopped, qPrintable(all));
    QCOMPARE(stopped->text, QStringLiteral("Station reported the stop: 2.4 kWh charged, meter 3.4 kWh. Reason: Vehicle unplugged"));
    const TimelineEntry *finished = findEntry(entries, QStringLiteral("Status: Charging → Finished"));
    QVERIFY2(finished, qPrintable(all));
    QCOMPARE(finished->kind, TimelineEntry::Kind::Status);
    QVERIFY2(findEntry(entries, QStringLiteral("Station reports the stop of transaction %1, meter 3.4 kWh").arg(tx)),
             qPrintable(all));
    int warnings = 0;
    for (const TimelineEntry &e : entries)
        warnings += e.warning ? 1 : 0;
    QCOMPARE(warnings, 0);

    // The same stop again: an ignored line, nothing counted twice.
    CD_ANSWER_OK(callFrom(link, QStringLiteral("StopTransaction"),
                          {{"transactionId", tx}, {"meterStop", 3400}, {"timestamp", iso(kT0 + 5 * kMinute)}, {"reason", "EVDisconnected"}}));
    h.idle();
    detail = queries.sessionDetail((*session)->id);
    QVERIFY(detail.ok() && detail->has_value());
    const QList<TimelineEntry> again = charging::SessionTimeline::build(**detail);
    const TimelineEntry *duplicate = findEntry(again, QStringLiteral("Station repeated its stop message"));
    QVERIFY2(duplicate, qPrintable(dump(again)));
    QVERIFY(duplicate->ignored);
}

void TestSessionTimeline::eventExplanations_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ignored");
    QTest::addColumn<bool>("warning");
    QTest::newRow("replay") << "event_replay" << R"({"seqNo":4,"eventType":"Updated"})"
                            << "Station repeated message 4 — ignored" << true << false;
    QTest::newRow("start retry") << "start_retry" << R"({"transactionId":"7","connectorId":1})"
                                 << "Station repeated its start message — ignored, answered as before" << true << false;
    QTest::newRow("reboot close") << "closed_after_reboot" << R"({"reason":"StationRebooted","energyWh":12400})"
                                  << "Closed by the system: the station rebooted without sending a stop (12.4 kWh charged)"
                                  << false << true;
    QTest::newRow("not authorised") << "start_not_authorized" << R"({"authorization":"Blocked"})"
                                    << "Charging started although the card was not authorised (Card blocked)" << false << true;
    QTest::newRow("gap") << "seq_gap" << R"({"expected":3,"received":5,"missing":[3,4]})"
                         << "Station messages missing: expected number 3, received 5" << false << true;
    QTest::newRow("negative") << "negative_energy" << R"({"meterStartWh":5000,"meterStopWh":100})"
                              << "Meter at stop (0.1 kWh) is below the meter at start (5.0 kWh): energy set to 0" << false << true;
    QTest::newRow("status") << "status" << R"({"from":"ongoing","to":"pending_final_payment","why":"x"})"
                            << "Status: Charging → Waiting for final payment" << false << false;
    QTest::newRow("hold held") << "hold_status"
                               << R"({"holdId":3,"from":"processing","to":"hold","amountMinor":50000,"capturedMinor":0,"currency":"UAH"})"
                               << "Payment hold: bank processing → money held on the card (held 500.00 UAH, captured 0.00 UAH)"
                               << false << false;
    QTest::newRow("hold failed") << "hold_status" << R"({"from":"processing","to":"failed","amountMinor":100,"capturedMinor":0,"currency":"JPY"})"
                                 << "Payment hold: bank processing → failed (held 100 JPY, captured 0 JPY)" << false << true;
    QTest::newRow("hold report before token") << "hold_report_waiting" << R"({"holdId":3,"status":"hold","reason":"no_card_token"})"
                                              << "Bank reported the hold as \"money held on the card\" — ignored for now, no card "
                                                 "token yet; applied when it comes"
                                              << true << false;
    QTest::newRow("refund") << "payment_refund" << R"({"amountMinor":1250,"refundedMinor":2000,"currency":"EUR"})"
                            << "Refund of 12.50 EUR (refunded in all: 20.00 EUR)" << false << false;
    QTest::newRow("payment held") << "payment_held" << R"({"holdId":3,"billId":17,"heldMinor":50000,"currency":"UAH","anomalies":[4]})"
                                  << "The bill has anomalies and is held until corrected: the hold of 500.00 UAH stays on the "
                                     "card until bill 17 is corrected"
                                  << false << true;
    QTest::newRow("auto stop") << "auto_stop" << R"({"remainingMinor":480,"thresholdMinor":500})"
                               << "Balance running out: stop sent automatically (left 4.80, stop at 5.00)" << false << true;
    QTest::newRow("stop not honoured") << "stop_not_honoured" << R"({"risenWh":1500})"
                                       << "The station accepted the stop but kept charging: 1.5 kWh more since" << false << true;
    QTest::newRow("operator finish") << "operator_finish"
                                     << R"({"from":"ongoing","to":"finished","energyBeforeWh":1200,"energyAfterWh":1200,"amountBeforeMinor":0,"amountAfterMinor":340,"currency":"UAH","reason":"station lost its Stop"})"
                                     << "Finished by the operator: Charging → Finished, 1.2 kWh charged, amount 3.40 UAH. "
                                        "Reason: station lost its Stop"
                                     << false << false;
    QTest::newRow("operator status") << "operator_status"
                                     << R"({"from":"finished","to":"ongoing","mode":"override","reason":"x"})"
                                     << "Status changed by the operator (OVERRIDE): Finished → Charging. Reason: x" << false << false;
    QTest::newRow("money failed") << "operator_money_failed" << R"({"action":"finish","error":"card declined"})"
                                  << "The money call after the operator's action failed: card declined" << false << true;
    QTest::newRow("unknown") << "something_new" << "{}" << "Event: something_new" << false << false;
    QTest::newRow("broken detail") << "started" << "not json"
                                   << "Station confirmed the start (transaction —, connector —, meter —)" << false << false;
}

void TestSessionTimeline::eventExplanations()
{
    QFETCH(QString, kind);
    QFETCH(QString, detail);
    QFETCH(QString, text);
    QFETCH(bool, ignored);
    QFETCH(bool, warning);
    storage::SessionEvent event;
    event.atMs = kT0;
    event.kind = kind;
    event.detail = detail;
    const TimelineEntry e = charging::SessionTimeline::fromEvent(event);
    QCOMPARE(e.text, text);
    QCOMPARE(e.ignored, ignored);
    QCOMPARE(e.warning, warning);
    QCOMPARE(e.atMs, kT0);
    QCOMPARE(e.detail, detail);

    event.operatorName = QStringLiteral("anna");
    QCOMPARE(charging::SessionTimeline::fromEvent(event).text, text + QStringLiteral(" · by anna"));
}

void TestSessionTimeline::messageExplanations()
{
    storage::MessageLogEntry m;
    m.atMs = kT0;
    m.direction = QStringLiteral("out");
    m.messageType = 2;
    m.action = QStringLiteral("RemoteStartTransaction");
    m.raw = QStringLiteral(R"([2,"a1","RemoteStartTransaction",{"connectorId":4,"idTag":"CARD"}])");
    auto e = charging::SessionTimeline::fromMessage(m);
    QVERIFY(e);
    QCOMPARE(e->text, QStringLiteral("START sent to the station (connector 4, card CARD)"));
    QCOMPARE(e->kind, TimelineEntry::Kind::ToStation);

    m.direction = QStringLiteral("in");
    m.messageType = 3;
    m.raw = QStringLiteral(R"([3,"a1",{"status":"Rejected"}])");
    e = charging::SessionTimeline::fromMessage(m);
    QVERIFY(e);
    QCOMPARE(e->text, QStringLiteral("Station rejected the START (Rejected)"));
    QVERIFY(e->warning);

    m.messageType = 4;
    m.errorCode = QStringLiteral("NotSupported");
    m.raw = QStringLiteral(R"([4,"a1","NotSupported","",{}])");
    e = charging::SessionTimeline::fromMessage(m);
    QVERIFY(e);
    QCOMPARE(e->text, QStringLiteral("Station refused RemoteStartTransaction with the error NotSupported"));
    QVERIFY(e->warning);

    // 2.0.1: the end of a transaction with its reason.
    m.messageType = 2;
    m.action = QStringLiteral("TransactionEvent");
    m.raw = QStringLiteral(R"([2,"b","TransactionEvent",{"eventType":"Ended","seqNo":6,"triggerReason":"EVDeparted",)"
                           R"("transactionInfo":{"transactionId":"T1","stoppedReason":"EVDisconnected"}}])");
    e = charging::SessionTimeline::fromMessage(m);
    QVERIFY(e);
    QCOMPARE(e->text, QStringLiteral("Station reports the end of the transaction (message 6). Reason: Vehicle unplugged"));

    // Left out: meter values (the meter lines show them), plain acknowledgements.
    m.action = QStringLiteral("MeterValues");
    m.raw = QStringLiteral(R"([2,"c","MeterValues",{"connectorId":1,"meterValue":[]}])");
    QVERIFY(!charging::SessionTimeline::fromMessage(m));
    m.direction = QStringLiteral("out");
    m.messageType = 3;
    m.raw = QStringLiteral(R"([3,"c",{}])");
    QVERIFY(!charging::SessionTimeline::fromMessage(m));
}

void TestSessionTimeline::suspiciousSessions()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-S"));
    h.addTag(QStringLiteral("GOOD"), QStringLiteral("Accepted"), std::nullopt, 10);
    auto &link = h.connect(QStringLiteral("CP-S"));
    CD_ANSWER_OK(h.boot(link));

    // Normal: 5 kWh, stopped by the station.
    const qint64 normal = startOn(link, 1, "GOOD", 0, kT0);
    CD_ANSWER_OK(callFrom(link, QStringLiteral("StopTransaction"),
                          {{"transactionId", normal}, {"meterStop", 5000}, {"timestamp", iso(kT0 + 30 * kMinute)}}));
    // Short with no energy (a failed start the driver gave up on at once): not suspicious.
    h.clock.advanceMs(kMinute);
    const qint64 shortEmpty = startOn(link, 1, "GOOD", 5000, kT0 + 31 * kMinute);
    CD_ANSWER_OK(callFrom(link, QStringLiteral("StopTransaction"),
                          {{"transactionId", shortEmpty}, {"meterStop", 5000}, {"timestamp", iso(kT0 + 32 * kMinute)}}));
    // 40 minutes, no energy.
    h.clock.advanceMs(kMinute);
    const qint64 longEmpty = startOn(link, 1, "GOOD", 5000, kT0 + 33 * kMinute);
    CD_ANSWER_OK(callFrom(link, QStringLiteral("StopTransaction"),
                          {{"transactionId", longEmpty}, {"meterStop", 5000}, {"timestamp", iso(kT0 + 73 * kMinute)}}));
    // An unknown card starts on connector 2; then a new start on connector 2 supersedes it.
    h.clock.advanceMs(kMinute);
    const qint64 unknown = startOn(link, 2, "STRANGER", 0, kT0 + 74 * kMinute);
    h.clock.advanceMs(kMinute);
    const qint64 next = startOn(link, 2, "GOOD", 100, kT0 + 75 * kMinute);
    h.idle();
    QVERIFY(normal > 0 && shortEmpty > 0 && longEmpty > 0 && unknown > 0 && next > 0);

    charging::ChargingQueries queries(h.fixture.shared(), h.clock);
    auto found = queries.suspiciousSessions();
    QVERIFY2(found.ok(), qPrintable(found.ok() ? QString() : found.error().message));
    QHash<QString, QList<Suspicion>> byTx;
    for (const charging::SuspiciousSession &s : *found)
        byTx.insert(s.session.transactionId, s.reasons);
    QCOMPARE(byTx.size(), 2);
    QCOMPARE(byTx.value(QString::number(longEmpty)), QList<Suspicion>{Suspicion::NoEnergy});
    QCOMPARE(byTx.value(QString::number(unknown)),
             (QList<Suspicion>{Suspicion::StartNotAuthorized, Suspicion::ClosedBySystem}));
    QCOMPARE(found->first().session.transactionId, QString::number(unknown));  // newest first

    // The threshold is the caller's: at 45 minutes the 40-minute session is fine.
    auto stricter = queries.suspiciousSessions(100, 45 * kMinute);
    QVERIFY(stricter.ok());
    QCOMPARE(stricter->size(), 1);
    QVERIFY(!charging::SuspiciousSessions::describe(Suspicion::NoEnergy).isEmpty());
}

void TestSessionTimeline::searchOneBox()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("KYIV-0042"));
    h.addStation(QStringLiteral("LVIV-0001"));
    const qint64 member = h.insertId(QStringLiteral("INSERT INTO members (name, phone, created_ms) VALUES (?,?,?)"),
                                     {QStringLiteral("Tolik"), QStringLiteral("+380637922220"), kT0});
    QVERIFY(member > 0);
    h.addTag(QStringLiteral("CARD-TOLIK"), QStringLiteral("Accepted"), member);
    h.addTag(QStringLiteral("OTHER_1"));
    auto &kyiv = h.connect(QStringLiteral("KYIV-0042"));
    auto &lviv = h.connect(QStringLiteral("LVIV-0001"));
    CD_ANSWER_OK(h.boot(kyiv));
    CD_ANSWER_OK(h.boot(lviv));
    const qint64 tolik = startOn(kyiv, 1, "CARD-TOLIK", 0, kT0);
    const qint64 other = startOn(lviv, 1, "OTHER_1", 0, kT0);
    h.idle();

    charging::ChargingQueries queries(h.fixture.shared(), h.clock);
    auto search = [&](const QString &text) {
        storage::SessionFilter filter;
        filter.search = text;
        QStringList txs;
        auto found = queries.sessions(filter);
        if (found) {
            for (const storage::Session &s : *found)
                txs << s.transactionId;
        }
        return txs;
    };
    const QString t = QString::number(tolik);
    const QString o = QString::number(other);
    auto session = queries.findSession(t);
    QVERIFY(session.ok() && session->has_value());
    QCOMPARE((*session)->memberName, QStringLiteral("Tolik"));
    QCOMPARE((*session)->memberPhone, QStringLiteral("+380637922220"));

    QCOMPARE(search((*session)->sessionNumber), QStringList{t});
    QCOMPARE(search(QStringLiteral("kyiv")), QStringList{t});
    QCOMPARE(search(QStringLiteral("card-tol")), QStringList{t});
    QCOMPARE(search(QStringLiteral("TOLIK")), QStringList{t});
    QCOMPARE(search(QStringLiteral("0637922220")), QStringList{t});
    QCOMPARE(search(QStringLiteral(" LVIV ")), QStringList{o});
    QCOMPARE(search(QStringLiteral("other_")), QStringList{o});
    QCOMPARE(search(QStringLiteral("%")), QStringList{});   // LIKE characters are literal
    QCOMPARE(search(QStringLiteral("r_1")), QStringList{o});
    QCOMPARE(search(QStringLiteral("nobody")), QStringList{});
    QCOMPARE(search(QString()).size(), 2);

    // A Cyrillic name typed as written (SQLite folds only ASCII case).
    const qint64 olena = h.insertId(QStringLiteral("INSERT INTO members (name, phone, created_ms) VALUES (?,?,?)"),
                                    {QStringLiteral("Олена Коваленко"), QStringLiteral("+380501112233"), kT0});
    QVERIFY(olena > 0);
    QVERIFY(storage::Sql::run(h.db().connection(), QStringLiteral("UPDATE sessions SET member_id = ? WHERE id = ?"),
                              {olena, other}));
    QCOMPARE(search(QStringLiteral("Коваленко")), QStringList{o});
    QCOMPARE(search(QStringLiteral("Олена К")), QStringList{o});
}

// A search that matches more sessions than the index path reads (a station with 6,000 sessions)
// walks the sessions newest first instead: the same answer, newest first, one page.
void TestSessionTimeline::searchWithThousandsOfMatches()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    const qint64 kyiv = h.addStation(QStringLiteral("KYIV-0042"));
    const qint64 lviv = h.addStation(QStringLiteral("LVIV-0001"));
    QVERIFY(kyiv > 0 && lviv > 0);
    auto bulk = storage::Sql::run(
        h.db().connection(),
        QStringLiteral("INSERT INTO sessions (session_number, station_id, status, created_ms, updated_ms) "
                       "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000) "
                       "SELECT 'BULK-' || i, CASE WHEN i % 1000 = 0 THEN ? ELSE ? END, 'finished', ? + i, ? + i FROM n"),
        {lviv, kyiv, kT0, kT0});
    QVERIFY2(bulk, qPrintable(bulk ? QString() : bulk.error().message));
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM sessions")).toInt(), 6000);

    charging::ChargingQueries queries(h.fixture.shared(), h.clock);
    auto search = [&](const QString &text, int limit) {
        storage::SessionFilter filter;
        filter.search = text;
        filter.limit = limit;
        QStringList numbers;
        if (auto found = queries.sessions(filter))
            for (const storage::Session &s : *found)
                numbers << s.sessionNumber;
        return numbers;
    };
    // 5,994 sessions of KYIV: newest first, a page of 3, none of LVIV's.
    QCOMPARE(search(QStringLiteral("kyiv"), 3), (QStringList{QStringLiteral("BULK-5999"), QStringLiteral("BULK-5998"),
                                                            QStringLiteral("BULK-5997")}));
    QCOMPARE(search(QStringLiteral("KYIV-0042"), 100).size(), 100);
    // Six of LVIV: the index path.
    QCOMPARE(search(QStringLiteral("lviv"), 100),
             (QStringList{QStringLiteral("BULK-6000"), QStringLiteral("BULK-5000"), QStringLiteral("BULK-4000"),
                          QStringLiteral("BULK-3000"), QStringLiteral("BULK-2000"), QStringLiteral("BULK-1000")}));
    // "0" is in every station id: the walk, and the exact number still comes first when newest.
    QCOMPARE(search(QStringLiteral("0"), 2), (QStringList{QStringLiteral("BULK-6000"), QStringLiteral("BULK-5999")}));
    QCOMPARE(search(QStringLiteral("BULK-42"), 10), QStringList{QStringLiteral("BULK-42")});
}

QTEST_GUILESS_MAIN(TestSessionTimeline)
#include "tst_session_timeline.moc"
