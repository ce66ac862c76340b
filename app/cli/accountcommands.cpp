#include "app/cli/accountcommands.h"

#include "app/cli/optionvalues.h"

#include "core/accounts/accountservice.h"
#include "core/accounts/couponservice.h"
#include "core/common/timeformat.h"
#include "core/payments/moneytext.h"
#include "core/payments/paymentsettings.h"
#include "core/storage/siterepository.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSettings>

namespace cd::cli {

namespace {

using namespace accounts;
using namespace Qt::StringLiterals;

QJsonValue optional(const std::optional<qint64> &value)
{
    return value ? QJsonValue(value.value()) : QJsonValue();
}

QJsonObject memberJson(const Member &m)
{
    return QJsonObject{{u"id"_s, m.id},
                       {u"name"_s, m.name},
                       {u"phone"_s, m.phone},
                       {u"email"_s, m.email},
                       {u"departmentId"_s, optional(m.departmentId)},
                       {u"balanceMinor"_s, m.balanceMinor},
                       {u"refundableMinor"_s, m.refundableMinor},
                       {u"pendingRefundMinor"_s, m.pendingRefundMinor},
                       {u"autoStopThresholdMinor"_s, m.autoStopThresholdMinor},
                       {u"cards"_s, m.cardCount},
                       {u"createdMs"_s, m.createdMs}};
}

QJsonObject departmentJson(const Department &d)
{
    return QJsonObject{{u"id"_s, d.id},
                       {u"name"_s, d.name},
                       {u"parentId"_s, optional(d.parentId)},
                       {u"billToParent"_s, d.billToParent},
                       {u"balanceMinor"_s, d.balanceMinor},
                       {u"autoStopThresholdMinor"_s, d.autoStopThresholdMinor},
                       {u"members"_s, d.memberCount},
                       {u"departmentCards"_s, d.cardCount}};
}

QJsonObject topUpJson(const TopUp &t)
{
    return QJsonObject{{u"id"_s, t.id},
                       {u"memberId"_s, optional(t.memberId)},
                       {u"departmentId"_s, optional(t.departmentId)},
                       {u"amountMinor"_s, t.amountMinor},
                       {u"currency"_s, t.currency},
                       {u"gateway"_s, t.gateway},
                       {u"receipt"_s, t.receipt},
                       {u"createdBy"_s, t.createdBy},
                       {u"createdMs"_s, t.createdMs}};
}

QJsonObject couponJson(const Coupon &c)
{
    return QJsonObject{{u"id"_s, c.id},
                       {u"code"_s, c.code},
                       {u"name"_s, c.name},
                       {u"amountMinor"_s, c.amountMinor},
                       {u"minSpendMinor"_s, c.minSpendMinor},
                       {u"memberId"_s, optional(c.memberId)},
                       {u"memberName"_s, c.memberName},
                       {u"departmentId"_s, optional(c.departmentId)},
                       {u"subOperatorId"_s, optional(c.subOperatorId)},
                       {u"stationId"_s, optional(c.stationId)},
                       {u"validFromMs"_s, optional(c.validFromMs)},
                       {u"validToMs"_s, optional(c.validToMs)},
                       {u"issuedReason"_s, c.issuedReason},
                       {u"sourceTopUpId"_s, optional(c.sourceTopUpId)},
                       {u"ruleId"_s, optional(c.ruleId)},
                       {u"earnedByBillId"_s, optional(c.earnedByBillId)},
                       {u"status"_s, c.status},
                       {u"usedSessionId"_s, optional(c.usedSessionId)},
                       {u"revokedBy"_s, c.revokedBy},
                       {u"revokeReason"_s, c.revokeReason},
                       {u"createdMs"_s, c.createdMs}};
}

QJsonObject ruleJson(const CouponRule &r)
{
    return QJsonObject{{u"id"_s, r.id},
                       {u"name"_s, r.name},
                       {u"trigger"_s, AccountText::triggerName(r.trigger)},
                       {u"minTopUpMinor"_s, r.minTopUpMinor},
                       {u"minTotalSpendMinor"_s, r.minTotalSpendMinor},
                       {u"amountMinor"_s, r.amountMinor},
                       {u"minSpendMinor"_s, r.minSpendMinor},
                       {u"departmentId"_s, optional(r.departmentId)},
                       {u"subOperatorId"_s, optional(r.subOperatorId)},
                       {u"stationId"_s, optional(r.stationId)},
                       {u"validDays"_s, r.validDays ? QJsonValue(*r.validDays) : QJsonValue()},
                       {u"validFromMs"_s, optional(r.validFromMs)},
                       {u"validToMs"_s, optional(r.validToMs)},
                       {u"active"_s, r.active},
                       {u"createdBy"_s, r.createdBy}};
}

class AccountCommands {
    Q_DECLARE_TR_FUNCTIONS(cd::cli::AccountCommands)
public:
    static QString money(qint64 minor, const QString &currencyCode) { return payments::moneyText(minor, currencyCode); }

