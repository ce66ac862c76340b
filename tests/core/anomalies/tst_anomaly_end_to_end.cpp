// Anomaly detection end to end (issue #6 item 4): simulated 1.6 stations (core/sim), each showing
// one of the simulator's misbehaviours, charge against the real station server (ServerRuntime on
// loopback, real WebSockets, the database of the backend under test); the billing pipeline
// (billing::SessionBilling) issues each finished session's bill and runs the anomaly tagger inside
// the same transaction. Each bill carries exactly the codes its misbehaviour stands for:
//   none (a well-behaved station)                         no code
//   meter-zero-then-jump (gdss_case#7)                    8
//   replay-after-reconnect                                no code (offline, but its stop arrived)
//   ignore-remote-stop                                    no code
//   duplicate-stop                                        no code, and one bill
//   clock-skew (two days ahead)                           3 (its times lie in the future)
//   offline-mid-session, abandoned afterwards             1 and 2 (closed by AbandonedSessionSweeper)
//
// The stations' clock runs 120 times as fast and starts a day behind ours (a station clock that is
// wrong by hours is common and, up to 168 h behind, not a time anomaly), so it never runs ahead.

#include "support/testdatabase.h"

#include "core/anomalies/abandonedsessions.h"
#include "core/anomalies/abandonedsessionsweeper.h"
#include "core/anomalies/anomalytaggerimpl.h"
#include "core/billing/sessionbilling.h"
#include "core/charging/idtagadmin.h"
#include "core/commands/commandqueue.h"
#include "core/runtime/serverruntime.h"
#include "core/sim/misbehaviour.h"
#include "core/sim/simclock.h"
#include "core/sim/simulatedstation.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"

#include <QDateTime>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace cd;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QString kTag = u"E2E-TAG"_s;
constexpr double kScale = 120.0;
constexpr qint64 kDayMs = 24LL * 3600 * 1000;

struct Case {
    QString chargePointId;
    sim::Misbehaviour misbehaviour;
    QList<int> codes;
};

const QList<Case> &cases()
{
    static const QList<Case> all = {
        {u"E2E-OK"_s, sim::Misbehaviour::None, {}},
        {u"E2E-ZERO"_s, sim::Misbehaviour::MeterZeroThenJump, {8}},
        {u"E2E-REPLAY"_s, sim::Misbehaviour::ReplayAfterReconnect, {}},
        {u"E2E-IGNORE"_s, sim::Misbehaviour::IgnoreRemoteStop, {}},
        {u"E2E-DUP"_s, sim::Misbehaviour::DuplicateStop, {}},
        {u"E2E-SKEW"_s, sim::Misbehaviour::ClockSkew, {3}},
        {u"E2E-OFFLINE"_s, sim::Misbehaviour::OfflineMidSession, {1, 2}},
    };
    return all;
}

}  // namespace

