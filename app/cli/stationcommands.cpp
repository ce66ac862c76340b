#include "app/cli/stationcommands.h"

#include "app/cli/optionvalues.h"
#include "core/access/auditedchange.h"
#include "core/charging/chargingjson.h"
#include "core/charging/chargingqueries.h"

#include "core/auth/passwordhash.h"
#include "core/common/timeformat.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/sqlhelpers.h"
#include "core/storage/stationstaterepository.h"
#include "core/storage/stationrepository.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>


namespace cd::cli {

namespace {

QJsonValue optionalJson(const std::optional<qint64> &v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

QJsonValue optionalJson(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

QJsonObject toJson(const storage::Station &s)
{
    return {{QStringLiteral("id"), s.id},
            {QStringLiteral("chargePointId"), s.chargePointId},
            {QStringLiteral("name"), s.name},
            {QStringLiteral("vendor"), s.vendor},
            {QStringLiteral("model"), s.model},
            {QStringLiteral("firmware"), s.firmware},
            {QStringLiteral("serialNumber"), s.serialNumber},
            {QStringLiteral("address"), s.address},
            {QStringLiteral("latitude"), optionalJson(s.latitude)},
            {QStringLiteral("longitude"), optionalJson(s.longitude)},
            {QStringLiteral("hidden"), s.hidden},
            {QStringLiteral("protocol"), s.protocol},
            {QStringLiteral("registrationStatus"), s.registrationStatus},
            {QStringLiteral("lastBootMs"), optionalJson(s.lastBootMs)},
            {QStringLiteral("lastHeartbeatMs"), optionalJson(s.lastHeartbeatMs)},
            {QStringLiteral("createdMs"), s.createdMs}};
}

QString formatMs(const std::optional<qint64> &ms)
{
    return ms ? formatUtcMs(*ms) : QStringLiteral("-");
}

class StationCommands {
    Q_DECLARE_TR_FUNCTIONS(cd::cli::StationCommands)
public:
    static int list(CommandContext &c)
    {
        storage::StationFilter filter;
        filter.search = c.parser.value(QStringLiteral("search"));
        filter.limit = 100000;
        auto stations = storage::StationRepository(*c.db).list(filter);
        if (!stations)
            return fail(c, stations.error());
        if (c.json) {
            QJsonArray array;
            for (const auto &s : *stations)
                array.append(toJson(s));
            c.out.json(array);
            return 0;
        }
        QList<QStringList> rows;
        for (const auto &s : *stations) {
            rows.append({s.chargePointId, s.name, s.vendor, s.model, s.firmware, s.registrationStatus,
                         s.hidden ? tr("hidden") : QString()});
        }
        c.out.table({tr("ID"), tr("Name"), tr("Vendor"), tr("Model"), tr("Firmware"), tr("Registration"), tr("Map")},
                    rows);
        return 0;
    }

    static int show(CommandContext &c)
    {
        if (c.args.size() != 1)
            return fail(c, Error{ExitCode::Usage, tr("Usage: chargedesk-cli station show <chargePointId>")});
        auto found = storage::StationRepository(*c.db).find(c.args.first());
        if (!found)
            return fail(c, found.error());
        if (!found->has_value())
            return fail(c, Error{ExitCode::Failure, tr("No station with the id %1.").arg(c.args.first())});
        const storage::Station &s = **found;
        if (c.json) {
            c.out.json(toJson(s));
            return 0;
        }
        c.out.record({{tr("ID"), s.chargePointId},
                      {tr("Name"), s.name},
                      {tr("Vendor"), s.vendor},
                      {tr("Model"), s.model},
                      {tr("Firmware"), s.firmware},
                      {tr("Serial number"), s.serialNumber},
                      {tr("Address"), s.address},
                      {tr("Registration"), s.registrationStatus},
                      {tr("Hidden from map"), s.hidden ? tr("yes") : tr("no")},
                      {tr("Last boot (UTC)"), formatMs(s.lastBootMs)},
                      {tr("Last heartbeat (UTC)"), formatMs(s.lastHeartbeatMs)}});
        return 0;
    }

    static int messages(CommandContext &c)
    {
        if (c.args.size() != 1)
            return fail(c, Error{ExitCode::Usage, tr("Usage: chargedesk-cli station messages <chargePointId> "
                                                     "[--from ISO] [--to ISO] [--last N]")});
        const auto from = OptionValues::timeMs(c.parser, QStringLiteral("from"));
        const auto to = OptionValues::timeMs(c.parser, QStringLiteral("to"));
        const auto last = OptionValues::positive(c.parser, QStringLiteral("last"), 100);
        if (!from)
            return fail(c, from.error());
        if (!to)
            return fail(c, to.error());
        if (!last)
            return fail(c, last.error());
        // Frames of stations that never registered (refused, unknown) are logged too: no
        // registry lookup, the id is matched as it came.
        auto rows = charging::ChargingQueries(c.db).stationMessages(c.args.first(), *from, *to, *last);
        if (!rows)
            return fail(c, rows.error());
        if (c.json) {
            QJsonArray array;
            for (const auto &m : *rows)
                array.append(charging::json::message(m));
            c.out.json(array);
            return 0;
        }
        QList<QStringList> table;
        for (const auto &m : *rows) {
            table.append({formatUtcMs(m.atMs), m.direction == u"in" ? tr("in") : tr("out"), m.action, m.messageId,
                          m.errorCode.isEmpty() ? m.problem : m.errorCode + u' ' + m.problem});
        }
        c.out.table({tr("When (UTC)"), tr("Direction"), tr("Action"), tr("Message id"), tr("Error")}, table);
        if (rows->isEmpty())
            c.out.line(tr("No messages from or to %1 in this period.").arg(c.args.first()));
        return 0;
    }

    static int deviceModel(CommandContext &c)
    {
        if (c.args.size() != 1)
            return fail(c, Error{ExitCode::Usage, tr("Usage: chargedesk-cli station device-model <chargePointId>")});
        auto model = charging::ChargingQueries(c.db).deviceModel(c.args.first());
        if (!model)
            return fail(c, model.error());
        if (!model->has_value())
            return fail(c, Error{ExitCode::Failure, tr("No station with the id %1.").arg(c.args.first())});
        if (c.json) {
            QJsonArray array;
            for (const auto &v : **model)
                array.append(charging::json::deviceVariable(v));
            c.out.json(array);
            return 0;
        }
        QList<QStringList> table;
        for (const auto &v : **model) {
            table.append({v.componentInstance.isEmpty() ? v.component : v.component + u'/' + v.componentInstance,
                          v.evseId ? QString::number(*v.evseId) : QString(),
                          v.variableInstance.isEmpty() ? v.variable : v.variable + u'/' + v.variableInstance,
                          v.attributeType, v.value.value_or(QString()), v.unit});
        }
        c.out.table({tr("Component"), tr("EVSE"), tr("Variable"), tr("Attribute"), tr("Value"), tr("Unit")}, table);
        return 0;
    }

    static int add(CommandContext &c)
    {
        if (c.args.size() != 1)
            return fail(c, Error{ExitCode::Usage, tr("Usage: chargedesk-cli station add <chargePointId> [--name …]")});
        storage::Station s;
        s.chargePointId = c.args.first();
        s.name = c.parser.value(QStringLiteral("name"));
        s.vendor = c.parser.value(QStringLiteral("vendor"));
        s.model = c.parser.value(QStringLiteral("model"));
        s.firmware = c.parser.value(QStringLiteral("firmware"));
        s.address = c.parser.value(QStringLiteral("address"));
        s.hidden = c.parser.isSet(QStringLiteral("hidden"));
        s.registrationStatus = QStringLiteral("Accepted");
        auto latitude = OptionValues::number(c.parser, QStringLiteral("lat"));
        if (!latitude)
            return fail(c, latitude.error());
        auto longitude = OptionValues::number(c.parser, QStringLiteral("lon"));
        if (!longitude)
            return fail(c, longitude.error());
        s.latitude = *latitude;
        s.longitude = *longitude;

        QString passwordHash;
        if (c.parser.isSet(QStringLiteral("password"))) {
            const QByteArray password = c.parser.value(QStringLiteral("password")).toUtf8();
            if (!auth::PasswordHash::isAcceptableStationPassword(password))
                return fail(c, Error{ExitCode::Usage, tr("A station password must be 16 to 40 characters (OCPP 1.6 "
                                                         "security profile 1).")});
            auto hashed = auth::PasswordHash::hash(password);
            if (!hashed)
                return fail(c, hashed.error());
            passwordHash = *hashed;
        }

        qint64 id = 0;
        auto added = access::auditedChange(
            *c.db, c.actor, access::Permission::StationsEdit, c.parser.value(QStringLiteral("reason")),
            [&]() -> Expected<storage::AuditEntry> {
                auto stationId = storage::StationRepository(*c.db).add(s);
                if (!stationId)
                    return stationId.error();
                id = *stationId;
                if (!passwordHash.isEmpty()) {
                    if (Status st = storage::StationStateRepository(*c.db).setCredentials(s.chargePointId, 1, passwordHash);
                        !st)
                        return st.error();
                }
                return access::changeEntry(QStringLiteral("station.add"), QStringLiteral("station"), s.chargePointId, {},
                                           toJson(s));
            });
        if (!added)
            return fail(c, added.error());

        if (c.json)
            c.out.json(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("chargePointId"), s.chargePointId}});
        else
            c.out.line(tr("Added station %1.").arg(s.chargePointId));
        return 0;
    }
};

}  // namespace

QList<Command> stationCommands()
{
    return {{{QStringLiteral("station"), QStringLiteral("list")}, QStringLiteral("[--search TEXT] [--json]"),
             StationCommands::tr("List stations, hidden ones included."), true, &StationCommands::list},
            {{QStringLiteral("station"), QStringLiteral("show")}, QStringLiteral("<chargePointId> [--json]"),
             StationCommands::tr("Show one station."), true, &StationCommands::show},
            {{QStringLiteral("station"), QStringLiteral("messages")},
             QStringLiteral("<chargePointId> [--from ISO] [--to ISO] [--last N] [--json]"),
             StationCommands::tr("The station's OCPP message log, oldest first (raw frames with --json)."), true,
             &StationCommands::messages},
            {{QStringLiteral("station"), QStringLiteral("device-model")}, QStringLiteral("<chargePointId> [--json]"),
             StationCommands::tr("The device model an OCPP 2.0.1 station reported (NotifyReport)."), true,
             &StationCommands::deviceModel},
            {{QStringLiteral("station"), QStringLiteral("add")},
             QStringLiteral("<chargePointId> [--password P] [--name --vendor --model --firmware --address --lat --lon "
                            "--hidden]"),
             StationCommands::tr("Register a station (audited)."), true, &StationCommands::add}};
}

}  // namespace cd::cli