    static int memberList(CommandContext &c)
    {
        MemberFilter filter;
        filter.search = c.parser.value(u"search"_s);
        auto department = OptionValues::id(c.parser, u"department"_s);
        if (!department)
            return fail(c, department.error());
        filter.departmentId = *department;
        auto last = OptionValues::positive(c.parser, u"last"_s, 1000);
        if (!last)
            return fail(c, last.error());
        filter.limit = *last;
        auto rows = AccountService(*c.db).members(filter);
        if (!rows)
            return fail(c, rows.error());
        if (c.json) {
            QJsonArray array;
            for (const Member &m : *rows)
                array.append(memberJson(m));
            c.out.json(array);
            return 0;
        }
        const QString cur = OptionValues::currency(c.parser);
        QList<QStringList> table;
        for (const Member &m : *rows)
            table.append({QString::number(m.id), m.name, m.phone, m.email, money(m.balanceMinor, cur),
                          money(m.refundableMinor, cur), money(m.autoStopThresholdMinor, cur), QString::number(m.cardCount)});
        c.out.table({tr("Id"), tr("Name"), tr("Phone"), tr("E-mail"), tr("Balance"), tr("Refundable"), tr("Auto-stop at"),
                     tr("Cards")},
                    table);
        return 0;
    }

    static int memberShow(CommandContext &c)
    {
        auto memberId = OptionValues::argumentId(c.args, tr("Give the member's id."));
        if (!memberId)
            return fail(c, memberId.error());
        auto detail = AccountService(*c.db).memberDetail(*memberId);
        if (!detail)
            return fail(c, detail.error());
        if (c.json) {
            QJsonObject o = memberJson(detail->member);
            o.insert(u"departmentName"_s, detail->departmentName);
            QJsonArray cards;
            for (const storage::IdTag &t : detail->cards)
                cards.append(QJsonObject{{u"idTag"_s, t.idTag}, {u"kind"_s, t.kind}, {u"status"_s, t.status}});
            o.insert(u"cardList"_s, cards);
            QJsonArray topUps;
            for (const TopUp &t : detail->topUps)
                topUps.append(topUpJson(t));
            o.insert(u"topUps"_s, topUps);
            QJsonArray coupons;
            for (const Coupon &k : detail->coupons)
                coupons.append(couponJson(k));
            o.insert(u"coupons"_s, coupons);
            c.out.json(o);
            return 0;
        }
        const Member &m = detail->member;
        const QString cur = OptionValues::currency(c.parser);
        QStringList cards;
        for (const storage::IdTag &t : detail->cards)
            cards << t.idTag;
        c.out.record({{tr("Member"), QString::number(m.id)},
                      {tr("Name"), m.name},
                      {tr("Phone"), m.phone},
                      {tr("E-mail"), m.email},
                      {tr("Department"), detail->departmentName},
                      {tr("Balance"), money(m.balanceMinor, cur)},
                      {tr("Refundable"), money(m.refundableMinor, cur)},
                      {tr("Pending refund"), money(m.pendingRefundMinor, cur)},
                      {tr("Auto-stop at"), money(m.autoStopThresholdMinor, cur)},
                      {tr("Cards"), cards.join(u", "_s)},
                      {tr("Top-ups"), QString::number(detail->topUps.size())},
                      {tr("Coupons"), QString::number(detail->coupons.size())}});
        return 0;
    }

