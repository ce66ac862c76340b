#pragma once
// The lab of the correction tests (tst_bill_correction, tst_spend_coupons): a fresh database (SQLCipher
// or PostgreSQL) with a member, a department, a station and the zpd_case#4 tariff, sessions billed
// by the real billing service, and a tagger that stores the anomaly codes it is given. LAB(lab)
// makes one inside a test function and stops the test when it cannot be set up.

#include "core/anomalies/correctionengine.h"
#include "core/billing/anomalytagger.h"
#include "core/billing/billingservice.h"
#include "core/billing/tariffrepository.h"
#include "core/payments/holdservice.h"
#include "core/payments/manualgateway.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"
#include "support/testdatabase.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

namespace cd::test::correctionlab {

using namespace cd::anomalies;

constexpr qint64 kMinute = 60'000;
// zpd_case#4 (2019-09-13, UTC here): charging 08:00:57–08:13:57, service end 11:34:17.
const qint64 kStart = QDateTime(QDate(2019, 9, 13), QTime(8, 0, 57), Qt::UTC).toMSecsSinceEpoch();
const qint64 kChargingEnd = QDateTime(QDate(2019, 9, 13), QTime(8, 13, 57), Qt::UTC).toMSecsSinceEpoch();
const qint64 kServiceEnd = QDateTime(QDate(2019, 9, 13), QTime(11, 34, 17), Qt::UTC).toMSecsSinceEpoch();

const QString kOperator = QStringLiteral("Olena");

// Stores the codes it is given for every bill (the detectors are anomaly-detect's).
class FixedTagger final : public billing::AnomalyTagger {
public:
    explicit FixedTagger(const storage::Database &db) : m_db(db) {}
    QList<int> codes;
    Expected<QList<int>> tag(qint64 sessionId, qint64 billId) override
    {
        for (int code : std::as_const(codes)) {
            auto q = storage::Sql::run(m_db.connection(),
                                       QStringLiteral("INSERT INTO bill_anomalies (bill_id, session_id, code, detail, detected_ms) "
                                                      "VALUES (?,?,?,'',?)"),
                                       {billId, sessionId, code, kServiceEnd});
            if (!q)
                return q.error();
        }
        return codes;
    }

private:
    const storage::Database &m_db;
};

struct Lab {
    TestDatabase fixture;
    ManualClock clock{kServiceEnd + 10 * kMinute};
    FixedTagger tagger{fixture.db()};
    qint64 stationId = 0;

    const storage::Database &db() const { return fixture.db(); }

