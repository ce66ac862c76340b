#include "app/cli/tariffcommands.h"

#include "app/cli/optionvalues.h"
#include "core/access/accessguard.h"

#include "core/billing/billingservice.h"
#include "core/billing/billrepository.h"
#include "core/billing/tariffrepository.h"
#include "core/common/timeformat.h"
#include "core/payments/moneytext.h"
#include "core/storage/sessionrepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <nlohmann/json.hpp>

namespace cd::cli {

namespace {

using billing::Bill;
using billing::BillRepository;
using billing::Tariff;
using billing::TariffRepository;
using billing::TariffText;
using payments::moneyText;

QJsonValue fromNlohmann(const nlohmann::json &j)
{
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(j.dump()));
    if (doc.isObject())
        return doc.object();
    if (doc.isArray())
        return doc.array();
    return {};
}

QString timeText(std::optional<qint64> ms)
{
    return ms ? formatUtcMs(*ms) : QStringLiteral("—");
}

QString perKwh(qint64 minor, const QString &currency)
{
    return moneyText(minor, currency) + QStringLiteral("/kWh");
}

class TariffCommands {
    Q_DECLARE_TR_FUNCTIONS(cd::cli::TariffCommands)
public:
    static int list(CommandContext &c)
    {
        auto rows = TariffRepository(*c.db).list(c.parser.isSet(QStringLiteral("history")));
        if (!rows)
            return fail(c, rows.error());
        if (c.json) {
            QJsonArray array;
            for (const Tariff &t : *rows)
                array.append(fromNlohmann(billing::toJson(t)));
            c.out.json(array);
            return 0;
        }
        QList<QStringList> table;
        for (const Tariff &t : *rows) {
            table.append({QString::number(t.id), t.name,
                          TariffText::scopeTitle(t.scope) + (t.scope == billing::TariffScope::Global ? QString()
                                                                                                      : u' ' + QString::number(t.scopeId)),
                          QString::number(t.version), timeText(t.validFromMs), timeText(t.validToMs),
                          t.isTimeOfUse() ? tr("%n period(s)", nullptr, int(t.periods.size()))
                                          : perKwh(t.energyPriceMinorPerKwh, t.currency),
                          perKwh(t.serviceFeeMinorPerKwh, t.currency)});
        }
        c.out.table({tr("Id"), tr("Name"), tr("Applies to"), tr("Version"), tr("Valid from (UTC)"), tr("Valid to (UTC)"),
                     tr("Energy"), tr("Service fee")},
                    table);
        return 0;
    }

    static int show(CommandContext &c)
    {
        auto id = OptionValues::argumentId(c.args, tr("Usage: chargedesk-cli tariff show <id> [--json]"));
        if (!id)
            return fail(c, id.error());
        TariffRepository repo(*c.db);
        auto found = repo.find(*id);
        if (!found)
            return fail(c, found.error());
        if (!found->has_value())
            return fail(c, Error{ExitCode::Failure, tr("There is no tariff %1.").arg(*id)});
        auto chain = repo.history(*id);
        if (!chain)
            return fail(c, chain.error());
        const Tariff &t = **found;
        if (c.json) {
            QJsonObject o = fromNlohmann(billing::toJson(t)).toObject();
            QJsonArray versions;
            for (const Tariff &v : *chain)
                versions.append(QJsonObject{{QStringLiteral("id"), v.id},
                                            {QStringLiteral("version"), v.version},
                                            {QStringLiteral("validFromMs"), v.validFromMs},
                                            {QStringLiteral("validToMs"), v.validToMs ? QJsonValue(*v.validToMs) : QJsonValue()}});
            o.insert(QStringLiteral("versions"), versions);
            c.out.json(o);
            return 0;
        }
        const QString cur = t.currency;
        c.out.line(tr("Tariff %1 \"%2\", version %3").arg(t.id).arg(t.name).arg(t.version));
        c.out.line(tr("Applies to: %1").arg(TariffText::scopeTitle(t.scope)
                                            + (t.scope == billing::TariffScope::Global ? QString() : u' ' + QString::number(t.scopeId))));
        c.out.line(tr("Valid: %1 to %2 (UTC)").arg(timeText(t.validFromMs), timeText(t.validToMs)));
        c.out.line(tr("Currency: %1; time zone: %2").arg(cur, t.timeZone));
        c.out.line(tr("Energy: %1 (outside the periods)").arg(perKwh(t.energyPriceMinorPerKwh, cur)));
        for (const billing::TariffPeriod &p : t.periods)
            c.out.line(QStringLiteral("  %1 %2: %3").arg(TariffText::periodKindTitle(p.kind), TariffText::periodText(p),
                                                         perKwh(p.energyPriceMinorPerKwh, cur)));
        c.out.line(tr("Service fee: %1").arg(perKwh(t.serviceFeeMinorPerKwh, cur)));
        c.out.line(tr("Idle fee: %1/min after %n free minute(s) after charging ends", nullptr, t.idleFreeMinutes)
                       .arg(moneyText(t.idleFeeMinorPerMinute, cur)));
        c.out.line(tr("Created by %1 at %2").arg(t.createdBy, timeText(t.createdMs)));
        QStringList versions;
        for (const Tariff &v : *chain)
            versions << tr("%1 (id %2, from %3)").arg(v.version).arg(v.id).arg(timeText(v.validFromMs));
        c.out.line(tr("Versions: %1").arg(versions.join(QStringLiteral("; "))));
        return 0;
    }