    // The member options given (--name, --phone, --email, --department ID|none, --threshold) written
    // over `m`; what is not given stays as it is.
    static Status readMemberOptions(CommandContext &c, NewMember &m)
    {
        if (c.parser.isSet(u"name"_s))
            m.name = c.parser.value(u"name"_s);
        if (c.parser.isSet(u"phone"_s))
            m.phone = c.parser.value(u"phone"_s);
        if (c.parser.isSet(u"email"_s))
            m.email = c.parser.value(u"email"_s);
        if (c.parser.isSet(u"department"_s)) {
            if (c.parser.value(u"department"_s) == u"none"_s) {
                m.departmentId.reset();
            } else {
                auto department = OptionValues::id(c.parser, u"department"_s);
                if (!department)
                    return department.error();
                m.departmentId = *department;
            }
        }
        if (c.parser.isSet(u"threshold"_s)) {
            auto threshold = OptionValues::amount(c.parser, u"threshold"_s, OptionValues::currency(c.parser));
            if (!threshold)
                return threshold.error();
            m.autoStopThresholdMinor = *threshold;
        }
        return {};
    }

    static int memberCreate(CommandContext &c)
    {
        NewMember m;
        if (Status st = readMemberOptions(c, m); !st)
            return fail(c, st.error());
        auto created = AccountService(*c.db).createMember(m, c.actor, c.parser.value(u"reason"_s));
        if (!created)
            return fail(c, created.error());
        if (c.json) {
            QJsonObject o = memberJson(created->member);
            QJsonArray coupons;
            for (const Coupon &k : created->coupons)
                coupons.append(couponJson(k));
            o.insert(u"coupons"_s, coupons);
            c.out.json(o);
            return 0;
        }
        c.out.line(tr("Created member %1.").arg(created->member.id));
        for (const Coupon &k : created->coupons)
            c.out.line(tr("Issued coupon %1 (%2).").arg(k.code, money(k.amountMinor, OptionValues::currency(c.parser))));
        return 0;
    }

    static int memberUpdate(CommandContext &c)
    {
        auto memberId = OptionValues::argumentId(c.args, tr("Give the member's id."));
        if (!memberId)
            return fail(c, memberId.error());
        AccountService service(*c.db);
        auto detail = service.memberDetail(*memberId);
        if (!detail)
            return fail(c, detail.error());
        const Member &now = detail->member;
        NewMember m{now.name, now.phone, now.email, now.departmentId, now.autoStopThresholdMinor};
        if (Status st = readMemberOptions(c, m); !st)
            return fail(c, st.error());
        auto updated = service.updateMember(*memberId, m, c.actor, c.parser.value(u"reason"_s));
        if (!updated)
            return fail(c, updated.error());
        if (c.json)
            c.out.json(memberJson(*updated));
        else
            c.out.line(tr("Saved member %1.").arg(updated->id));
        return 0;
    }