    QVariant scalar(const QString &sql, const QVariantList &values = {}) const
    {
        auto q = storage::Sql::run(db().connection(), sql, values);
        return q && q->next() ? q->value(0) : QVariant();
    }
    qint64 insert(const QString &sql, const QVariantList &values)
    {
        auto q = storage::Sql::run(db().connection(), sql + db().dialect().returningIdClause(), values);
        return q ? db().dialect().insertedId(*q) : 0;
    }
    bool setUp()
    {
        if (!fixture.ok())
            return false;
        stationId = insert(QStringLiteral("INSERT INTO stations (charge_point_id, created_ms) VALUES ('44030900210000200002', ?)"),
                           {kStart});
        return stationId > 0 && tariff(47, 21, 80, 15) > 0;
    }
    // A global tariff in CNY from 2019: energy, service per kWh, idle per minute after free minutes.
    qint64 tariff(qint64 energy, qint64 service, qint64 idle, int freeMinutes, std::optional<qint64> newVersionOf = {})
    {
        billing::Tariff t;
        if (newVersionOf)
            t.id = *newVersionOf;
        t.name = QStringLiteral("Shiyan 108");
        t.currency = QStringLiteral("CNY");
        t.validFromMs = newVersionOf ? kServiceEnd + 24 * 60 * kMinute : kStart - 24 * 60 * kMinute;
        t.energyPriceMinorPerKwh = energy;
        t.serviceFeeMinorPerKwh = service;
        t.idleFeeMinorPerMinute = idle;
        t.idleFreeMinutes = freeMinutes;
        auto saved = billing::TariffRepository(db(), clock).save(t, QStringLiteral("test"), QStringLiteral("tariff"));
        if (!saved)
            qWarning() << saved.error().message;
        return saved ? saved->id : 0;
    }
    qint64 member(qint64 balance, std::optional<qint64> department = {})
    {
        return insert(QStringLiteral("INSERT INTO members (name, phone, department_id, balance_minor, created_ms) VALUES (?,?,?,?,?)"),
                      {QStringLiteral("Li Wei"), QStringLiteral("18818902723"), storage::bindable(department), balance, kStart - 1000});
    }
    qint64 department(const QString &name, qint64 balance, std::optional<qint64> parent = {}, bool billToParent = false)
    {
        return insert(QStringLiteral("INSERT INTO departments (name, parent_id, bill_to_parent, balance_minor, created_ms) "
                                     "VALUES (?,?,?,?,?)"),
                      {name, storage::bindable(parent), billToParent ? 1 : 0, balance, kStart - 1000});
    }
    qint64 coupon(const QString &code, qint64 amount, qint64 minSpend, qint64 memberId, qint64 createdMs)
    {
        return insert(QStringLiteral("INSERT INTO coupons (code, name, amount_minor, min_spend_minor, member_id, valid_from_ms, "
                                     "valid_to_ms, issued_reason, status, created_ms) VALUES (?,?,?,?,?,?,?,'manual','issued',?)"),
                      {code, QStringLiteral("Double festival"), amount, minSpend, memberId, kStart - 30 * 24 * 60 * kMinute,
                       kStart + 60 * 24 * 60 * kMinute, createdMs});
    }
    // Places: a sub-operator, its site, a station at a site (stations.site_id -> sites.sub_operator_id).
    qint64 subOperator(const QString &name)
    {
        return insert(QStringLiteral("INSERT INTO sub_operators (name, created_ms) VALUES (?,?)"), {name, kStart - 1000});
    }
    qint64 site(const QString &name, std::optional<qint64> subOperatorId)
    {
        return insert(QStringLiteral("INSERT INTO sites (name, sub_operator_id, created_ms) VALUES (?,?,?)"),
                      {name, storage::bindable(subOperatorId), kStart - 1000});
    }
    qint64 station(const QString &chargePointId, std::optional<qint64> siteId = {})
    {
        return insert(QStringLiteral("INSERT INTO stations (charge_point_id, site_id, created_ms) VALUES (?,?,?)"),
                      {chargePointId, storage::bindable(siteId), kStart});
    }
    // A closed session: meter start 100 000 Wh, stop 100 000 + energy; at the lab's station unless
    // `atStation` names another.
    qint64 session(std::optional<qint64> memberId, std::optional<qint64> departmentId, qint64 energyWh,
                   std::optional<qint64> atStation = {})
    {
        storage::Session s;
        s.stationId = atStation.value_or(stationId);
        s.connectorId = 1;
        s.transactionId = QStringLiteral("20191013080051738725");
        s.memberId = memberId;
        s.departmentId = departmentId;
        s.status = QStringLiteral("finished");
        s.meterStartWh = 100'000;
        s.meterStopWh = 100'000 + energyWh;
        s.energyWh = energyWh;
        s.stopReason = QStringLiteral("EVDisconnected");
        s.stopSource = QStringLiteral("station");
        s.startedMs = kStart;
        s.chargingStartedMs = kStart;
        s.chargingEndedMs = kChargingEnd;
        s.endedMs = kServiceEnd;
        auto created = storage::SessionRepository(db()).create(s, kStart);
        return created ? created->id : 0;
    }
    void sample(qint64 sessionId, qint64 atMs, qint64 registerWh)
    {
        insert(QStringLiteral("INSERT INTO meter_samples (session_id, station_id, station_at_ms, received_ms, measurand, unit, "
                              "value_milli) VALUES (?,?,?,?,'Energy.Active.Import.Register','Wh',?)"),
               {sessionId, stationId, atMs, atMs, registerWh * 1000});
    }
    // Version 1 by the billing service, with these anomaly codes and settlement mode.
    qint64 issue(qint64 sessionId, QList<int> codes = {},
                 billing::SettlementMode mode = billing::SettlementMode::SettleFirst)
    {
        tagger.codes = codes;
        billing::BillingService billing(db(), clock);
        billing.setAnomalyTagger(&tagger);
        billing.setDefaultSettlementMode(mode);
        auto issued = billing.issue(sessionId);
        if (!issued) {
            qWarning() << issued.error().message;
            return 0;
        }
        return issued->billId;
    }
    qint64 balance(const QString &table, qint64 id) const
    {
        return scalar(QStringLiteral("SELECT balance_minor FROM %1 WHERE id = ?").arg(table), {id}).toLongLong();
    }
    int billCount(qint64 sessionId) const
    {
        return scalar(QStringLiteral("SELECT COUNT(*) FROM bills WHERE session_id = ?"), {sessionId}).toInt();
    }
};


}  // namespace cd::test::correctionlab

#define LAB(lab)                                                      \
    Lab lab;                                                          \
    QVERIFY2(lab.fixture.ok(), qPrintable(lab.fixture.error()));      \
    QVERIFY(lab.setUp())
