// Id-tag authorization through Authorize and StartTransaction: Accepted, unknown (Invalid),
// Blocked, Expired (by status and by date), Invalid, parent tags, ConcurrentTx for a member
// already charging elsewhere (across the member's tags), department cards running up to
// max_concurrent_sessions vehicles, and the expiry/parent fields in idTagInfo.

#include "chargingtestsupport.h"

using namespace cd;
using namespace cd::test;

namespace {

QString authorizeStatus(LoopbackLink &link, const char *tag)
{
    const Answer a = callFrom(link, QStringLiteral("Authorize"), {{"idTag", tag}});
    return a.ok ? QString::fromStdString(a.payload["idTagInfo"]["status"].get<std::string>()) : show(a);
}

Answer start(LoopbackLink &link, int connector, const char *tag, qint64 meter, qint64 atMs)
{
    return callFrom(link, QStringLiteral("StartTransaction"),
                    {{"connectorId", connector}, {"idTag", tag}, {"meterStart", meter}, {"timestamp", iso(atMs)}});
}

QString startStatus(const Answer &a)
{
    return a.ok ? QString::fromStdString(a.payload["idTagInfo"]["status"].get<std::string>()) : show(a);
}

}  // namespace

class TestChargingAuthorization : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qInfo("backend: %s", qPrintable(TestDatabase::backendName())); }
    void tagStates();
    void expiryAndParentInAnswer();
    void memberAlreadyChargingElsewhere();
    void departmentCardStartsSeveralVehicles();
    void stopFreesTheTag();
};

void TestChargingAuthorization::tagStates()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-1"));
    h.addTag(QStringLiteral("GOOD"));
    h.addTag(QStringLiteral("BLOCKED"), QStringLiteral("Blocked"));
    h.addTag(QStringLiteral("OLD"), QStringLiteral("Expired"));
    h.addTag(QStringLiteral("VOID"), QStringLiteral("Invalid"));
    h.addTag(QStringLiteral("LAPSED"));
    QVERIFY(storage::IdTagRepository(h.db()).setExpiry(QStringLiteral("LAPSED"), kT0 - 1).ok());
    h.addTag(QStringLiteral("CHILD-OF-BLOCKED"));
    QVERIFY(storage::Sql::run(h.db().connection(), QStringLiteral("UPDATE id_tags SET parent_id_tag = 'BLOCKED' WHERE id_tag = 'CHILD-OF-BLOCKED'")).ok());

    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));
    QCOMPARE(authorizeStatus(link, "GOOD"), QStringLiteral("Accepted"));
    QCOMPARE(authorizeStatus(link, "good"), QStringLiteral("Accepted"));  // CiString: case-insensitive
    QCOMPARE(authorizeStatus(link, "NOBODY"), QStringLiteral("Invalid"));
    QCOMPARE(authorizeStatus(link, "BLOCKED"), QStringLiteral("Blocked"));
    QCOMPARE(authorizeStatus(link, "OLD"), QStringLiteral("Expired"));
    QCOMPARE(authorizeStatus(link, "VOID"), QStringLiteral("Invalid"));
    QCOMPARE(authorizeStatus(link, "LAPSED"), QStringLiteral("Expired"));
    QCOMPARE(authorizeStatus(link, "CHILD-OF-BLOCKED"), QStringLiteral("Blocked"));
    QCOMPARE(authorizeStatus(link, "x' OR '1'='1"), QStringLiteral("Invalid"));
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM id_tags")).toInt(), 6);

    // A start with a blocked tag is still a transaction on the station: recorded, answered Blocked.
    const Answer blocked = start(link, 1, "BLOCKED", 0, kT0);
    QCOMPARE(startStatus(blocked), QStringLiteral("Blocked"));
    QVERIFY(blocked.payload["transactionId"].get<qint64>() > 0);
    QCOMPARE(h.scalar(QStringLiteral("SELECT start_auth_status FROM sessions")).toString(), QStringLiteral("Blocked"));
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM session_events WHERE kind = 'start_not_authorized'")).toInt(), 1);
}

void TestChargingAuthorization::expiryAndParentInAnswer()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-1"));
    h.addTag(QStringLiteral("PARENT"));
    h.addTag(QStringLiteral("CHILD"));
    QVERIFY(storage::IdTagRepository(h.db()).setExpiry(QStringLiteral("CHILD"), kT0 + 86400000).ok());
    QVERIFY(storage::Sql::run(h.db().connection(), QStringLiteral("UPDATE id_tags SET parent_id_tag = 'PARENT' WHERE id_tag = 'CHILD'")).ok());
    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));
    const Answer a = callFrom(link, QStringLiteral("Authorize"), {{"idTag", "CHILD"}});
    CD_ANSWER_OK(a);
    QCOMPARE(a.payload["idTagInfo"]["status"].get<std::string>(), std::string("Accepted"));
    QCOMPARE(a.payload["idTagInfo"]["expiryDate"].get<std::string>(), iso(kT0 + 86400000));
    QCOMPARE(a.payload["idTagInfo"]["parentIdTag"].get<std::string>(), std::string("PARENT"));
    // Expired once the clock passes the date.
    h.clock.advanceMs(86400000);
    QCOMPARE(authorizeStatus(link, "CHILD"), QStringLiteral("Expired"));
}

