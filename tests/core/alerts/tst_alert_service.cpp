// What an operator does with an alert — acknowledge, assign, resolve — on a real database
// (SQLCipher, and PostgreSQL with CHARGEDESK_TEST_BACKEND=postgres): the state machine and its
// refusals, the history (who, when, what, note) and the audit log entry written with each change,
// and the lists the console pages through.

#include "alerttestdata.h"
#include "support/testdatabase.h"

#include "core/alerts/alertmonitor.h"
#include "core/alerts/alertservice.h"
#include "core/storage/auditlogrepository.h"

#include <QTest>

using namespace cd;
using namespace cd::alerts;
using namespace cd::test::alerts;
using cd::test::TestDatabase;

namespace {
constexpr qint64 kT0 = 1'790'000'000'000;
}

class TestAlertService : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void acknowledgeAssignResolve();
    void refusals();
    void listsAndPaging();
};

void TestAlertService::acknowledgeAssignResolve()
{
    TestDatabase fx;
    CD_REQUIRE_DB(fx);
    ManualClock clock(kT0);
    const qint64 cp = addStation(fx.db(), QStringLiteral("CP-1"), kT0, std::nullopt, kT0);
    addConnector(fx.db(), cp, 1, QStringLiteral("Faulted"), kT0, QStringLiteral("OverCurrentFailure"));
    AlertMonitor monitor(fx.shared(), AlertSettings{}, 300, clock);
    QVERIFY(monitor.evaluate().ok());
    AlertService service(fx.db(), clock);
    auto open = service.list({});
    QVERIFY(open.ok());
    QCOMPARE(open->size(), 1);
    const qint64 id = open->first().id;

    clock.advanceMs(1000);
    auto acked = service.acknowledge(id, QStringLiteral("Оксана"), QStringLiteral("Looking at it"));
    QVERIFY2(acked.ok(), qPrintable(acked.error().message));
    QCOMPARE(acked->state, AlertState::Acknowledged);
    QCOMPARE(acked->acknowledgedBy, QStringLiteral("Оксана"));
    QCOMPARE(acked->acknowledgedMs, std::optional<qint64>(kT0 + 1000));

    clock.advanceMs(1000);
    auto assigned = service.assign(id, QStringLiteral("Тарас (site)"), QStringLiteral("Оксана"), QStringLiteral("On call"));
    QVERIFY2(assigned.ok(), qPrintable(assigned.error().message));
    QCOMPARE(assigned->assignee, QStringLiteral("Тарас (site)"));
    QCOMPARE(assigned->state, AlertState::Acknowledged);

    clock.advanceMs(1000);
    auto resolved = service.resolve(id, QStringLiteral("Тарас"), QStringLiteral("Replaced the contactor"));
    QVERIFY2(resolved.ok(), qPrintable(resolved.error().message));
    QCOMPARE(resolved->state, AlertState::Resolved);
    QCOMPARE(resolved->resolvedBy, QStringLiteral("Тарас"));
    // Still faulted: the alert keeps the condition until it clears.
    QVERIFY(resolved->active);

    auto detail = service.detail(id);
    QVERIFY(detail.ok());
    QCOMPARE(detail->history.size(), 4);
    const AlertHistoryEntry &ack = detail->history.at(1);
    QCOMPARE(ack.action, QStringLiteral("acknowledged"));
    QCOMPARE(ack.actor, QStringLiteral("Оксана"));
    QCOMPARE(ack.atMs, kT0 + 1000);
    QCOMPARE(ack.fromState, QStringLiteral("open"));
    QCOMPARE(ack.toState, QStringLiteral("acknowledged"));
    QCOMPARE(ack.note, QStringLiteral("Looking at it"));
    QCOMPARE(detail->history.at(2).action, QStringLiteral("assigned"));
    QVERIFY(detail->history.at(2).note.contains(QStringLiteral("Тарас (site)")));
    QCOMPARE(detail->history.at(3).action, QStringLiteral("resolved"));
    QCOMPARE(detail->history.at(3).note, QStringLiteral("Replaced the contactor"));

    auto audit = storage::AuditLogRepository(fx.db(), clock).latest(10, QStringLiteral("alert"), QString::number(id));
    QVERIFY(audit.ok());
    QCOMPARE(audit->size(), 3);
    QCOMPARE(audit->at(0).action, QStringLiteral("alert.resolved"));
    QCOMPARE(audit->at(0).operatorName, QStringLiteral("Тарас"));
    QCOMPARE(audit->at(0).reason, QStringLiteral("Replaced the contactor"));
    QVERIFY(audit->at(0).beforeState.contains(QStringLiteral("acknowledged")));
    QVERIFY(audit->at(0).afterState.contains(QStringLiteral("resolved")));
    QCOMPARE(audit->at(1).action, QStringLiteral("alert.assigned"));
    QCOMPARE(audit->at(2).action, QStringLiteral("alert.acknowledged"));
    QCOMPARE(service.countUnresolved().value(), 0);
}

