// The operator's actions on a session (core/sessions): each plan (the dry run with what happens to
// money) and apply (session change + event + audit in one transaction, then the money call through
// the hold service and the manual gateway), the refusals, the SOFT/OVERRIDE table, the pricing
// seam, and Finish on a real session the charging service made.

#include "chargingtestsupport.h"
#include "support/testdatabase.h"

#include "core/payments/holdservice.h"
#include "core/payments/manualgateway.h"
#include "core/sessions/sessionactions.h"
#include "core/billing/tariffsessionpricing.h"
#include "core/sessions/sessionpricing.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"

#include <QSignalSpy>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace cd;
using namespace cd::sessions;
using cd::payments::Actor;
using cd::payments::HoldService;
using cd::payments::HoldStatus;
using cd::payments::ManualGateway;
using cd::test::TestDatabase;

namespace {

constexpr qint64 kNow = 1'694'871'682'000;  // 2023-09-16 13:41:22 UTC
const Actor kOlena{QStringLiteral("Olena"), QStringLiteral("customer called: station froze")};

QVariant scalar(const storage::Database &db, const QString &sql, const QVariantList &values = {})
{
    auto q = storage::Sql::run(db.connection(), sql, values);
    return q && q->next() ? q->value(0) : QVariant();
}

qint64 count(const storage::Database &db, const QString &table)
{
    return scalar(db, QStringLiteral("SELECT COUNT(*) FROM ") + table).toLongLong();
}

struct SessionSpec {
    QString status = QStringLiteral("ongoing");
    std::optional<qint64> meterStartWh = 1000;
    std::optional<qint64> lastMeterWh = 13500;
    qint64 energyWh = 0;
    qint64 amountMinor = 0;
    QString transactionId = QStringLiteral("17");
    QString protocol = QStringLiteral("ocpp1.6");
};

// Everything one test needs: database, clock, manual gateway, hold service, pricing, actions.
class World {
public:
    World() : clock(kNow)
    {
        if (!fixture.ok())
            return;
        gateway = std::make_unique<ManualGateway>(fixture.db(), clock);
        holds = std::make_unique<HoldService>(fixture.db(), *gateway, clock);
        pricing = std::make_unique<billing::TariffSessionPricing>(fixture.db(), clock);
        actions = std::make_unique<SessionActions>(fixture.db(), holds.get(), pricing.get(), clock);
        finished = std::make_unique<QSignalSpy>(holds.get(), &HoldService::callFinished);
    }
    bool ok() const { return fixture.ok(); }
    storage::Database &db() const { return fixture.db(); }

    qint64 session(const SessionSpec &spec = {})
    {
        ++m_stations;
        auto station = storage::Sql::run(
            db().connection(),
            QStringLiteral("INSERT INTO stations (charge_point_id, created_ms, protocol) VALUES (?, ?, ?)")
                + db().dialect().returningIdClause(),
            {QStringLiteral("F%1").arg(2676 + m_stations), kNow, spec.protocol});
        if (!station)
            return 0;
        storage::SessionRepository repo(db());
        storage::Session s;
        s.stationId = db().dialect().insertedId(*station);
        s.connectorId = 1;
        s.idTag = QStringLiteral("CARD-1");
        auto created = repo.create(s, kNow);
        if (!created)
            return 0;
        s = *created;
        s.status = spec.status;
        s.transactionId = spec.transactionId;
        s.meterStartWh = spec.meterStartWh;
        s.lastMeterWh = spec.lastMeterWh;
        s.lastMeterAtMs = kNow - 60'000;
        s.energyWh = spec.energyWh;
        s.startedMs = kNow - 3'600'000;
        if (!repo.update(s, kNow))
            return 0;
        if (!storage::Sql::run(db().connection(), QStringLiteral("UPDATE sessions SET amount_minor = ?, currency = 'UAH' WHERE id = ?"),
                               {spec.amountMinor, s.id}))
            return 0;
        return s.id;
    }

    // A hold of `amount` in status 'hold' for the session.
    qint64 hold(qint64 sessionId, qint64 amount)
    {
        payments::HoldRequest r;
        r.amountMinor = amount;
        r.currency = QStringLiteral("UAH");
        r.cardToken = QStringLiteral("pm_card_visa");
        auto placed = holds->placeHold({sessionId, r}, Actor{QStringLiteral("app"), QStringLiteral("session start")});
        if (!placed || !waitFor(placed->callId))
            return 0;
        return placed->holdId;
    }

