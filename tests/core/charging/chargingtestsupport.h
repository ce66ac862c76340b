#pragma once
// A charging station talking to the real charging service: a fresh database (SQLCipher or
// PostgreSQL, per CHARGEDESK_TEST_BACKEND), a ManualClock, the ChargingSystem (commit queue,
// directory, session handler) and a LoopbackLink (two real RpcEndpoints, central and station,
// wired through queued connections). No mocks of our own code.

#include "core/charging/chargingsystem.h"
#include "core/charging/timestamps.h"
#include "core/common/clock.h"
#include "core/storage/idtagrepository.h"
#include "core/storage/sqlhelpers.h"
#include "core/storage/stationrepository.h"
#include "loopbacklink.h"
#include "testdatabase.h"

#include <QTest>

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>

namespace cd::test {

using nlohmann::json;

constexpr qint64 kT0 = 1700000000000;  // 2023-11-14T22:13:20Z

inline std::string iso(qint64 ms)
{
    return charging::formatTimestampMs(ms).toStdString();
}

// What the station got back for one CALL.
struct Answer {
    bool ok = false;
    bool answered = false;
    json payload;        // CALLRESULT payload
    QString errorCode;   // CALLERROR code as on the wire
    QString errorText;
};

inline Answer callFrom(LoopbackLink &link, const QString &action, const json &payload, int timeoutMs = 15000)
{
    auto outcome = std::make_shared<std::optional<ocpp::CallOutcome>>();
    link.station().call(action, payload, [outcome](const ocpp::CallOutcome &o) { outcome->emplace(o); });
    Answer answer;
    if (!QTest::qWaitFor([&] { return outcome->has_value(); }, timeoutMs))
        return answer;
    answer.answered = true;
    const ocpp::CallOutcome &o = **outcome;
    answer.ok = o.ok();
    if (o.ok()) {
        answer.payload = o.value();
    } else {
        answer.errorCode = o.error().errorCode;
        answer.errorText = o.error().error.description;
    }
    return answer;
}

inline QString show(const Answer &a)
{
    if (!a.answered)
        return QStringLiteral("(no answer)");
    return a.ok ? QString::fromStdString(a.payload.dump()) : a.errorCode + QStringLiteral(": ") + a.errorText;
}

// Evaluates `expr` once (QVERIFY2 evaluates its message even when the check passes).
#define CD_ANSWER_OK(expr)                                                                  \
    do {                                                                                    \
        const cd::test::Answer cdAnswer_ = (expr);                                          \
        QVERIFY2(cdAnswer_.ok, qPrintable(cd::test::show(cdAnswer_)));                      \
    } while (false)

// One test's world: database, clock, charging system, and stations connected to it.
class ChargingHarness {
public:
    explicit ChargingHarness(charging::ChargingOptions options = {})
        : clock(kT0)
    {
        if (!fixture.ok())
            return;
        system = std::make_unique<charging::ChargingSystem>(fixture.shared(), options, clock);
    }
    ~ChargingHarness()
    {
        if (system) {
            for (auto &link : links)
                system->sessions().stationDisconnected(*link, QStringLiteral("test over"));
        }
        links.clear();
        system.reset();
    }

    bool ok() const { return fixture.ok() && system; }
    QString error() const { return fixture.error(); }
    storage::Database &db() const { return fixture.db(); }

    qint64 addStation(const QString &id, const QString &registration = QStringLiteral("Accepted"))
    {
        storage::Station s;
        s.chargePointId = id;
        s.registrationStatus = registration;
        auto added = storage::StationRepository(db(), clock).add(s);
        return added ? *added : 0;
    }

    qint64 addTag(const QString &tag, const QString &status = QStringLiteral("Accepted"),
                  std::optional<qint64> memberId = std::nullopt, int maxConcurrent = 1,
                  const QString &kind = QStringLiteral("card"), std::optional<qint64> departmentId = std::nullopt)
    {
        storage::IdTag t;
        t.idTag = tag;
        t.status = status;
        t.memberId = memberId;
        t.departmentId = departmentId;
        t.maxConcurrentSessions = maxConcurrent;
        t.kind = kind;
        auto added = storage::IdTagRepository(db()).add(t, clock.nowMs());
        return added ? *added : 0;
    }

    qint64 insertId(const QString &sql, const QVariantList &values)
    {
        auto q = storage::Sql::run(db().connection(), sql + db().dialect().returningIdClause(), values);
        return q ? db().dialect().insertedId(*q) : 0;
    }

    // Connects a station (the server's part: admitted, upgraded, handed to the session handler).
    LoopbackLink &connect(const QString &id, qint64 sinceMs = 0,
                          ocpp::ProtocolVersion version = ocpp::ProtocolVersion::Ocpp16)
    {
        links.push_back(std::make_unique<LoopbackLink>(id, sinceMs ? sinceMs : clock.nowMs(), version));
        system->sessions().stationConnected(*links.back());
        return *links.back();
    }

    void disconnect(LoopbackLink &link, const QString &reason = QStringLiteral("closed"))
    {
        system->sessions().stationDisconnected(link, reason);
        for (auto it = links.begin(); it != links.end(); ++it) {
            if (it->get() == &link) {
                links.erase(it);
                break;
            }
        }
    }

    // Boots an (already connected) station with the given firmware.
    Answer boot(LoopbackLink &link, const QString &firmware = QStringLiteral("1.0"))
    {
        return callFrom(link, QStringLiteral("BootNotification"),
                        {{"chargePointVendor", "Acme"}, {"chargePointModel", "AC22"},
                         {"chargePointSerialNumber", "SN-1"}, {"firmwareVersion", firmware.toStdString()}});
    }

    // Scalar query helper: first column of the first row.
    QVariant scalar(const QString &sql, const QVariantList &values = {})
    {
        auto q = storage::Sql::run(db().connection(), sql, values);
        if (!q || !q->next())
            return {};
        return q->value(0);
    }

    void idle() { system->waitForIdle(); }

    TestDatabase fixture;
    ManualClock clock;
    std::unique_ptr<charging::ChargingSystem> system;
    std::vector<std::unique_ptr<LoopbackLink>> links;
};

#define CD_REQUIRE_HARNESS(h) QVERIFY2((h).ok(), qPrintable((h).error()))

}  // namespace cd::test