void TestAlertService::refusals()
{
    TestDatabase fx;
    CD_REQUIRE_DB(fx);
    ManualClock clock(kT0);
    addStation(fx.db(), QStringLiteral("CP-2"), std::nullopt, kT0 - 3'600'000, kT0 - 86'400'000);
    AlertMonitor monitor(fx.shared(), AlertSettings{}, 300, clock);
    QVERIFY(monitor.evaluate().ok());
    AlertService service(fx.db(), clock);
    const qint64 id = service.list({})->first().id;
    QVERIFY(!service.acknowledge(id, QString(), QStringLiteral("x")).ok());
    QVERIFY(!service.resolve(id, QStringLiteral("Оксана"), QStringLiteral("  ")).ok());
    QVERIFY(!service.acknowledge(999'999, QStringLiteral("Оксана"), {}).ok());
    QVERIFY(service.acknowledge(id, QStringLiteral("Оксана"), {}).ok());
    QVERIFY(!service.acknowledge(id, QStringLiteral("Оксана"), {}).ok());
    QVERIFY(service.resolve(id, QStringLiteral("Оксана"), QStringLiteral("Power cut at the site")).ok());
    QVERIFY(!service.resolve(id, QStringLiteral("Оксана"), QStringLiteral("again")).ok());
    QVERIFY(!service.assign(id, QStringLiteral("Тарас"), QStringLiteral("Оксана"), {}).ok());
    // A refused change leaves no trace.
    QCOMPARE(service.detail(id)->history.size(), 3);
    QCOMPARE(storage::AuditLogRepository(fx.db(), clock).latest(10, QStringLiteral("alert"))->size(), 2);
}

void TestAlertService::listsAndPaging()
{
    TestDatabase fx;
    CD_REQUIRE_DB(fx);
    ManualClock clock(kT0);
    for (int i = 0; i < 7; ++i)
        addStation(fx.db(), QStringLiteral("CP-%1").arg(i), std::nullopt, kT0 - 3'600'000, kT0 - 86'400'000);
    AlertMonitor monitor(fx.shared(), AlertSettings{}, 300, clock);
    QVERIFY(monitor.evaluate().ok());
    AlertService service(fx.db(), clock);
    QCOMPARE(service.countUnresolved().value(), 7);
    AlertFilter page;
    page.limit = 3;
    auto first = service.list(page);
    QCOMPARE(first->size(), 3);
    QVERIFY(first->at(0).id > first->at(1).id);
    page.beforeId = first->last().id;
    auto second = service.list(page);
    QCOMPARE(second->size(), 3);
    QVERIFY(second->first().id < first->last().id);
    QVERIFY(service.acknowledge(first->at(0).id, QStringLiteral("Оксана"), {}).ok());
    QVERIFY(service.resolve(first->at(1).id, QStringLiteral("Оксана"), QStringLiteral("known")).ok());
    AlertFilter f;
    f.show = AlertFilter::Show::Open;
    QCOMPARE(service.list(f)->size(), 5);
    f.show = AlertFilter::Show::Acknowledged;
    QCOMPARE(service.list(f)->size(), 1);
    f.show = AlertFilter::Show::Resolved;
    QCOMPARE(service.list(f)->size(), 1);
    f.show = AlertFilter::Show::Active;
    QCOMPARE(service.list(f)->size(), 6);
    f.show = AlertFilter::Show::All;
    QCOMPARE(service.list(f)->size(), 7);
    QCOMPARE(service.countUnresolved().value(), 6);
}

QTEST_GUILESS_MAIN(TestAlertService)
#include "tst_alert_service.moc"
