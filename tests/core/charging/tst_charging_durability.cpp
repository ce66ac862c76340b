// Durable before acknowledged: the CALLRESULT leaves only after the database commit (what the
// station was told is visible to every other connection the moment it gets the answer); a
// database failure is an InternalError CALLERROR with nothing half-stored, and the station's
// retry then succeeds once; group commit puts a burst of messages from many stations into one
// transaction.

#include "chargingtestsupport.h"

#include "core/storage/sessionrepository.h"

#include <QSemaphore>

using namespace cd;
using namespace cd::test;

class TestChargingDurability : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }
    void answerIsSentAfterCommit();
    void databaseFailureIsInternalErrorAndRetrySucceeds();
    void burstFromManyStationsIsOneCommit();
};

void TestChargingDurability::answerIsSentAfterCommit()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-1"));
    h.addTag(QStringLiteral("CARD"));
    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));

    // Read from this thread's own connection inside the station's completion: whatever the
    // station is told must already be committed.
    bool checked = false;
    int sessionsSeen = -1;
    int framesSeen = -1;
    QString status;
    link.station().call(
        QStringLiteral("StartTransaction"),
        {{"connectorId", 1}, {"idTag", "CARD"}, {"meterStart", 0}, {"timestamp", iso(kT0)}},
        [&](const ocpp::CallOutcome &outcome) {
            QVERIFY(outcome.ok());
            const QString tx = QString::number(outcome.value()["transactionId"].get<qint64>());
            sessionsSeen = h.scalar(QStringLiteral("SELECT COUNT(*) FROM sessions WHERE ocpp_transaction_id = ?"), {tx}).toInt();
            status = h.scalar(QStringLiteral("SELECT status FROM sessions WHERE ocpp_transaction_id = ?"), {tx}).toString();
            framesSeen = h.scalar(QStringLiteral("SELECT COUNT(*) FROM ocpp_messages WHERE action = 'StartTransaction' "
                                                 "AND direction = 'in'"))
                             .toInt();
            checked = true;
        });
    QTRY_VERIFY(checked);
    QCOMPARE(sessionsSeen, 1);
    QCOMPARE(status, QStringLiteral("ongoing"));
    QCOMPARE(framesSeen, 1);  // the request committed together with its data
}

void TestChargingDurability::databaseFailureIsInternalErrorAndRetrySucceeds()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-1"));
    h.addTag(QStringLiteral("CARD"));
    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));
    const Answer started = callFrom(link, QStringLiteral("StartTransaction"),
                                    {{"connectorId", 1}, {"idTag", "CARD"}, {"meterStart", 100}, {"timestamp", iso(kT0)}});
    CD_ANSWER_OK(started);
    const qint64 tx = started.payload["transactionId"].get<qint64>();
    const json stop = {{"transactionId", tx},
                       {"meterStop", 900},
                       {"timestamp", iso(kT0 + 60000)},
                       {"reason", "Local"},
                       {"transactionData",
                        {{{"timestamp", iso(kT0 + 60000)},
                          {"sampledValue", {{{"value", "900"}, {"context", "Transaction.End"}}}}}}}};

    // The disk is gone for the meter samples: the stop cannot be stored completely.
    h.idle();
    QVERIFY(storage::Sql::run(h.db().connection(), QStringLiteral("ALTER TABLE meter_samples RENAME TO meter_samples_away")).ok());
    const Answer failed = callFrom(link, QStringLiteral("StopTransaction"), stop);
    QVERIFY(failed.answered);
    QCOMPARE(failed.errorCode, QStringLiteral("InternalError"));
    QVERIFY(!failed.errorText.contains(QStringLiteral("meter_samples")));  // no database details on the wire
    // Nothing half-done: the session is still open, no stop event.
    QCOMPARE(h.scalar(QStringLiteral("SELECT status FROM sessions WHERE ocpp_transaction_id = ?"), {QString::number(tx)}).toString(),
             QStringLiteral("ongoing"));
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM session_events WHERE kind = 'stopped'")).toInt(), 0);
    // The refused request is in the log, marked.
    h.idle();
    QVERIFY(h.scalar(QStringLiteral("SELECT problem FROM ocpp_messages WHERE action = 'StopTransaction' AND direction = 'in'"))
                .toString()
                .startsWith(QStringLiteral("not processed")));

    // The station retries once the database is back: stopped once, energy counted once.
    QVERIFY(storage::Sql::run(h.db().connection(), QStringLiteral("ALTER TABLE meter_samples_away RENAME TO meter_samples")).ok());
    CD_ANSWER_OK(callFrom(link, QStringLiteral("StopTransaction"), stop));
    CD_ANSWER_OK(callFrom(link, QStringLiteral("StopTransaction"), stop));
    QCOMPARE(h.scalar(QStringLiteral("SELECT status FROM sessions WHERE ocpp_transaction_id = ?"), {QString::number(tx)}).toString(),
             QStringLiteral("finished"));
    QCOMPARE(h.scalar(QStringLiteral("SELECT energy_wh FROM sessions WHERE ocpp_transaction_id = ?"), {QString::number(tx)})
                 .toLongLong(),
             qint64(800));
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM session_events WHERE kind = 'stopped'")).toInt(), 1);
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM meter_samples")).toInt(), 1);
}

void TestChargingDurability::burstFromManyStationsIsOneCommit()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    constexpr int kStations = 40;
    QList<LoopbackLink *> links;
    for (int i = 0; i < kStations; ++i) {
        const QString id = QStringLiteral("CP-%1").arg(i);
        h.addStation(id);
        links << &h.connect(id);
    }
    h.idle();

    // Hold the writer so the burst queues up behind one job, then let it go. The releaser
    // lets the writer go even when a check below fails (the harness waits for the writer).
    QSemaphore gate;
    struct Release {
        QSemaphore &gate;
        ~Release() { gate.release(); }
    } releaser{gate};
    QSemaphore holding;
    charging::CommitQueue::Job hold;
    hold.work = [&gate, &holding]() -> Status {
        holding.release();
        gate.acquire();
        return {};
    };
    h.system->queue().submit(hold);
    QVERIFY(holding.tryAcquire(1, 10000));  // the writer is inside the hold job: the burst queues
    int answered = 0;
    int failed = 0;
    for (LoopbackLink *link : std::as_const(links)) {
        link->station().call(QStringLiteral("BootNotification"), {{"chargePointVendor", "Acme"}, {"chargePointModel", "M"}},
                             [&](const ocpp::CallOutcome &o) { (o.ok() ? answered : failed)++; });
    }
    const bool queued = QTest::qWaitFor([&] { return h.system->queue().pendingCount() >= kStations; }, 30000);
    QVERIFY2(queued, qPrintable(QStringLiteral("pending %1").arg(h.system->queue().pendingCount())));
    QCOMPARE(answered + failed, 0);  // nothing answered while nothing is committed
    gate.release();
    QTRY_COMPARE_WITH_TIMEOUT(answered + failed, kStations, 30000);
    QCOMPARE(failed, 0);
    const auto stats = h.system->queue().stats();
    QVERIFY2(stats.largestBatch >= kStations, qPrintable(QString::number(stats.largestBatch)));
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM station_events WHERE kind = 'boot'")).toInt(), kStations);
}

QTEST_GUILESS_MAIN(TestChargingDurability)
#include "tst_charging_durability.moc"