    static int memberTopUp(CommandContext &c)
    {
        auto memberId = OptionValues::argumentId(c.args, tr("Give the member's id."));
        if (!memberId)
            return fail(c, memberId.error());
        if (!c.parser.isSet(u"amount"_s))
            return fail(c, Error{ExitCode::Usage, tr("Say how much: --amount 100.00.")});
        TopUpRequest request;
        request.currency = OptionValues::currency(c.parser);
        auto minor = OptionValues::amount(c.parser, u"amount"_s, request.currency);
        if (!minor)
            return fail(c, minor.error());
        request.amountMinor = *minor;
        request.receipt = c.parser.value(u"receipt"_s);
        if (c.parser.isSet(u"gateway"_s))
            request.gateway = c.parser.value(u"gateway"_s);
        AccountService service(*c.db);
        if (c.parser.isSet(u"dry-run"_s)) {
            if (const QStringList problems = AccountService::validate(request); !problems.isEmpty())
                return fail(c, Error{ExitCode::Usage, problems.join(u' ')});
            auto preview = service.previewMemberTopUp(*memberId, request.amountMinor);
            if (!preview)
                return fail(c, preview.error());
            if (c.json) {
                c.out.json(QJsonObject{{u"dryRun"_s, true},
                                       {u"balanceBeforeMinor"_s, preview->balanceBeforeMinor},
                                       {u"balanceAfterMinor"_s, preview->balanceAfterMinor},
                                       {u"refundableAfterMinor"_s, preview->refundableAfterMinor},
                                       {u"couponRule"_s, preview->couponRule ? QJsonValue(ruleJson(*preview->couponRule))
                                                                             : QJsonValue()}});
                return 0;
            }
            c.out.line(tr("Would top up member %1 by %2: balance %3 → %4.")
                           .arg(*memberId)
                           .arg(money(request.amountMinor, request.currency), money(preview->balanceBeforeMinor, request.currency),
                                money(preview->balanceAfterMinor, request.currency)));
            if (preview->couponRule)
                c.out.line(tr("It would earn the coupon \"%1\" (%2).")
                               .arg(preview->couponRule->name, money(preview->couponRule->amountMinor, request.currency)));
            return 0;
        }
        auto result = service.topUpMember(*memberId, request, c.actor, c.parser.value(u"reason"_s));
        if (!result)
            return fail(c, result.error());
        if (c.json) {
            QJsonArray coupons;
            for (const Coupon &k : result->coupons)
                coupons.append(couponJson(k));
            c.out.json(QJsonObject{{u"topUp"_s, topUpJson(result->topUp)},
                                   {u"balanceAfterMinor"_s, result->balanceAfterMinor},
                                   {u"refundableAfterMinor"_s, result->refundableAfterMinor},
                                   {u"coupons"_s, coupons}});
            return 0;
        }
        c.out.line(tr("Topped up member %1 by %2 (receipt %3); balance %4.")
                       .arg(*memberId)
                       .arg(money(request.amountMinor, request.currency), result->topUp.receipt,
                            money(result->balanceAfterMinor, request.currency)));
        for (const Coupon &k : result->coupons)
            c.out.line(tr("Issued coupon %1 (%2).").arg(k.code, money(k.amountMinor, request.currency)));
        return 0;
    }

    static int departmentList(CommandContext &c)
    {
        AccountService service(*c.db);
        auto rows = service.departments();
        if (!rows)
            return fail(c, rows.error());
        if (c.json) {
            QJsonArray array;
            for (const Department &d : *rows) {
                QJsonObject o = departmentJson(d);
                auto paying = service.payingDepartment(d.id);
                o.insert(u"payingDepartmentId"_s, paying ? QJsonValue(*paying) : QJsonValue());
                array.append(o);
            }
            c.out.json(array);
            return 0;
        }
        const QString cur = OptionValues::currency(c.parser);
        QList<QStringList> table;
        for (const Department &d : *rows)
            table.append({QString::number(d.id), d.name, d.parentId ? QString::number(*d.parentId) : QString(),
                          d.billToParent ? tr("yes") : tr("no"), money(d.balanceMinor, cur),
                          money(d.autoStopThresholdMinor, cur), QString::number(d.memberCount), QString::number(d.cardCount)});
        c.out.table({tr("Id"), tr("Name"), tr("Parent"), tr("Bills to parent"), tr("Pooled balance"), tr("Auto-stop at"),
                     tr("Members"), tr("Department cards")},
                    table);
        return 0;
    }

    static int ruleList(CommandContext &c)
    {
        auto rows = CouponService(*c.db).rules();
        if (!rows)
            return fail(c, rows.error());
        if (c.json) {
            QJsonArray array;
            for (const CouponRule &r : *rows)
                array.append(ruleJson(r));
            c.out.json(array);
            return 0;
        }
        const QString cur = OptionValues::currency(c.parser);
        QList<QStringList> table;
        for (const CouponRule &r : *rows) {
            const QString validity = r.validDays ? tr("%n day(s)", nullptr, *r.validDays)
                                                 : (r.validFromMs ? formatUtcMs(*r.validFromMs) : QString()) + u" – "_s
                                                       + (r.validToMs ? formatUtcMs(*r.validToMs) : QString());
            table.append({QString::number(r.id), r.name, AccountText::triggerName(r.trigger),
                          r.trigger == CouponTrigger::TopUp ? money(r.minTopUpMinor, cur)
                          : r.trigger == CouponTrigger::Spend ? money(r.minTotalSpendMinor, cur)
                                                              : QString(),
                          money(r.amountMinor, cur), money(r.minSpendMinor, cur), validity, r.active ? tr("yes") : tr("no")});
        }
        c.out.table({tr("Id"), tr("Name"), tr("Trigger"), tr("Earned from"), tr("Coupon"), tr("Min spend"), tr("Valid"),
                     tr("Active")},
                    table);
        return 0;
    }