    bool tariff(qint64 energyPrice, qint64 serviceFee, int version = 1, qint64 validFrom = kNow - 86'400'000,
                std::optional<qint64> validTo = std::nullopt)
    {
        return storage::Sql::run(db().connection(),
                          QStringLiteral("INSERT INTO tariffs (name, scope_type, version, valid_from_ms, valid_to_ms, currency, "
                                         "energy_price_minor_per_kwh, service_fee_minor_per_kwh, created_by, created_ms) "
                                         "VALUES ('Base', 'global', ?, ?, ?, 'UAH', ?, ?, 'test', ?)"),
                          {version, validFrom, validTo ? QVariant(*validTo) : QVariant(), energyPrice, serviceFee, kNow})
            .ok();
    }

    bool waitFor(qint64 callId, payments::GatewayResult *result = nullptr)
    {
        const bool got = QTest::qWaitFor(
            [&] {
                for (const QList<QVariant> &args : *finished) {
                    if (args.at(0).toLongLong() == callId) {
                        if (result)
                            *result = args.at(2).value<payments::GatewayResult>();
                        return true;
                    }
                }
                return false;
            },
            10000);
        return got;
    }

    payments::PaymentHold holdRow(qint64 holdId) const
    {
        auto h = holds->hold(holdId);
        return h ? *h : payments::PaymentHold{};
    }

    storage::Session sessionRow(qint64 id) const
    {
        auto s = storage::SessionRepository(db()).find(id);
        return s && s->has_value() ? **s : storage::Session{};
    }

    QStringList eventKinds(qint64 sessionId) const
    {
        QStringList out;
        auto events = storage::SessionRepository(db()).events(sessionId);
        for (const storage::SessionEvent &e : events ? *events : QList<storage::SessionEvent>())
            out << e.kind;
        return out;
    }

    TestDatabase fixture;
    ManualClock clock;
    std::unique_ptr<ManualGateway> gateway;
    std::unique_ptr<HoldService> holds;
    std::unique_ptr<billing::TariffSessionPricing> pricing;
    std::unique_ptr<SessionActions> actions;
    std::unique_ptr<QSignalSpy> finished;

private:
    int m_stations = 0;
};

ActionRequest req(ActionKind kind, qint64 sessionId)
{
    ActionRequest r;
    r.kind = kind;
    r.sessionId = sessionId;
    return r;
}

// What a refused action must leave alone.
struct Snapshot {
    explicit Snapshot(const storage::Database &db)
        : audit(count(db, QStringLiteral("audit_log"))), events(count(db, QStringLiteral("session_events"))),
          calls(count(db, QStringLiteral("payment_calls"))),
          sessions(scalar(db, QStringLiteral("SELECT MAX(updated_ms) FROM sessions")).toLongLong())
    {
    }
    bool operator==(const Snapshot &) const = default;
    qint64 audit, events, calls, sessions;
};

}  // namespace

#define REQUIRE_WORLD(w) QVERIFY2((w).ok(), qPrintable((w).fixture.error()))