    // A session by number ("261123-000042") or id; else a bill by id.
    static Expected<std::optional<Bill>> billFor(CommandContext &c, const QString &arg)
    {
        storage::SessionRepository sessions(*c.db);
        auto byNumber = sessions.findByNumber(arg);
        if (!byNumber)
            return byNumber.error();
        if (byNumber->has_value())
            return BillRepository(*c.db).current((**byNumber).id);
        bool ok = false;
        const qint64 id = arg.toLongLong(&ok);
        if (!ok || id <= 0)
            return Error{ExitCode::Usage, tr("\"%1\" is neither a session number nor an id.").arg(arg)};
        auto bill = BillRepository(*c.db).find(id);
        if (!bill)
            return bill.error();
        if (bill->has_value())
            return bill;
        return BillRepository(*c.db).current(id);
    }

    static int showBill(CommandContext &c)
    {
        if (c.args.size() != 1)
            return fail(c, Error{ExitCode::Usage, tr("Usage: chargedesk-cli bill show <session number | bill id> [--json]")});
        auto found = billFor(c, c.args.first());
        if (!found)
            return fail(c, found.error());
        if (!found->has_value())
            return fail(c, Error{ExitCode::Failure, tr("No bill found for \"%1\".").arg(c.args.first())});
        const Bill &b = **found;
        auto versions = BillRepository(*c.db).versions(b.sessionId);
        if (!versions)
            return fail(c, versions.error());
        const QStringList explanation = b.detail ? b.detail->explanation() : QStringList();
        if (c.json) {
            QJsonArray lines;
            for (const QString &l : explanation)
                lines.append(l);
            QJsonArray chain;
            for (const Bill &v : *versions)
                chain.append(QJsonObject{{QStringLiteral("id"), v.id},
                                         {QStringLiteral("version"), v.version},
                                         {QStringLiteral("totalMinor"), v.totalMinor},
                                         {QStringLiteral("correctionMethod"), v.correctionMethod},
                                         {QStringLiteral("createdBy"), v.createdBy},
                                         {QStringLiteral("createdMs"), v.createdMs}});
            QJsonObject o{{QStringLiteral("id"), b.id},
                          {QStringLiteral("sessionId"), b.sessionId},
                          {QStringLiteral("version"), b.version},
                          {QStringLiteral("supersedesBillId"), b.supersedesBillId ? QJsonValue(*b.supersedesBillId) : QJsonValue()},
                          {QStringLiteral("tariffId"), b.tariffId ? QJsonValue(*b.tariffId) : QJsonValue()},
                          {QStringLiteral("currency"), b.currency},
                          {QStringLiteral("energyWh"), b.energyWh},
                          {QStringLiteral("energyFeeMinor"), b.energyFeeMinor},
                          {QStringLiteral("serviceFeeMinor"), b.serviceFeeMinor},
                          {QStringLiteral("idleFeeMinor"), b.idleFeeMinor},
                          {QStringLiteral("couponId"), b.couponId ? QJsonValue(*b.couponId) : QJsonValue()},
                          {QStringLiteral("couponDeductionMinor"), b.couponDeductionMinor},
                          {QStringLiteral("totalMinor"), b.totalMinor},
                          {QStringLiteral("settlementState"), billing::SettlementText::stateName(b.settlementState)},
                          {QStringLiteral("correctionMethod"), b.correctionMethod},
                          {QStringLiteral("reason"), b.reason},
                          {QStringLiteral("createdBy"), b.createdBy},
                          {QStringLiteral("createdMs"), b.createdMs},
                          {QStringLiteral("explanation"), lines},
                          {QStringLiteral("versions"), chain}};
            if (b.detail)
                o.insert(QStringLiteral("detail"), fromNlohmann(billing::toJson(*b.detail)));
            c.out.json(o);
            return 0;
        }
        c.out.line(tr("Bill %1, version %2 of session %3: %4 (%5)")
                       .arg(b.id)
                       .arg(b.version)
                       .arg(b.sessionId)
                       .arg(moneyText(b.totalMinor, b.currency), billing::SettlementText::stateTitle(b.settlementState)));
        if (!b.correctionMethod.isEmpty())
            c.out.line(tr("Correction: %1 by %2: %3").arg(b.correctionMethod, b.createdBy, b.reason));
        if (explanation.isEmpty())
            c.out.line(tr("This bill was stored without its inputs: it cannot be explained line by line."));
        for (const QString &l : explanation)
            c.out.line(QStringLiteral("  ") + l);
        if (versions->size() > 1) {
            QStringList chain;
            for (const Bill &v : *versions)
                chain << tr("v%1 (bill %2): %3").arg(v.version).arg(v.id).arg(moneyText(v.totalMinor, v.currency));
            c.out.line(tr("Versions: %1").arg(chain.join(QStringLiteral(" → "))));
        }
        return 0;
    }