    static int ruleCreate(CommandContext &c)
    {
        CouponRule r;
        const QString cur = OptionValues::currency(c.parser);
        r.name = c.parser.value(u"name"_s);
        const auto trigger = AccountText::triggerFromName(c.parser.value(u"trigger"_s));
        if (!trigger)
            return fail(c, Error{ExitCode::Usage, tr("--trigger must be topup, new_member or spend.")});
        r.trigger = *trigger;
        if (!c.parser.isSet(u"amount"_s))
            return fail(c, Error{ExitCode::Usage, tr("Say what the coupon is worth: --amount 10.00.")});
        auto value = OptionValues::amount(c.parser, u"amount"_s, cur);
        if (!value)
            return fail(c, value.error());
        r.amountMinor = *value;
        if (c.parser.isSet(u"min-topup"_s)) {
            auto minTopUp = OptionValues::amount(c.parser, u"min-topup"_s, cur);
            if (!minTopUp)
                return fail(c, minTopUp.error());
            r.minTopUpMinor = *minTopUp;
        }
        if (c.parser.isSet(u"min-total-spend"_s)) {
            auto minTotal = OptionValues::amount(c.parser, u"min-total-spend"_s, cur);
            if (!minTotal)
                return fail(c, minTotal.error());
            r.minTotalSpendMinor = *minTotal;
        }
        if (c.parser.isSet(u"min-spend"_s)) {
            auto minSpend = OptionValues::amount(c.parser, u"min-spend"_s, cur);
            if (!minSpend)
                return fail(c, minSpend.error());
            r.minSpendMinor = *minSpend;
        }
        for (auto [option, target] : {std::pair{u"department"_s, &r.departmentId}, std::pair{u"station-id"_s, &r.stationId}}) {
            auto value2 = OptionValues::id(c.parser, option);
            if (!value2)
                return fail(c, value2.error());
            *target = *value2;
        }
        if (c.parser.isSet(u"sub-operator"_s)) {  // its name or its id, as everywhere
            auto subOperator = storage::SiteRepository(*c.db).subOperatorId(c.parser.value(u"sub-operator"_s));
            if (!subOperator)
                return fail(c, subOperator.error());
            r.subOperatorId = *subOperator;
        }
        if (c.parser.isSet(u"valid-days"_s)) {
            auto days = OptionValues::positive(c.parser, u"valid-days"_s, 0);
            if (!days)
                return fail(c, days.error());
            r.validDays = *days;
        }
        auto from = OptionValues::timeMs(c.parser, u"from"_s);
        if (!from)
            return fail(c, from.error());
        r.validFromMs = *from;
        auto to = OptionValues::timeMs(c.parser, u"to"_s);
        if (!to)
            return fail(c, to.error());
        r.validToMs = *to;
        auto created = CouponService(*c.db).createRule(r, c.actor, c.parser.value(u"reason"_s));
        if (!created)
            return fail(c, created.error());
        if (c.json)
            c.out.json(ruleJson(*created));
        else
            c.out.line(tr("Created coupon rule %1.").arg(created->id));
        return 0;
    }