class TestSessionActions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }

    void softAndOverride_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<bool>("soft");
        QTest::addColumn<bool>("override");
        QTest::newRow("finished → ongoing") << "finished" << "ongoing" << false << true;
        QTest::newRow("ongoing → finished") << "ongoing" << "finished" << true << true;
        QTest::newRow("created → pending") << "created" << "pending" << true << true;
        QTest::newRow("pending_final_payment → ongoing") << "pending_final_payment" << "ongoing" << false << true;
        QTest::newRow("canceled → failed") << "canceled" << "failed" << false << true;
        QTest::newRow("failed → failed_hold") << "failed" << "failed_hold" << true << true;
        QTest::newRow("failed → canceled") << "failed" << "canceled" << true << true;
        QTest::newRow("finished → canceled") << "finished" << "canceled" << false << true;
        QTest::newRow("ongoing → ongoing") << "ongoing" << "ongoing" << false << false;
        QTest::newRow("ongoing → paused (unknown)") << "ongoing" << "paused" << false << false;
    }
    void softAndOverride()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(bool, soft);
        QFETCH(bool, override);
        QCOMPARE(StatusPriority::check(QStringLiteral("42"), from, to, ChangeMode::Soft).ok(), soft);
        QCOMPARE(StatusPriority::check(QStringLiteral("42"), from, to, ChangeMode::Override).ok(), override);
    }

    void softRefusalSaysWhy()
    {
        const Status s = StatusPriority::check(QStringLiteral("42"), QStringLiteral("finished"), QStringLiteral("ongoing"),
                                               ChangeMode::Soft);
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.startsWith(QStringLiteral("Session 42 is finished; SOFT cannot move it back to ongoing")),
                 qPrintable(s.error().message));
    }

    void amountForEnergy_data()
    {
        QTest::addColumn<qint64>("wh");
        QTest::addColumn<qint64>("price");
        QTest::addColumn<qint64>("amount");
        QTest::newRow("12.5 kWh × 5.00") << qint64(12500) << qint64(500) << qint64(6250);
        QTest::newRow("half rounds up") << qint64(1) << qint64(500) << qint64(1);
        QTest::newRow("below half rounds down") << qint64(1) << qint64(499) << qint64(0);
        QTest::newRow("1 Wh × 1.50 → 0.0015") << qint64(1) << qint64(150) << qint64(0);
        QTest::newRow("3 Wh × 1.50 → 0.0045") << qint64(3) << qint64(150) << qint64(0);
        QTest::newRow("7 Wh × 1.50 → 0.0105") << qint64(7) << qint64(150) << qint64(1);
        QTest::newRow("zero energy") << qint64(0) << qint64(500) << qint64(0);
        QTest::newRow("negative energy") << qint64(-5) << qint64(500) << qint64(0);
    }
    void amountForEnergy()
    {
        QFETCH(qint64, wh);
        QFETCH(qint64, price);
        QFETCH(qint64, amount);
        QCOMPARE(sessions::amountForEnergy(wh, price), amount);
    }

    // billing::TariffSessionPricing: the global version valid when the session started charging.
    void pricingTakesTheGlobalVersionValidAtChargingStart()
    {
        World w;
        REQUIRE_WORLD(w);
        storage::Session s;
        s.createdMs = kNow;
        auto none = w.pricing->quote(s, 1000);
        QVERIFY(none.ok());
        QVERIFY(!none->has_value());
        QVERIFY(w.tariff(400, 100, 1));
        QVERIFY(w.tariff(900, 100, 2, kNow - 1000, kNow - 1));  // expired
        QVERIFY(w.tariff(600, 0, 3, kNow + 3'600'000));          // not yet
        auto q = w.pricing->quote(s, 2000);
        QVERIFY(q.ok() && q->has_value());
        QCOMPARE((*q)->pricePerKwhMinor, qint64(500));
        QCOMPARE((*q)->amountMinor, qint64(1000));
        QCOMPARE((*q)->currency, QStringLiteral("UAH"));
    }

    void finishCapturesByTheCounter()
    {
        World w;
        REQUIRE_WORLD(w);
        QVERIFY(w.tariff(400, 100));
        const qint64 id = w.session();
        const qint64 holdId = w.hold(id, 10000);
        QVERIFY(holdId > 0);

        auto plan = w.actions->plan(req(ActionKind::Finish, id));
        QVERIFY2(plan.ok(), qPrintable(plan.error().message));
        QVERIFY2(plan->ok(), qPrintable(plan->refusals.join(u'\n')));
        QCOMPARE(plan->statusBefore, QStringLiteral("ongoing"));
        QCOMPARE(plan->statusAfter, QStringLiteral("finished"));
        QCOMPARE(plan->energyAfterWh, qint64(12500));
        QCOMPARE(plan->amountAfterMinor, qint64(6250));
        QVERIFY(plan->priced);
        QCOMPARE(plan->heldMinor, qint64(10000));
        QCOMPARE(plan->captureMinor, qint64(6250));
        QCOMPARE(plan->releaseMinor, qint64(3750));
        QCOMPARE(plan->holdStatusAfter, QStringLiteral("success"));
        const QStringList lines = SessionActionText::describe(*plan);
        QVERIFY2(lines.contains(QStringLiteral("Capture 62.50 UAH of the 100.00 UAH held.")), qPrintable(lines.join(u'\n')));
        QVERIFY2(lines.contains(QStringLiteral("Release 37.50 UAH back to the customer's card.")), qPrintable(lines.join(u'\n')));
        // A plan writes nothing.
        QCOMPARE(w.sessionRow(id).status, QStringLiteral("ongoing"));

        auto done = w.actions->apply(req(ActionKind::Finish, id), kOlena);
        QVERIFY2(done.ok(), qPrintable(done.error().message));
        QVERIFY(done->auditId > 0);
        QVERIFY(done->moneyCallId > 0);
        payments::GatewayResult answer;
        QVERIFY(w.waitFor(done->moneyCallId, &answer));
        QVERIFY2(answer.done(), qPrintable(answer.error));

        const storage::Session s = w.sessionRow(id);
        QCOMPARE(s.status, QStringLiteral("finished"));
        QCOMPARE(s.stopSource, QStringLiteral("operator"));
        QCOMPARE(s.stopReason, kOperatorFinishReason);
        QCOMPARE(s.energyWh, qint64(12500));
        QCOMPARE(s.meterStopWh, std::optional<qint64>(13500));
        QCOMPARE(s.endedMs, std::optional<qint64>(kNow));
        QCOMPARE(s.amountMinor, qint64(6250));
        QCOMPARE(s.holdStatus, QStringLiteral("success"));
        const payments::PaymentHold h = w.holdRow(holdId);
        QCOMPARE(h.status, HoldStatus::Success);
        QCOMPARE(h.capturedMinor, qint64(6250));
        QCOMPARE(scalar(w.db(), QStringLiteral("SELECT captured_minor FROM sessions WHERE id = ?"), {id}).toLongLong(), qint64(6250));
        const QStringList kinds = w.eventKinds(id);
        QVERIFY2(kinds.contains(QStringLiteral("operator_finish")) && kinds.contains(QStringLiteral("status")),
                 qPrintable(kinds.join(u',')));

        auto audit = storage::AuditLogRepository(w.db(), w.clock).latest(20, QStringLiteral("session"), QString::number(id));
        QVERIFY(audit.ok());
        QCOMPARE(audit->size(), 1);
        QCOMPARE(audit->first().action, QStringLiteral("session.finish"));
        QCOMPARE(audit->first().operatorName, QStringLiteral("Olena"));
        QCOMPARE(audit->first().reason, kOlena.reason);
        const auto before = nlohmann::json::parse(audit->first().beforeState.toStdString());
        const auto after = nlohmann::json::parse(audit->first().afterState.toStdString());
        QCOMPARE(before["status"].get<std::string>(), std::string("ongoing"));
        QCOMPARE(after["status"].get<std::string>(), std::string("finished"));
        QCOMPARE(after["money"]["captureMinor"].get<qint64>(), qint64(6250));
        // The capture is journaled by the hold service with the operator's name and reason.
        QCOMPARE(scalar(w.db(), QStringLiteral("SELECT requested_by FROM payment_calls WHERE id = ?"), {done->moneyCallId}).toString(),
                 QStringLiteral("Olena"));
    }

    void finishAtZeroEnergyCancelsAndReleases()
    {
        World w;
        REQUIRE_WORLD(w);
        QVERIFY(w.tariff(400, 100));
        SessionSpec spec;
        spec.lastMeterWh = 1000;  // no progress since the start
        const qint64 id = w.session(spec);
        const qint64 holdId = w.hold(id, 10000);
        QVERIFY(holdId > 0);
        auto done = w.actions->apply(req(ActionKind::Finish, id), kOlena);
        QVERIFY2(done.ok(), qPrintable(done.error().message));
        QCOMPARE(done->plan.statusAfter, QStringLiteral("canceled"));
        QCOMPARE(done->plan.captureMinor, qint64(0));
        QCOMPARE(done->plan.releaseMinor, qint64(10000));
        QVERIFY(w.waitFor(done->moneyCallId));
        QCOMPARE(w.sessionRow(id).status, QStringLiteral("canceled"));
        QCOMPARE(w.sessionRow(id).energyWh, qint64(0));
        QCOMPARE(w.holdRow(holdId).status, HoldStatus::Released);
        QCOMPARE(w.holdRow(holdId).capturedMinor, qint64(0));
    }

    void finishWithoutTariffKeepsTheAmount()
    {
        World w;
        REQUIRE_WORLD(w);
        SessionSpec spec;
        spec.amountMinor = 4000;  // the last total the app reported
        const qint64 id = w.session(spec);
        const qint64 holdId = w.hold(id, 10000);
        auto plan = w.actions->plan(req(ActionKind::Finish, id));
        QVERIFY(plan.ok() && plan->ok());
        QVERIFY(plan->noTariff);
        QCOMPARE(plan->amountAfterMinor, qint64(4000));
        QCOMPARE(plan->captureMinor, qint64(4000));
        QVERIFY(SessionActionText::describe(*plan).contains(QStringLiteral("No tariff: the amount stays 40.00 UAH.")));
        auto done = w.actions->apply(req(ActionKind::Finish, id), kOlena);
        QVERIFY(done.ok());
        QVERIFY(w.waitFor(done->moneyCallId));
        QCOMPARE(w.holdRow(holdId).capturedMinor, qint64(4000));
        QCOMPARE(w.sessionRow(id).amountMinor, qint64(4000));
    }

    void finishAboveTheHoldTakesTheHold()
    {
        World w;
        REQUIRE_WORLD(w);
        QVERIFY(w.tariff(1100, 100));  // 12.5 kWh × 12.00 = 150.00
        const qint64 id = w.session();
        w.hold(id, 10000);
        auto plan = w.actions->plan(req(ActionKind::Finish, id));
        QVERIFY(plan.ok() && plan->ok());
        QCOMPARE(plan->amountAfterMinor, qint64(15000));
        QCOMPARE(plan->captureMinor, qint64(10000));
        QCOMPARE(plan->releaseMinor, qint64(0));
        QCOMPARE(plan->uncoveredMinor, qint64(5000));
    }

    void finishWithoutHoldMovesNoMoney()
    {
        World w;
        REQUIRE_WORLD(w);
        const qint64 id = w.session();
        auto done = w.actions->apply(req(ActionKind::Finish, id), kOlena);
        QVERIFY2(done.ok(), qPrintable(done.error().message));
        QCOMPARE(done->moneyCallId, qint64(0));
        QCOMPARE(w.sessionRow(id).status, QStringLiteral("finished"));
        QCOMPARE(count(w.db(), QStringLiteral("payment_calls")), qint64(0));
        // Twice is refused.
        auto again = w.actions->apply(req(ActionKind::Finish, id), kOlena);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, ExitCode::Usage);
    }

    // The station's Stop came (pending_final_payment, the hold waits): Finish keeps the station's stop
    // and energy, and settles the hold.
    void finishAfterTheStationsStop()
    {
        World w;
        REQUIRE_WORLD(w);
        QVERIFY(w.tariff(400, 100));
        SessionSpec spec;
        spec.status = QStringLiteral("pending_final_payment");
        spec.energyWh = 8000;
        const qint64 id = w.session(spec);
        storage::Session stopped = w.sessionRow(id);
        stopped.stopSource = QStringLiteral("station");
        stopped.stopReason = QStringLiteral("EVDisconnected");
        stopped.endedMs = kNow - 1000;
        QVERIFY(storage::SessionRepository(w.db()).update(stopped, kNow));
        const qint64 holdId = w.hold(id, 10000);
        auto done = w.actions->apply(req(ActionKind::Finish, id), kOlena);
        QVERIFY2(done.ok(), qPrintable(done.error().message));
        QCOMPARE(done->plan.energyAfterWh, qint64(8000));
        QCOMPARE(done->plan.captureMinor, qint64(4000));
        QVERIFY(w.waitFor(done->moneyCallId));
        const storage::Session s = w.sessionRow(id);
        QCOMPARE(s.status, QStringLiteral("finished"));
        QCOMPARE(s.stopSource, QStringLiteral("station"));
        QCOMPARE(s.stopReason, QStringLiteral("EVDisconnected"));
        QCOMPARE(s.endedMs, std::optional<qint64>(kNow - 1000));
        QCOMPARE(w.holdRow(holdId).capturedMinor, qint64(4000));
    }

    void startQueuesARemoteStart_data()
    {
        QTest::addColumn<QString>("protocol");
        QTest::addColumn<QString>("action");
        QTest::newRow("1.6") << "ocpp1.6" << "RemoteStartTransaction";
        QTest::newRow("2.0.1") << "ocpp2.0.1" << "RequestStartTransaction";
    }
    void startQueuesARemoteStart()
    {
        QFETCH(QString, protocol);
        QFETCH(QString, action);
        World w;
        REQUIRE_WORLD(w);
        SessionSpec spec;
        spec.status = QStringLiteral("pending");
        spec.transactionId.clear();
        spec.protocol = protocol;
        const qint64 id = w.session(spec);
        auto done = w.actions->apply(req(ActionKind::Start, id), kOlena);
        QVERIFY2(done.ok(), qPrintable(done.error().message));
        QCOMPARE(done->plan.commandAction, action);
        const QString payload = scalar(w.db(), QStringLiteral("SELECT payload FROM commands WHERE id = ?"), {done->commandId}).toString();
        QVERIFY2(payload.contains(QStringLiteral("CARD-1")), qPrintable(payload));
        QVERIFY(w.eventKinds(id).contains(QStringLiteral("operator_start")));
        // Money never moves and the session is left to the station's answer.
        QCOMPARE(w.sessionRow(id).status, QStringLiteral("pending"));
        auto stop = w.actions->plan(req(ActionKind::Stop, id));
        QVERIFY(stop.ok() && !stop->ok());
    }

    void cancelHold_data()
    {
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("after");
        QTest::newRow("ongoing") << "ongoing" << "canceled";
        QTest::newRow("pending_final_payment") << "pending_final_payment" << "canceled";
        QTest::newRow("failed stays") << "failed" << "failed";
        QTest::newRow("failed_hold stays") << "failed_hold" << "failed_hold";
    }
    void cancelHold()
    {
        QFETCH(QString, status);
        QFETCH(QString, after);
        World w;
        REQUIRE_WORLD(w);
        SessionSpec spec;
        spec.status = status;
        const qint64 id = w.session(spec);
        const qint64 holdId = w.hold(id, 7000);
        auto done = w.actions->apply(req(ActionKind::CancelHold, id), kOlena);
        QVERIFY2(done.ok(), qPrintable(done.error().message));
        QCOMPARE(done->plan.releaseMinor, qint64(7000));
        QVERIFY(w.waitFor(done->moneyCallId));
        QCOMPARE(w.sessionRow(id).status, after);
        QCOMPARE(w.holdRow(holdId).status, HoldStatus::Released);
        QVERIFY(w.eventKinds(id).contains(QStringLiteral("operator_cancel_hold")));
        QCOMPARE(scalar(w.db(), QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'session.cancel_hold'")).toInt(), 1);
    }

    void cancelHoldAfterCaptureRefunds()
    {
        World w;
        REQUIRE_WORLD(w);
        const qint64 id = w.session();
        const qint64 holdId = w.hold(id, 7000);
        auto captured = w.holds->capture(holdId, 2500, kOlena);
        QVERIFY(captured.ok() && w.waitFor(captured->callId));
        auto done = w.actions->apply(req(ActionKind::CancelHold, id), kOlena);
        QVERIFY2(done.ok(), qPrintable(done.error().message));
        QCOMPARE(done->plan.refundMinor, qint64(2500));
        QVERIFY(w.waitFor(done->moneyCallId));
        QCOMPARE(w.holdRow(holdId).refundedMinor, qint64(2500));
    }

    void finalizeDefaultsToTheLastTotal()
    {
        World w;
        REQUIRE_WORLD(w);
        SessionSpec spec;
        spec.status = QStringLiteral("pending_final_payment");
        spec.amountMinor = 4200;
        const qint64 id = w.session(spec);
        const qint64 holdId = w.hold(id, 10000);
        auto done = w.actions->apply(req(ActionKind::Finalize, id), kOlena);
        QVERIFY2(done.ok(), qPrintable(done.error().message));
        QCOMPARE(done->plan.captureMinor, qint64(4200));
        QCOMPARE(done->plan.releaseMinor, qint64(5800));
        QCOMPARE(done->plan.statusAfter, QStringLiteral("finished"));
        QVERIFY(w.waitFor(done->moneyCallId));
        QCOMPARE(w.holdRow(holdId).capturedMinor, qint64(4200));
        QCOMPARE(w.holdRow(holdId).status, HoldStatus::Success);
        QCOMPARE(w.sessionRow(id).status, QStringLiteral("finished"));

        // A given amount.
        World w2;
        REQUIRE_WORLD(w2);
        const qint64 id2 = w2.session(spec);
        const qint64 hold2 = w2.hold(id2, 10000);
        ActionRequest r = req(ActionKind::Finalize, id2);
        r.amountMinor = 3000;
        auto done2 = w2.actions->apply(r, kOlena);
        QVERIFY2(done2.ok(), qPrintable(done2.error().message));
        QVERIFY(w2.waitFor(done2->moneyCallId));
        QCOMPARE(w2.holdRow(hold2).capturedMinor, qint64(3000));
    }

    void refusalsWriteNothing_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<qint64>("amount");
        QTest::addColumn<bool>("withHold");
        QTest::addColumn<QString>("message");
        QTest::newRow("finalize above the hold") << int(ActionKind::Finalize) << qint64(15000) << true
                                                 << "Cannot capture 150.00 UAH: only 100.00 UAH is held.";
        QTest::newRow("finalize zero") << int(ActionKind::Finalize) << qint64(0) << true
                                       << "A capture needs an amount above zero; use Cancel hold to capture nothing.";
        QTest::newRow("finalize without hold") << int(ActionKind::Finalize) << qint64(100) << false
                                               << "has no payment hold to finalize.";
        QTest::newRow("cancel without hold") << int(ActionKind::CancelHold) << qint64(-1) << false
                                             << "has no payment hold to cancel.";
    }
    void refusalsWriteNothing()
    {
        QFETCH(int, kind);
        QFETCH(qint64, amount);
        QFETCH(bool, withHold);
        QFETCH(QString, message);
        World w;
        REQUIRE_WORLD(w);
        const qint64 id = w.session();
        if (withHold)
            QVERIFY(w.hold(id, 10000) > 0);
        ActionRequest r = req(ActionKind(kind), id);
        if (amount >= 0)
            r.amountMinor = amount;
        auto plan = w.actions->plan(r);
        QVERIFY(plan.ok());
        QVERIFY(!plan->ok());
        QVERIFY2(plan->refusals.join(u' ').contains(message), qPrintable(plan->refusals.join(u' ')));
        const Snapshot before(w.db());
        auto done = w.actions->apply(r, kOlena);
        QVERIFY(!done.ok());
        QCOMPARE(done.error().code, ExitCode::Usage);
        QVERIFY2(done.error().message.contains(message), qPrintable(done.error().message));
        QVERIFY(Snapshot(w.db()) == before);
    }

    void reasonIsRequired()
    {
        World w;
        REQUIRE_WORLD(w);
        const qint64 id = w.session();
        const Snapshot before(w.db());
        auto done = w.actions->apply(req(ActionKind::Finish, id), Actor{QStringLiteral("Olena"), QStringLiteral("  ")});
        QVERIFY(!done.ok());
        QCOMPARE(done.error().code, ExitCode::Usage);
        QVERIFY(Snapshot(w.db()) == before);
        QCOMPARE(w.sessionRow(id).status, QStringLiteral("ongoing"));
    }

    void runningMoneyCallRefusesBeforeWriting()
    {
        World w;
        REQUIRE_WORLD(w);
        QVERIFY(w.tariff(400, 100));
        const qint64 id = w.session();
        const qint64 holdId = w.hold(id, 10000);
        // A capture on its way: journaled, its answer not taken yet (no event loop in between).
        auto running = w.holds->capture(holdId, 100, kOlena);
        QVERIFY(running.ok());
        const Snapshot before(w.db());
        auto done = w.actions->apply(req(ActionKind::Finish, id), kOlena);
        QVERIFY(!done.ok());
        QVERIFY2(done.error().message.contains(QStringLiteral("still waits for the gateway")), qPrintable(done.error().message));
        QVERIFY(Snapshot(w.db()) == before);
        QCOMPARE(w.sessionRow(id).status, QStringLiteral("ongoing"));
        QVERIFY(w.waitFor(running->callId));
    }

    void setEnergy()
    {
        World w;
        REQUIRE_WORLD(w);
        SessionSpec spec;
        spec.energyWh = 12500;
        spec.amountMinor = 7000;
        const qint64 id = w.session(spec);

        ActionRequest r = req(ActionKind::SetEnergy, id);
        r.energyWh = 2000;
        r.recompute = true;
        auto noTariff = w.actions->plan(r);
        QVERIFY(noTariff.ok() && noTariff->ok());
        QVERIFY(noTariff->noTariff);
        QCOMPARE(noTariff->amountAfterMinor, qint64(7000));

        QVERIFY(w.tariff(400, 100));
        auto done = w.actions->apply(r, kOlena);
        QVERIFY2(done.ok(), qPrintable(done.error().message));
        QCOMPARE(done->plan.amountAfterMinor, qint64(1000));
        QVERIFY(!done->plan.movesMoney());
        const storage::Session s = w.sessionRow(id);
        QCOMPARE(s.energyWh, qint64(2000));
        QCOMPARE(s.lastMeterWh, std::optional<qint64>(3000));
        QCOMPARE(s.amountMinor, qint64(1000));
        QCOMPARE(s.status, QStringLiteral("ongoing"));
        QVERIFY(w.eventKinds(id).contains(QStringLiteral("operator_energy")));

        // Without --recompute the amount stays; the same energy again is refused.
        r.energyWh = 2500;
        r.recompute = false;
        done = w.actions->apply(r, kOlena);
        QVERIFY(done.ok());
        QCOMPARE(w.sessionRow(id).amountMinor, qint64(1000));
        auto same = w.actions->plan(r);
        QVERIFY(same.ok() && !same->ok());
        r.energyWh = -1;
        auto negative = w.actions->plan(r);
        QVERIFY(negative.ok() && !negative->ok());
    }

    void changeStatus()
    {
        World w;
        REQUIRE_WORLD(w);
        SessionSpec spec;
        spec.status = QStringLiteral("finished");
        const qint64 id = w.session(spec);
        ActionRequest r = req(ActionKind::ChangeStatus, id);
        r.status = QStringLiteral("ongoing");
        auto soft = w.actions->apply(r, kOlena);
        QVERIFY(!soft.ok());
        QVERIFY2(soft.error().message.contains(QStringLiteral("SOFT cannot move it back to ongoing")), qPrintable(soft.error().message));
        QCOMPARE(w.sessionRow(id).status, QStringLiteral("finished"));

        r.mode = ChangeMode::Override;
        auto override = w.actions->apply(r, kOlena);
        QVERIFY2(override.ok(), qPrintable(override.error().message));
        QCOMPARE(w.sessionRow(id).status, QStringLiteral("ongoing"));
        auto audit = storage::AuditLogRepository(w.db(), w.clock).latest(5, QStringLiteral("session"), QString::number(id));
        QVERIFY(audit.ok() && audit->size() == 1);
        QCOMPARE(audit->first().action, QStringLiteral("session.status"));
        const auto after = nlohmann::json::parse(audit->first().afterState.toStdString());
        QCOMPARE(after["mode"].get<std::string>(), std::string("override"));
        QCOMPARE(after["status"].get<std::string>(), std::string("ongoing"));
    }

    void stopAndResetQueueCommands_data()
    {
        QTest::addColumn<QString>("protocol");
        QTest::addColumn<QString>("stop");
        QTest::addColumn<QString>("reset");
        QTest::newRow("1.6") << "ocpp1.6" << "RemoteStopTransaction" << "Soft";
        QTest::newRow("2.0.1") << "ocpp2.0.1" << "RequestStopTransaction" << "OnIdle";
    }
    void stopAndResetQueueCommands()
    {
        QFETCH(QString, protocol);
        QFETCH(QString, stop);
        QFETCH(QString, reset);
        World w;
        REQUIRE_WORLD(w);
        SessionSpec spec;
        spec.protocol = protocol;
        const qint64 id = w.session(spec);
        auto plan = w.actions->plan(req(ActionKind::Stop, id));
        QVERIFY(plan.ok() && plan->ok());
        QCOMPARE(plan->commandAction, stop);
        auto done = w.actions->apply(req(ActionKind::Stop, id), kOlena);
        QVERIFY2(done.ok(), qPrintable(done.error().message));
        QVERIFY(done->commandId > 0);
        QCOMPARE(scalar(w.db(), QStringLiteral("SELECT action FROM commands WHERE id = ?"), {done->commandId}).toString(), stop);
        QVERIFY(scalar(w.db(), QStringLiteral("SELECT payload FROM commands WHERE id = ?"), {done->commandId})
                    .toString()
                    .contains(QStringLiteral("17")));
        QCOMPARE(scalar(w.db(), QStringLiteral("SELECT reason FROM audit_log WHERE action = 'command.submit'")).toString(),
                 kOlena.reason);
        QVERIFY(w.eventKinds(id).contains(QStringLiteral("operator_stop")));

        auto resetPlan = w.actions->plan(req(ActionKind::Reset, id));
        QVERIFY(resetPlan.ok() && resetPlan->ok());
        QCOMPARE(resetPlan->commandPayload.value(QStringLiteral("type")).toString(), reset);
        // Start needs a session waiting for its start.
        auto start = w.actions->plan(req(ActionKind::Start, id));
        QVERIFY(start.ok() && !start->ok());
    }

    // A real session through the charging service: started and metered by the station, finished by
    // the operator; the station's late Stop then is recorded after the close, not counted again.
    void finishARealSession()
    {
        test::ChargingHarness h;
        CD_REQUIRE_HARNESS(h);
        h.addStation(QStringLiteral("CP-1"));
        h.addTag(QStringLiteral("CARD-9"));
        auto &link = h.connect(QStringLiteral("CP-1"));
        CD_ANSWER_OK(h.boot(link));
        const test::Answer started = test::callFrom(link, QStringLiteral("StartTransaction"),
                                                    {{"connectorId", 1}, {"idTag", "CARD-9"}, {"meterStart", 5000},
                                                     {"timestamp", test::iso(test::kT0)}});
        QVERIFY2(started.ok, qPrintable(test::show(started)));
        const int tx = started.payload["transactionId"].get<int>();
        CD_ANSWER_OK(test::callFrom(link, QStringLiteral("MeterValues"),
                                    {{"connectorId", 1},
                                     {"transactionId", tx},
                                     {"meterValue",
                                      {{{"timestamp", test::iso(test::kT0 + 600'000)},
                                        {"sampledValue", {{{"value", "9200"}, {"measurand", "Energy.Active.Import.Register"}, {"unit", "Wh"}}}}}}}}));
        h.idle();
        auto found = storage::SessionRepository(h.db()).findByTransaction(
            scalar(h.db(), QStringLiteral("SELECT id FROM stations WHERE charge_point_id = 'CP-1'")).toLongLong(), QString::number(tx));
        QVERIFY(found.ok() && found->has_value());
        const qint64 id = (*found)->id;

        ManualGateway gateway(h.db(), h.clock);
        HoldService holds(h.db(), gateway, h.clock);
        SessionActions actions(h.db(), &holds, nullptr, h.clock);
        auto done = actions.apply(req(ActionKind::Finish, id), kOlena);
        QVERIFY2(done.ok(), qPrintable(done.error().message));
        QCOMPARE(done->plan.energyAfterWh, qint64(4200));
        QCOMPARE(done->plan.statusAfter, QStringLiteral("finished"));
        auto s = storage::SessionRepository(h.db()).find(id);
        QCOMPARE((*s)->stopSource, QStringLiteral("operator"));
        QCOMPARE((*s)->energyWh, qint64(4200));

        CD_ANSWER_OK(test::callFrom(link, QStringLiteral("StopTransaction"),
                                    {{"transactionId", tx}, {"meterStop", 9300}, {"timestamp", test::iso(test::kT0 + 700'000)}}));
        h.idle();
        auto events = storage::SessionRepository(h.db()).events(id);
        QStringList kinds;
        for (const auto &e : *events)
            kinds << e.kind;
        QVERIFY2(kinds.contains(QStringLiteral("operator_finish")) && kinds.contains(QStringLiteral("stop_after_close")),
                 qPrintable(kinds.join(u',')));
    }
};

QTEST_GUILESS_MAIN(TestSessionActions)
#include "tst_session_actions.moc"
