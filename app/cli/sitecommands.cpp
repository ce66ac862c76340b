#include "app/cli/sitecommands.h"

#include "app/cli/optionvalues.h"
#include "core/access/auditedchange.h"
#include "core/charging/stationplacement.h"
#include "core/storage/auditlogrepository.h"
#include "core/storage/siterepository.h"
#include "core/storage/stationrepository.h"
#include "core/storage/sqlhelpers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <functional>

namespace cd::cli {

namespace {

using namespace Qt::StringLiterals;
using storage::SiteRepository;

// An id, or null for none.
QJsonValue idValue(std::optional<qint64> id)
{
    return id ? QJsonValue(*id) : QJsonValue();
}

class SiteCommands {
    Q_DECLARE_TR_FUNCTIONS(cd::cli::SiteCommands)
public:
    // access::auditedChange (the permission, `write` and its audit entry in one transaction);
    // prints `done` (or, with --json, the entry's after-state).
    static int audited(CommandContext &c, access::Permission permission,
                       const std::function<Expected<storage::AuditEntry>()> &write, const QString &done)
    {
        return printed(c, access::auditedChange(*c.db, c.actor, permission, c.parser.value(u"reason"_s), write), done);
    }

    // Prints `done` (or, with --json, the entry's after-state) for a change made.
    static int printed(CommandContext &c, const Expected<storage::AuditEntry> &entry, const QString &done)
    {
        if (!entry)
            return fail(c, entry.error());
        if (c.json)
            c.out.json(QJsonDocument::fromJson(entry->afterState.toUtf8()).object());
        else
            c.out.line(done);
        return 0;
    }

    static int addSubOperator(CommandContext &c)
    {
        if (c.args.size() != 1)
            return fail(c, Error{ExitCode::Usage, tr("Usage: chargedesk-cli sub-operator add <name> [--settlement-mode MODE]")});
        const QString name = c.args.first().trimmed();
        const QString mode = c.parser.isSet(u"settlement-mode"_s) ? c.parser.value(u"settlement-mode"_s) : u"settle_first"_s;
        return audited(
            c, access::Permission::SitesEdit,
            [&]() -> Expected<storage::AuditEntry> {
                auto id = SiteRepository(*c.db).addSubOperator(name, mode);
                if (!id)
                    return id.error();
                return access::changeEntry(u"sub_operator.add"_s, u"sub_operator"_s, QString::number(*id), {},
                              {{u"id"_s, *id}, {u"name"_s, name}, {u"settlementMode"_s, mode}});
            },
            tr("Added sub-operator %1.").arg(name));
    }

    static int listSubOperators(CommandContext &c)
    {
        auto rows = SiteRepository(*c.db).subOperators();
        if (!rows)
            return fail(c, rows.error());
        if (c.json) {
            QJsonArray array;
            for (const auto &r : *rows)
                array.append(QJsonObject{{u"id"_s, r.id}, {u"name"_s, r.name}, {u"settlementMode"_s, r.settlementMode},
                                         {u"sites"_s, r.sites}});
            c.out.json(array);
            return 0;
        }
        QList<QStringList> table;
        for (const auto &r : *rows)
            table.append({QString::number(r.id), r.name, r.settlementMode, QString::number(r.sites)});
        c.out.table({tr("Id"), tr("Name"), tr("Settlement"), tr("Sites")}, table);
        return 0;
    }

    static int addSite(CommandContext &c)
    {
        if (c.args.size() != 1)
            return fail(c, Error{ExitCode::Usage,
                                 tr("Usage: chargedesk-cli site add <name> [--sub-operator NAME] [--address TEXT]")});
        const QString name = c.args.first().trimmed();
        return audited(
            c, access::Permission::SitesEdit,
            [&]() -> Expected<storage::AuditEntry> {
                SiteRepository sites(*c.db);
                std::optional<qint64> subOperator;
                if (c.parser.isSet(u"sub-operator"_s)) {
                    auto id = sites.subOperatorId(c.parser.value(u"sub-operator"_s));
                    if (!id)
                        return id.error();
                    subOperator = *id;
                }
                const QString address = c.parser.value(u"address"_s);
                auto id = sites.addSite(name, address, subOperator);
                if (!id)
                    return id.error();
                QJsonObject after{{u"id"_s, *id}, {u"name"_s, name}, {u"address"_s, address.trimmed()}};
                if (subOperator)
                    after.insert(u"subOperatorId"_s, *subOperator);
                return access::changeEntry(u"site.add"_s, u"site"_s, QString::number(*id), {}, after);
            },
            tr("Added site %1.").arg(name));
    }

    static int listSites(CommandContext &c)
    {
        auto rows = SiteRepository(*c.db).sites();
        if (!rows)
            return fail(c, rows.error());
        if (c.json) {
            QJsonArray array;
            for (const auto &r : *rows) {
                QJsonObject o{{u"id"_s, r.id}, {u"name"_s, r.name}, {u"address"_s, r.address}, {u"stations"_s, r.stations}};
                if (r.subOperatorId != 0) {
                    o.insert(u"subOperatorId"_s, r.subOperatorId);
                    o.insert(u"subOperator"_s, r.subOperator);
                }
                array.append(o);
            }
            c.out.json(array);
            return 0;
        }
        QList<QStringList> table;
        for (const auto &r : *rows)
            table.append({QString::number(r.id), r.name, r.subOperator, QString::number(r.stations), r.address});
        c.out.table({tr("Id"), tr("Name"), tr("Sub-operator"), tr("Stations"), tr("Address")}, table);
        return 0;
    }