    static int issue(CommandContext &c)
    {
        if (c.args.size() != 1)
            return fail(c, Error{ExitCode::Usage, tr("Usage: chargedesk-cli bill issue <session number | session id>")});
        // A bill moves money (a member's balance): issuing one by hand is a correction's business.
        if (Status allowed = access::AccessGuard(*c.db).require(c.actor, access::Permission::BillsCorrect); !allowed)
            return fail(c, allowed.error());
        storage::SessionRepository sessions(*c.db);
        auto found = sessions.findByNumber(c.args.first());
        if (!found)
            return fail(c, found.error());
        if (!found->has_value()) {
            bool ok = false;
            const qint64 id = c.args.first().toLongLong(&ok);
            if (ok)
                found = sessions.find(id);
            if (!found)
                return fail(c, found.error());
        }
        if (!found->has_value())
            return fail(c, Error{ExitCode::Failure, tr("There is no session \"%1\".").arg(c.args.first())});
        billing::IssueOptions options;
        options.actor = c.operatorName;
        auto issued = billing::BillingService(*c.db).issue((**found).id, options);
        if (!issued)
            return fail(c, issued.error());
        if (c.json) {
            c.out.json(QJsonObject{{QStringLiteral("billId"), issued->billId},
                                   {QStringLiteral("created"), issued->created},
                                   {QStringLiteral("settlementState"), billing::SettlementText::stateName(issued->state)},
                                   {QStringLiteral("debitedMinor"), issued->debitedMinor}});
            return 0;
        }
        c.out.line(issued->created ? tr("Bill %1 issued for session %2.").arg(issued->billId).arg((**found).sessionNumber)
                                   : tr("Session %1 already has bill %2.").arg((**found).sessionNumber).arg(issued->billId));
        return 0;
    }
};

}  // namespace

QList<Command> tariffCommands()
{
    using T = TariffCommands;
    return {
        {{QStringLiteral("tariff"), QStringLiteral("list")}, QStringLiteral("[--history] [--json]"),
         T::tr("Tariffs in force (with --history every version)."), true, &T::list},
        {{QStringLiteral("tariff"), QStringLiteral("show")}, QStringLiteral("<id> [--json]"),
         T::tr("A tariff: prices, periods, fees and its versions."), true, &T::show},
        {{QStringLiteral("bill"), QStringLiteral("show")}, QStringLiteral("<session number | bill id> [--json]"),
         T::tr("A session's bill explained line by line, and its versions."), true, &T::showBill},
        {{QStringLiteral("bill"), QStringLiteral("issue")}, QStringLiteral("<session number | id> [--json]"),
         T::tr("Bill a session that ended (sessions are billed automatically when they end)."), true, &T::issue},
    };
}

}  // namespace cd::cli