void TestChargingAuthorization::memberAlreadyChargingElsewhere()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-1"));
    h.addStation(QStringLiteral("CP-2"));
    const qint64 member = h.insertId(QStringLiteral("INSERT INTO members (name, created_ms) VALUES (?, ?)"),
                                     {QStringLiteral("Olena"), kT0});
    QVERIFY(member > 0);
    h.addTag(QStringLiteral("CARD-1"), QStringLiteral("Accepted"), member);
    h.addTag(QStringLiteral("APP-1"), QStringLiteral("Accepted"), member, 1, QStringLiteral("app"));
    auto &one = h.connect(QStringLiteral("CP-1"));
    auto &two = h.connect(QStringLiteral("CP-2"));
    CD_ANSWER_OK(h.boot(one));
    CD_ANSWER_OK(h.boot(two));

    QCOMPARE(startStatus(start(one, 1, "CARD-1", 1000, kT0)), QStringLiteral("Accepted"));
    // The same card elsewhere, and the member's other tag: already charging.
    QCOMPARE(authorizeStatus(two, "CARD-1"), QStringLiteral("ConcurrentTx"));
    QCOMPARE(authorizeStatus(two, "APP-1"), QStringLiteral("ConcurrentTx"));
    QCOMPARE(startStatus(start(two, 1, "APP-1", 500, kT0 + 1000)), QStringLiteral("ConcurrentTx"));
    QCOMPARE(h.scalar(QStringLiteral("SELECT member_id FROM sessions WHERE id_tag = 'APP-1'")).toLongLong(), member);
}

void TestChargingAuthorization::departmentCardStartsSeveralVehicles()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-1"));
    const qint64 department = h.insertId(QStringLiteral("INSERT INTO departments (name, created_ms) VALUES (?, ?)"),
                                         {QStringLiteral("Fleet"), kT0});
    h.addTag(QStringLiteral("FLEET"), QStringLiteral("Accepted"), std::nullopt, 3, QStringLiteral("department"), department);
    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));
    for (int connector = 1; connector <= 3; ++connector) {
        QCOMPARE(authorizeStatus(link, "FLEET"), QStringLiteral("Accepted"));
        QCOMPARE(startStatus(start(link, connector, "FLEET", 0, kT0 + connector)), QStringLiteral("Accepted"));
    }
    QCOMPARE(authorizeStatus(link, "FLEET"), QStringLiteral("ConcurrentTx"));
    QCOMPARE(startStatus(start(link, 4, "FLEET", 0, kT0 + 4)), QStringLiteral("ConcurrentTx"));
    QCOMPARE(h.scalar(QStringLiteral("SELECT COUNT(*) FROM sessions WHERE department_id = ?"), {department}).toInt(), 4);
}

void TestChargingAuthorization::stopFreesTheTag()
{
    ChargingHarness h;
    CD_REQUIRE_HARNESS(h);
    h.addStation(QStringLiteral("CP-1"));
    h.addTag(QStringLiteral("SOLO"));
    auto &link = h.connect(QStringLiteral("CP-1"));
    CD_ANSWER_OK(h.boot(link));
    const Answer started = start(link, 1, "SOLO", 100, kT0);
    CD_ANSWER_OK(started);
    QCOMPARE(authorizeStatus(link, "SOLO"), QStringLiteral("ConcurrentTx"));
    // Stopping with the same tag is not "concurrent": the stop answer says Accepted.
    const Answer stop = callFrom(link, QStringLiteral("StopTransaction"),
                                 {{"transactionId", started.payload["transactionId"]}, {"idTag", "SOLO"}, {"meterStop", 900},
                                  {"timestamp", iso(kT0 + 60000)}});
    CD_ANSWER_OK(stop);
    QCOMPARE(stop.payload["idTagInfo"]["status"].get<std::string>(), std::string("Accepted"));
    QCOMPARE(authorizeStatus(link, "SOLO"), QStringLiteral("Accepted"));
}

QTEST_GUILESS_MAIN(TestChargingAuthorization)
#include "tst_charging_authorization.moc"