    static int setSubOperator(CommandContext &c)
    {
        if (c.args.isEmpty() || c.args.size() > 2)
            return fail(c, Error{ExitCode::Usage, tr("Usage: chargedesk-cli site set-sub-operator <site> [<sub-operator>]")});
        return audited(
            c, access::Permission::SitesEdit,
            [&]() -> Expected<storage::AuditEntry> {
                SiteRepository sites(*c.db);
                auto site = sites.siteId(c.args.at(0));
                if (!site)
                    return site.error();
                std::optional<qint64> subOperator;
                if (c.args.size() == 2) {
                    auto id = sites.subOperatorId(c.args.at(1));
                    if (!id)
                        return id.error();
                    subOperator = *id;
                }
                auto was = sites.setSiteSubOperator(*site, subOperator);
                if (!was)
                    return was.error();
                return access::changeEntry(u"site.set_sub_operator"_s, u"site"_s, QString::number(*site), {{u"subOperatorId"_s, idValue(*was)}},
                              {{u"id"_s, *site}, {u"subOperatorId"_s, idValue(subOperator)}});
            },
            c.args.size() == 2 ? tr("Site %1 now belongs to sub-operator %2.").arg(c.args.at(0), c.args.at(1))
                               : tr("Site %1 now belongs to no sub-operator.").arg(c.args.at(0)));
    }

    static int setStationSite(CommandContext &c)
    {
        if (c.args.isEmpty() || c.args.size() > 2)
            return fail(c, Error{ExitCode::Usage, tr("Usage: chargedesk-cli station set-site <chargePointId> [<site>]")});
        const QString station = c.args.at(0);
        std::optional<qint64> site;
        if (c.args.size() == 2) {
            auto id = SiteRepository(*c.db).siteId(c.args.at(1));
            if (!id)
                return fail(c, id.error());
            site = *id;
        }
        return printed(c, charging::StationPlacement(*c.db).setSite(c.actor, station, site, c.parser.value(u"reason"_s)),
                       c.args.size() == 2 ? tr("Station %1 now stands at site %2.").arg(station, c.args.at(1))
                                          : tr("Station %1 now belongs to no site.").arg(station));
    }

    static int setStationLocation(CommandContext &c)
    {
        if (c.args.size() != 1)
            return fail(c, Error{ExitCode::Usage, tr("Usage: chargedesk-cli station set-location <chargePointId> "
                                                     "[--lat LATITUDE --lon LONGITUDE]")});
        const QString station = c.args.at(0);
        auto latitude = OptionValues::number(c.parser, u"lat"_s);
        if (!latitude)
            return fail(c, latitude.error());
        auto longitude = OptionValues::number(c.parser, u"lon"_s);
        if (!longitude)
            return fail(c, longitude.error());
        return printed(c,
                       charging::StationPlacement(*c.db).setLocation(c.actor, station, *latitude, *longitude,
                                                                     c.parser.value(u"reason"_s)),
                       *latitude ? tr("Station %1 now stands at %2, %3.")
                                       .arg(station, QString::number(**latitude, 'f', 6),
                                            QString::number(longitude->value_or(0), 'f', 6))
                                 : tr("Station %1 has no location now (it is not on the map).").arg(station));
    }
};

}  // namespace

QList<Command> siteCommands()
{
    return {{{u"sub-operator"_s, u"add"_s}, u"<name> [--settlement-mode settle_first|hold_until_corrected]"_s,
             SiteCommands::tr("Add a sub-operator (a partner that runs sites; audited)."), true, &SiteCommands::addSubOperator},
            {{u"sub-operator"_s, u"list"_s}, u"[--json]"_s, SiteCommands::tr("List the sub-operators."), true,
             &SiteCommands::listSubOperators},
            {{u"site"_s, u"add"_s}, u"<name> [--sub-operator NAME] [--address TEXT]"_s,
             SiteCommands::tr("Add a site (a place with stations and its own meter; audited)."), true, &SiteCommands::addSite},
            {{u"site"_s, u"list"_s}, u"[--json]"_s, SiteCommands::tr("List the sites with their sub-operator and stations."),
             true, &SiteCommands::listSites},
            {{u"site"_s, u"set-sub-operator"_s}, u"<site> [<sub-operator>]"_s,
             SiteCommands::tr("Put a site under a sub-operator, or under none (audited)."), true,
             &SiteCommands::setSubOperator},
            {{u"station"_s, u"set-site"_s}, u"<chargePointId> [<site>]"_s,
             SiteCommands::tr("Put a station on a site, or on none (audited)."), true, &SiteCommands::setStationSite},
            {{u"station"_s, u"set-location"_s}, u"<chargePointId> [--lat LATITUDE --lon LONGITUDE]"_s,
             SiteCommands::tr("Place a station on the map, or take it off without --lat/--lon (audited)."), true,
             &SiteCommands::setStationLocation}};
}

}  // namespace cd::cli
