#include "sessions/sessionseeder.h"

#include "core/storage/database.h"
#include "core/storage/sessionrepository.h"
#include "core/storage/sqlhelpers.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace cd::bench {

namespace {

constexpr qint64 kYearMs = 365LL * 24 * 3600 * 1000;
constexpr int kBatch = 20000;

const QStringList kFirstNames = {u"Olena"_s, u"Taras"_s, u"Олена"_s, u"Тарас"_s, u"Ірина"_s, u"Дмитрий"_s,
                                 u"王"_s,    u"李"_s,    u"Anna"_s,  u"Mykola"_s};
const QStringList kLastNames = {u"Kovalenko"_s, u"Melnyk"_s, u"Коваленко"_s, u"Мельник"_s, u"Шевченко"_s,
                                u"Иванов"_s,    u"芳"_s,     u"伟"_s,        u"Bondar"_s,  u"Tkachenko"_s};
const QStringList kVendors = {u"Acme"_s, u"Voltix"_s, u"StarCharge"_s, u"ABB"_s};

Error failed(const QSqlQuery &q, const QString &what)
{
    return storage::Sql::error(q.lastError(), what);
}

Status runBatch(const storage::Database &db, const QString &sql, qint64 from, qint64 to,
                const std::function<void(QSqlQuery &, qint64)> &bind)
{
    QSqlDatabase connection = db.connection();
    storage::Transaction transaction(connection);
    if (Status st = transaction.begin(); !st)
        return st;
    QSqlQuery q(connection);
    if (!q.prepare(sql))
        return failed(q, sql);
    for (qint64 i = from; i < to; ++i) {
        bind(q, i);
        if (!q.exec())
            return failed(q, sql);
    }
    return transaction.commit();
}

}  // namespace

Expected<SeedResult> seedSessions(const storage::Database &db, const SeedPlan &plan,
                                  const std::function<void(qint64)> &progress)
{
    QElapsedTimer timer;
    timer.start();
    QRandomGenerator random(20261206);
    const qint64 now = plan.nowMs;

    Status st = runBatch(db,
                         u"INSERT INTO stations (id, charge_point_id, name, vendor, model, firmware, registration_status, "
                         "protocol, created_ms) VALUES (?,?,?,?,?,?,'Accepted','ocpp1.6',?)"_s,
                         1, plan.stations + 1, [&](QSqlQuery &q, qint64 i) {
                             q.addBindValue(i);
                             q.addBindValue(u"BENCH-%1"_s.arg(i, 5, 10, QChar(u'0')));
                             q.addBindValue(u"Site %1"_s.arg(i % 97));
                             q.addBindValue(kVendors.at(int(i % kVendors.size())));
                             q.addBindValue(u"AC%1"_s.arg(11 + i % 3 * 11));
                             q.addBindValue(u"1.%1.%2"_s.arg(i % 4).arg(i % 7));
                             q.addBindValue(now - kYearMs);
                         });
    if (!st)
        return st.error();
    st = runBatch(db, u"INSERT INTO members (id, name, phone, created_ms) VALUES (?,?,?,?)"_s, 1, plan.members + 1,
                  [&](QSqlQuery &q, qint64 i) {
                      q.addBindValue(i);
                      q.addBindValue(QString(kFirstNames.at(int(i % kFirstNames.size())) + u' '
                                             + kLastNames.at(int((i / 10) % kLastNames.size()))));
                      q.addBindValue(u"+38050%1"_s.arg(i, 7, 10, QChar(u'0')));
                      q.addBindValue(now - kYearMs);
                  });
    if (!st)
        return st.error();
    st = runBatch(db, u"INSERT INTO id_tags (id, id_tag, member_id, created_ms) VALUES (?,?,?,?)"_s, 1, plan.members + 1,
                  [&](QSqlQuery &q, qint64 i) {
                      q.addBindValue(i);
                      q.addBindValue(u"CARD-%1"_s.arg(i, 6, 10, QChar(u'0')));
                      q.addBindValue(i);
                      q.addBindValue(now - kYearMs);
                  });
    if (!st)
        return st.error();

    const QString sessionSql =
        u"INSERT INTO sessions (id, session_number, station_id, connector_id, ocpp_transaction_id, id_tag, member_id, "
        "status, meter_start_wh, meter_stop_wh, energy_wh, stop_reason, stop_source, last_meter_wh, created_ms, "
        "started_ms, ended_ms, updated_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"_s;
    const qint64 step = std::max<qint64>(1, kYearMs / std::max<qint64>(1, plan.sessions));
    for (qint64 from = 1; from <= plan.sessions; from += kBatch) {
        const qint64 to = std::min(plan.sessions + 1, from + kBatch);
        st = runBatch(db, sessionSql, from, to, [&](QSqlQuery &q, qint64 id) {
            // Oldest first, the newest a few seconds ago.
            const qint64 created = now - (plan.sessions - id + 1) * step;
            const quint32 roll = random.bounded(1000);
            QString status = u"finished"_s;
            QString stopSource = u"station"_s;
            if (roll < 5) {
                status = u"ongoing"_s;  // open: recent ones are running, old ones OLD & OPEN
                stopSource = u""_s;
            } else if (roll < 10) {
                status = u"canceled"_s;
            } else if (roll < 13) {
                stopSource = u"reboot"_s;  // closed by the system: suspicious
            }
            const qint64 member = 1 + qint64(random.bounded(plan.members));
            const qint64 meterStart = qint64(random.bounded(5'000'000));
            const qint64 energy = status == u"canceled" ? 0 : qint64(random.bounded(60'000));
            const bool open = stopSource.isEmpty();
            q.addBindValue(id);
            q.addBindValue(storage::SessionRepository::numberFor(id, created));
            q.addBindValue(1 + qint64(random.bounded(plan.stations)));
            q.addBindValue(1 + int(random.bounded(2)));
            q.addBindValue(QString::number(id));
            q.addBindValue(u"CARD-%1"_s.arg(member, 6, 10, QChar(u'0')));
            q.addBindValue(roll % 10 < 7 ? QVariant(member) : QVariant());
            q.addBindValue(status);
            q.addBindValue(meterStart);
            q.addBindValue(open ? QVariant() : QVariant(meterStart + energy));
            q.addBindValue(energy);
            q.addBindValue(open ? u""_s : u"Local"_s);
            q.addBindValue(stopSource);
            q.addBindValue(meterStart + energy);
            q.addBindValue(created);
            q.addBindValue(created + 2000);
            q.addBindValue(open ? QVariant() : QVariant(created + 3'600'000));
            q.addBindValue(open ? created : created + 3'600'000);
        });
        if (!st)
            return st.error();
        if (progress)
            progress(to - 1);
    }
    if (db.config().isPostgres()) {
        for (const QString &table : {u"stations"_s, u"members"_s, u"id_tags"_s, u"sessions"_s}) {
            auto q = storage::Sql::run(db.connection(), u"SELECT setval(pg_get_serial_sequence('%1', 'id'), "
                                                        "(SELECT MAX(id) FROM %1))"_s.arg(table));
            if (!q)
                return q.error();
        }
        if (auto q = storage::Sql::run(db.connection(), u"ANALYZE"_s); !q)
            return q.error();
    }
    return SeedResult{plan.sessions, timer.elapsed()};
}

}  // namespace cd::bench