class TestAnomalyEndToEnd : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<test::TestDatabase> m_fixture;

    storage::Database &db() { return m_fixture->db(); }

    QVariant scalar(const QString &sql, const QVariantList &values = {})
    {
        auto q = storage::Sql::run(db().connection(), sql, values);
        return q && q->next() ? q->value(0) : QVariant();
    }

    // The station's sessions that the station started (transaction id), oldest first.
    QList<qint64> sessionsOf(const QString &chargePointId)
    {
        QList<qint64> out;
        auto q = storage::Sql::run(db().connection(),
                                   u"SELECT s.id FROM sessions s JOIN stations st ON st.id = s.station_id "
                                   "WHERE st.charge_point_id = ? AND s.ocpp_transaction_id IS NOT NULL ORDER BY s.id"_s,
                                   {chargePointId});
        while (q && q->next())
            out << q->value(0).toLongLong();
        return out;
    }

    int billsOf(qint64 sessionId)
    {
        return scalar(u"SELECT COUNT(*) FROM bills WHERE session_id = ?"_s, {sessionId}).toInt();
    }

    QList<int> codesOf(qint64 sessionId)
    {
        QList<int> out;
        auto q = storage::Sql::run(db().connection(),
                                   u"SELECT a.code, a.detail FROM bill_anomalies a JOIN bills b ON b.id = a.bill_id "
                                   "WHERE b.session_id = ? AND b.version = 1 ORDER BY a.code"_s,
                                   {sessionId});
        while (q && q->next()) {
            out << q->value(0).toInt();
            qInfo("  session %lld code %d: %s", sessionId, q->value(0).toInt(), qPrintable(q->value(1).toString()));
        }
        return out;
    }

    sim::StationOptions stationOptions(const QUrl &url, const Case &c, std::shared_ptr<sim::SimClock> clock)
    {
        sim::StationOptions o;
        o.serverUrl = url;
        o.chargePointId = c.chargePointId;
        o.clock = std::move(clock);
        o.connectorCount = 1;
        o.idTags = {kTag};
        o.misbehaviours = c.misbehaviour;
        o.heartbeatInterval = 60s;
        o.meterSampleInterval = 60s;
        o.bootRetryInterval = 30s;
        o.session.meanDuration = 10min;
        o.session.startLatency = 5s;
        o.session.unplugDelay = 20s;
        o.session.chargeNeedMinPercent = 60;  // nobody's battery fills up: no idle time
        o.session.chargeNeedMaxPercent = 80;
        o.misbehaviourOffline = 3min;
        o.reconnectMin = 50ms;
        o.reconnectMax = 200ms;
        o.connectTimeout = 3000ms;
        o.callTimeout = 3000ms;
        o.seed = 7;
        return o;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qInfo("backend: %s", qPrintable(test::TestDatabase::backendName()));
    }

    void init()
    {
        m_fixture = std::make_unique<test::TestDatabase>();
        QVERIFY2(m_fixture->ok(), qPrintable(m_fixture->error()));
    }

    void cleanup() { m_fixture.reset(); }

    void misbehavioursGetTheirCodes()
    {
        storage::IdTag tag;
        tag.idTag = kTag;
        tag.maxConcurrentSessions = 100;
        QVERIFY(charging::IdTagAdmin(db(), u"test"_s).add(tag, u"anomalies end to end"_s));
        QVERIFY(storage::Sql::run(db().connection(),
                                  u"INSERT INTO tariffs (name, scope_type, version, valid_from_ms, currency, "
                                  "energy_price_minor_per_kwh, service_fee_minor_per_kwh, created_by, created_ms) "
                                  "VALUES ('flat', 'global', 1, 0, 'UAH', 100, 20, 'test', 0)"_s,
                                  {}));

        runtime::RuntimeOptions o;
        o.address = QHostAddress::LocalHost;
        o.port = 0;
        o.server.securityProfile = server::SecurityProfile::None;
        o.charging.acceptUnknownStations = true;
        o.payments.sessions.guardInterval = 0ms;
        o.payments.sessions.sweepInterval = 0ms;
        auto runtime = std::make_unique<runtime::ServerRuntime>(m_fixture->shared(), o);
        anomalies::AnomalyTaggerImpl tagger(db(), Clock::system(), anomalies::AnomalyThresholds{});
        runtime->billing().setAnomalyTagger(&tagger);
        QList<qint64> billed;
        connect(&runtime->billing(), &billing::SessionBilling::billIssued, this,
                [&billed](qint64 sessionId, qint64) { billed << sessionId; });
        connect(&runtime->billing(), &billing::SessionBilling::failed, this,
                [](qint64 sessionId, const QString &error) { qWarning("bill of %lld: %s", sessionId, qPrintable(error)); });
        const Status started = runtime->start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().message));
        const QUrl url(u"ws://127.0.0.1:%1/ocpp"_s.arg(runtime->port()));

        auto clock = std::make_shared<sim::SimClock>(Clock::system(), kScale, QDateTime::currentMSecsSinceEpoch() - kDayMs);
        std::vector<std::unique_ptr<sim::SimulatedStation>> stations;
        for (const Case &c : cases()) {
            stations.push_back(std::make_unique<sim::SimulatedStation>(stationOptions(url, c, clock)));
            stations.back()->start();
        }
        for (auto &s : stations)
            QTRY_VERIFY_WITH_TIMEOUT(s->hasBooted(), 15000);
        for (auto &s : stations)
            QVERIFY(s->plugIn(1));

        // ignore-remote-stop: an operator stops it; the station says Accepted and charges on.
        sim::SimulatedStation &ignoring = *stations.at(3);
        QCOMPARE(ignoring.chargePointId(), u"E2E-IGNORE"_s);
        QTRY_VERIFY_WITH_TIMEOUT(ignoring.transactionId(1).has_value(), 15000);
        commands::CommandRequest stop;
        stop.chargePointId = ignoring.chargePointId();
        stop.action = u"RemoteStopTransaction"_s;
        stop.payload = {{"transactionId", *ignoring.transactionId(1)}};
        stop.requestedBy = u"test"_s;
        stop.reason = u"ignore-remote-stop"_s;
        commands::CommandQueue queue(db());
        auto command = queue.submit(stop);
        QVERIFY2(command, command ? "" : qPrintable(command.error().message));
        QTRY_VERIFY_WITH_TIMEOUT(queue.get(*command)->finished(), 15000);

        // Every station but the one that went silent ends its session; each gets its bill.
        for (const Case &c : cases()) {
            if (c.misbehaviour == sim::Misbehaviour::OfflineMidSession)
                continue;
            const QString id = c.chargePointId;
            QTRY_VERIFY2_WITH_TIMEOUT(!sessionsOf(id).isEmpty() && billsOf(sessionsOf(id).first()) == 1,
                                      qPrintable(id + u" has no bill"_s), 60000);
        }

        // offline-mid-session: back on the network, but its session is never heard of again.
        const qint64 silent = sessionsOf(u"E2E-OFFLINE"_s).value(0);
        QVERIFY(silent > 0);
        sim::SimulatedStation &offline = *stations.at(cases().size() - 1);
        QCOMPARE(offline.chargePointId(), u"E2E-OFFLINE"_s);
        QTRY_VERIFY_WITH_TIMEOUT(offline.counters().reconnects > 0 && offline.isConnected(), 30000);
        QCOMPARE(billsOf(silent), 0);
        // The sweeper closes it once nothing was heard of it for abandonedAfterMs (2 s here) and
        // the pipeline bills it, as a runtime wires them.
        anomalies::AnomalyThresholds quick;
        quick.abandonedAfterMs = 2000;
        anomalies::AbandonedSessionSweeper sweeper(db(), Clock::system(), quick, 0ms);
        connect(&sweeper, &anomalies::AbandonedSessionSweeper::sessionsAbandoned, &runtime->billing(),
                [&runtime](const QList<qint64> &ids) {
                    for (qint64 id : ids)
                        QVERIFY(runtime->billing().process(id));
                });
        QTRY_VERIFY_WITH_TIMEOUT(abandonedDue(quick).contains(silent), 15000);
        auto closed = sweeper.sweep();
        QVERIFY2(closed, closed ? "" : qPrintable(closed.error().message));
        QCOMPARE(*closed, QList<qint64>{silent});
        QCOMPARE(billsOf(silent), 1);
        QCOMPARE(scalar(u"SELECT stop_source FROM sessions WHERE id = ?"_s, {silent}).toString(),
                 anomalies::AbandonedSessions::stopSource());

        // The codes, and no session counted or billed twice.
        for (const Case &c : cases()) {
            const QList<qint64> ids = sessionsOf(c.chargePointId);
            QCOMPARE(ids.size(), 1);
            QCOMPARE(billsOf(ids.first()), 1);
            qInfo("%s (%s):", qPrintable(c.chargePointId), qPrintable(sim::misbehaviourName(c.misbehaviour)));
            QCOMPARE(codesOf(ids.first()), c.codes);
        }

        for (auto &s : stations)
            s->stop();
        runtime.reset();
    }

private:
    QList<qint64> abandonedDue(const anomalies::AnomalyThresholds &t)
    {
        auto due = anomalies::AbandonedSessions::due(db(), QDateTime::currentMSecsSinceEpoch(), t);
        return due ? *due : QList<qint64>();
    }
};

QTEST_GUILESS_MAIN(TestAnomalyEndToEnd)
#include "tst_anomaly_end_to_end.moc"