    static int couponList(CommandContext &c)
    {
        CouponFilter filter;
        auto member = OptionValues::id(c.parser, u"member"_s);
        if (!member)
            return fail(c, member.error());
        filter.memberId = *member;
        filter.status = c.parser.value(u"status"_s);
        if (!filter.status.isEmpty() && filter.status != u"issued" && filter.status != u"used" && filter.status != u"revoked")
            return fail(c, Error{ExitCode::Usage, tr("--status must be issued, used or revoked.")});
        auto last = OptionValues::positive(c.parser, u"last"_s, 1000);
        if (!last)
            return fail(c, last.error());
        filter.limit = *last;
        auto rows = CouponService(*c.db).coupons(filter);
        if (!rows)
            return fail(c, rows.error());
        if (c.json) {
            QJsonArray array;
            for (const Coupon &k : *rows)
                array.append(couponJson(k));
            c.out.json(array);
            return 0;
        }
        const QString cur = OptionValues::currency(c.parser);
        QList<QStringList> table;
        for (const Coupon &k : *rows)
            table.append({QString::number(k.id), k.code, k.name, k.memberName, money(k.amountMinor, cur),
                          money(k.minSpendMinor, cur), k.validToMs ? formatUtcMs(*k.validToMs) : QString(), k.status,
                          k.sourceTopUpId ? QString::number(*k.sourceTopUpId) : QString(),
                          k.earnedByBillId ? QString::number(*k.earnedByBillId) : QString()});
        c.out.table({tr("Id"), tr("Code"), tr("Name"), tr("Member"), tr("Amount"), tr("Min spend"), tr("Valid until (UTC)"),
                     tr("Status"), tr("Top-up"), tr("Earned by bill")},
                    table);
        return 0;
    }

    static int couponRevoke(CommandContext &c)
    {
        auto couponId = OptionValues::argumentId(c.args, tr("Give the coupon's id."));
        if (!couponId)
            return fail(c, couponId.error());
        auto revoked = CouponService(*c.db).revoke(*couponId, c.actor, c.parser.value(u"reason"_s));
        if (!revoked)
            return fail(c, revoked.error());
        if (c.json)
            c.out.json(couponJson(*revoked));
        else
            c.out.line(tr("Revoked coupon %1.").arg(revoked->code));
        return 0;
    }
};

}  // namespace

QList<Command> accountCommands()
{
    using A = AccountCommands;
    return {
        {{u"account"_s, u"member"_s, u"list"_s}, u"[--search TEXT] [--department ID] [--last N] [--json]"_s,
         A::tr("List members with their balances."), true, &A::memberList},
        {{u"account"_s, u"member"_s, u"show"_s}, u"<id> [--json]"_s,
         A::tr("Show a member with cards, top-ups and coupons."), true, &A::memberShow},
        {{u"account"_s, u"member"_s, u"create"_s},
         u"--name NAME [--phone P] [--email E] [--department ID] [--threshold AMOUNT]"_s,
         A::tr("Create a member (issues the new-member coupons; audited)."), true, &A::memberCreate},
        {{u"account"_s, u"member"_s, u"update"_s},
         u"<id> [--name NAME] [--phone P] [--email E] [--department ID|none] [--threshold AMOUNT] [--reason TEXT]"_s,
         A::tr("Change a member's name, phone, e-mail, department or auto-stop threshold (audited)."), true,
         &A::memberUpdate},
        {{u"account"_s, u"member"_s, u"topup"_s}, u"<id> --amount A [--currency C] [--receipt R] [--dry-run]"_s,
         A::tr("Top up a member's balance (cash at the desk; issues the coupon it earns; audited)."), true,
         &A::memberTopUp},
        {{u"account"_s, u"department"_s, u"list"_s}, u"[--json]"_s,
         A::tr("List departments with pooled balances and who pays."), true, &A::departmentList},
        {{u"coupon"_s, u"rule"_s, u"list"_s}, u"[--json]"_s, A::tr("List coupon rules."), true, &A::ruleList},
        {{u"coupon"_s, u"rule"_s, u"create"_s},
         u"--name N --trigger topup|new_member|spend --amount A [--min-topup A] [--min-total-spend A] [--min-spend A] "
         "[--department ID] [--sub-operator ID] [--station-id ID] (--valid-days N | [--from ISO] --to ISO)"_s,
         A::tr("Create a coupon rule (audited)."), true, &A::ruleCreate},
        {{u"coupon"_s, u"list"_s}, u"[--member ID] [--status issued|used|revoked] [--last N] [--json]"_s,
         A::tr("List issued coupons, newest first."), true, &A::couponList},
        {{u"coupon"_s, u"revoke"_s}, u"<id> --reason TEXT"_s, A::tr("Revoke a coupon not used yet (audited)."), true,
         &A::couponRevoke},
    };
}

}  // namespace cd::cli
