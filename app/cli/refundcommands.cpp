#include "app/cli/refundcommands.h"

#include "app/cli/optionvalues.h"

#include "core/common/timeformat.h"
#include "core/payments/moneytext.h"
#include "core/payments/paymentgateway.h"
#include "core/payments/paymentsettings.h"
#include "core/payments/secretstore.h"
#include "core/refunds/refundservice.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QSettings>
#include <QTimer>

namespace cd::cli {

namespace {

using namespace refunds;
using namespace Qt::StringLiterals;

QJsonValue optional(const std::optional<qint64> &value)
{
    return value ? QJsonValue(value.value()) : QJsonValue();
}

QJsonObject applicationJson(const RefundApplication &a)
{
    return QJsonObject{{u"id"_s, a.id},
                       {u"memberId"_s, a.memberId},
                       {u"memberName"_s, a.memberName},
                       {u"amountMinor"_s, a.amountMinor},
                       {u"commissionMinor"_s, a.commissionMinor},
                       {u"refundedMinor"_s, a.refundedMinor},
                       {u"currency"_s, a.currency},
                       {u"reason"_s, a.reason},
                       {u"status"_s, statusName(a.status)},
                       {u"progress"_s, progressName(a.progress)},
                       {u"revokeCoupons"_s, a.revokeCoupons},
                       {u"appliedMs"_s, a.appliedMs},
                       {u"decidedMs"_s, optional(a.decidedMs)},
                       {u"decidedBy"_s, a.decidedBy}};
}

QJsonObject recordJson(const RefundGatewayRecord &r)
{
    return QJsonObject{{u"id"_s, r.id},
                       {u"topUpId"_s, optional(r.topUpId)},
                       {u"gateway"_s, r.gateway},
                       {u"gatewayReceipt"_s, r.gatewayReceipt},
                       {u"atDesk"_s, r.atDesk()},
                       {u"originalTotalMinor"_s, r.originalTotalMinor},
                       {u"amountMinor"_s, r.amountMinor},
                       {u"ourRefundNo"_s, r.ourRefundNo},
                       {u"gatewayRefundNo"_s, r.gatewayRefundNo},
                       {u"status"_s, recordStatusName(r.status)},
                       {u"errorCode"_s, r.errorCode},
                       {u"error"_s, r.error},
                       {u"createdMs"_s, r.createdMs},
                       {u"updatedMs"_s, r.updatedMs}};
}

QJsonObject detailJson(const RefundDetail &d)
{
    QJsonObject o = applicationJson(d.application);
    QJsonArray audit;
    for (const RefundAuditEntry &e : d.audit) {
        audit.append(QJsonObject{{u"atMs"_s, e.atMs},
                                 {u"operator"_s, e.operatorName},
                                 {u"decision"_s, e.decision},
                                 {u"from"_s, e.fromState},
                                 {u"to"_s, e.toState},
                                 {u"reason"_s, e.reason}});
    }
    QJsonArray records;
    for (const RefundGatewayRecord &r : d.records)
        records.append(recordJson(r));
    QJsonArray coupons;
    for (const RefundCoupon &c : d.coupons) {
        coupons.append(QJsonObject{{u"id"_s, c.id},
                                   {u"code"_s, c.code},
                                   {u"amountMinor"_s, c.amountMinor},
                                   {u"topUpId"_s, c.topUpId},
                                   {u"status"_s, c.status}});
    }
    o.insert(u"audit"_s, audit);
    o.insert(u"records"_s, records);
    o.insert(u"coupons"_s, coupons);
    o.insert(u"member"_s, QJsonObject{{u"balanceMinor"_s, d.balanceMinor},
                                      {u"refundableMinor"_s, d.refundableMinor},
                                      {u"pendingRefundMinor"_s, d.pendingRefundMinor}});
    return o;
}

class RefundCommands {
    Q_DECLARE_TR_FUNCTIONS(cd::cli::RefundCommands)
public:
    static int apply(CommandContext &c)
    {
        if (!c.args.isEmpty())
            return usage(c, u"apply"_s);
        auto member = OptionValues::id(c.parser, u"member"_s);
        if (!member)
            return fail(c, member.error());
        if (!*member)
            return fail(c, Error{ExitCode::Usage, tr("Say whose refund it is: --member ID.")});
        RefundRequest r;
        r.memberId = **member;
        r.currency = OptionValues::currency(c.parser);
        if (!c.parser.isSet(u"amount"_s))
            return fail(c, Error{ExitCode::Usage, tr("Say how much: --amount 100.00.")});
        auto minor = OptionValues::amount(c.parser, u"amount"_s, r.currency);
        if (!minor)
            return fail(c, minor.error());
        r.amountMinor = *minor;
        r.reason = c.parser.value(u"reason"_s);
        r.revokeCoupons = !c.parser.isSet(u"keep-coupons"_s);
        RefundService service(*c.db, nullptr);
        auto a = service.apply(r, c.actor);
        if (!a)
            return fail(c, a.error());
        if (c.json) {
            c.out.json(applicationJson(*a));
            return 0;
        }
        c.out.line(tr("Refund application %1: %2 moved from member %3's balance to the pending refund, waiting for the "
                      "audit.")
                       .arg(a->id)
                       .arg(money(a->amountMinor, a->currency))
                       .arg(a->memberId));
        return 0;
    }

    static int list(CommandContext &c)
    {
        RefundFilter filter;
        if (c.parser.isSet(u"status"_s)) {
            const auto status = statusFromName(c.parser.value(u"status"_s).trimmed());
            if (!status)
                return fail(c, Error{ExitCode::Usage, tr("--status must be pending, approved or rejected.")});
            filter.status = *status;
        }
        auto member = OptionValues::id(c.parser, u"member"_s);
        if (!member)
            return fail(c, member.error());
        filter.memberId = *member;
        auto before = OptionValues::id(c.parser, u"before"_s);
        if (!before)
            return fail(c, before.error());
        filter.beforeId = *before;
        auto last = OptionValues::positive(c.parser, u"last"_s, 200);
        if (!last)
            return fail(c, last.error());
        filter.limit = *last;
        auto rows = RefundService(*c.db, nullptr).list(filter);
        if (!rows)
            return fail(c, rows.error());
        if (c.json) {
            QJsonArray array;
            for (const RefundApplication &a : *rows)
                array.append(applicationJson(a));
            c.out.json(array);
            return 0;
        }
        QList<QStringList> table;
        for (const RefundApplication &a : *rows) {
            table.append({QString::number(a.id), formatUtcMs(a.appliedMs), a.memberName, money(a.amountMinor, a.currency),
                          money(a.commissionMinor, a.currency), money(a.refundedMinor, a.currency),
                          RefundText::statusTitle(a.status), RefundText::progressTitle(a.progress)});
        }
        c.out.table({tr("Id"), tr("Applied at"), tr("Member"), tr("Amount"), tr("Commission"), tr("Refunded amount"), tr("Status"),
                      tr("Progress")},
                     table);
        return 0;
    }

    static int approve(CommandContext &c)
    {
        auto id = argumentId(c, u"approve"_s);
        if (!id)
            return fail(c, id.error());
        auto gateway = makeGateway(c);
        RefundService service(*c.db, gateway.get());
        auto current = service.show(*id);
        if (!current)
            return fail(c, current.error());
        qint64 commission = 0;
        if (c.parser.isSet(u"commission"_s)) {
            auto minor = OptionValues::amount(c.parser, u"commission"_s, current->application.currency);
            if (!minor)
                return fail(c, minor.error());
            commission = *minor;
        }
        auto approved = service.approve(*id, commission, c.actor, c.parser.value(u"reason"_s));
        if (!approved)
            return fail(c, approved.error());
        return waitAndShow(c, service, *id, approved->returnedMinor);
    }

    static int reject(CommandContext &c)
    {
        auto id = argumentId(c, u"reject"_s);
        if (!id)
            return fail(c, id.error());
        RefundService service(*c.db, nullptr);
        auto rejected = service.reject(*id, c.actor, c.parser.value(u"reason"_s));
        if (!rejected)
            return fail(c, rejected.error());
        if (c.json)
            return printDetail(c, service, *id);
        c.out.line(tr("Refund application %1 rejected: %2 went back to member %3's balance.")
                       .arg(rejected->id)
                       .arg(money(rejected->amountMinor, rejected->currency))
                       .arg(rejected->memberId));
        return 0;
    }

    static int show(CommandContext &c)
    {
        auto id = argumentId(c, u"show"_s);
        if (!id)
            return fail(c, id.error());
        RefundService service(*c.db, nullptr);
        return printDetail(c, service, *id);
    }

    static int confirm(CommandContext &c)
    {
        auto id = argumentId(c, u"confirm"_s);
        if (!id)
            return fail(c, id.error());
        RefundService service(*c.db, nullptr);
        auto a = service.confirmDesk(*id, !c.parser.isSet(u"not-paid"_s), c.parser.value(u"receipt"_s), c.actor,
                                     c.parser.value(u"reason"_s));
        if (!a)
            return fail(c, a.error());
        return printDetail(c, service, a->id);
    }

    static int retry(CommandContext &c)
    {
        auto id = argumentId(c, u"retry"_s);
        if (!id)
            return fail(c, id.error());
        auto gateway = makeGateway(c);
        RefundService service(*c.db, gateway.get());
        auto sent = service.resend(*id);
        if (!sent)
            return fail(c, sent.error());
        return waitAndShow(c, service, *id, 0);
    }

private:
    static int usage(CommandContext &c, const QString &verb)
    {
        return fail(c, Error{ExitCode::Usage, tr("Usage: chargedesk-cli refund %1 …; see chargedesk-cli --help.").arg(verb)});
    }

    static QString money(qint64 minor, const QString &currencyCode) { return payments::moneyText(minor, currencyCode); }

    static Expected<qint64> argumentId(CommandContext &c, const QString &verb)
    {
        return OptionValues::argumentId(
            c.args, tr("Usage: chargedesk-cli refund %1 <id> …; see chargedesk-cli --help.").arg(verb));
    }

    // The gateway of Settings › Payments (the HTTP one with its key from the keychain).
    static std::unique_ptr<payments::PaymentGateway> makeGateway(CommandContext &c)
    {
        const QSettings settings;
        const payments::PaymentSettings paymentSettings = payments::PaymentSettings::load(settings);
        QString secret;
        if (paymentSettings.gateway == payments::PaymentSettings::Gateway::Http) {
            payments::KeychainSecretStore store;
            QEventLoop loop;
            store.read(payments::PaymentSettings::secretName(paymentSettings.baseUrl), [&](const Expected<QString> &read) {
                if (read)
                    secret = *read;
                loop.quit();
            });
            QTimer::singleShot(30000, &loop, &QEventLoop::quit);
            loop.exec();
        }
        return payments::createGateway(paymentSettings, secret, *c.db);
    }

    // Waits (a CLI may) for the gateway's answers, up to --timeout seconds, then shows the result.
    static int waitAndShow(CommandContext &c, RefundService &service, qint64 id, qint64 returnedMinor)
    {
        if (service.inFlightCount() > 0) {
            bool ok = false;
            int seconds = c.parser.value(u"timeout"_s).toInt(&ok);
            if (!ok || seconds <= 0)
                seconds = 90;
            QEventLoop loop;
            QObject::connect(&service, &RefundService::recordAnswered, &loop, [&] {
                if (service.inFlightCount() == 0)
                    loop.quit();
            });
            QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
            loop.exec();
        }
        auto d = service.show(id);
        if (!d)
            return fail(c, d.error());
        if (c.json) {
            c.out.json(detailJson(*d));
            return 0;
        }
        const RefundApplication &a = d->application;
        c.out.line(tr("Refund application %1: %2, %3; refunded %4 of %5 (commission %6).")
                       .arg(a.id)
                       .arg(RefundText::statusTitle(a.status), RefundText::progressTitle(a.progress),
                            money(a.refundedMinor, a.currency), money(a.amountMinor - a.commissionMinor, a.currency),
                            money(a.commissionMinor, a.currency)));
        if (returnedMinor > 0)
            c.out.line(tr("%1 could not be refunded through any top-up and went back to the member's refundable balance.")
                           .arg(money(returnedMinor, a.currency)));
        for (const RefundGatewayRecord &r : d->records) {
            if (r.status == RecordStatus::InProgress && r.atDesk())
                c.out.line(tr("Pay %1 back in cash at the desk, then: chargedesk-cli refund confirm %2 --reason TEXT")
                               .arg(money(r.amountMinor, a.currency))
                               .arg(r.id));
            else if (r.status == RecordStatus::InProgress)
                c.out.line(tr("Record %1 (%2) has no answer from the gateway yet: chargedesk-cli refund retry %3")
                               .arg(r.id)
                               .arg(r.ourRefundNo)
                               .arg(a.id));
        }
        return 0;
    }

    static int printDetail(CommandContext &c, RefundService &service, qint64 id)
    {
        auto d = service.show(id);
        if (!d)
            return fail(c, d.error());
        if (c.json) {
            c.out.json(detailJson(*d));
            return 0;
        }
        const RefundApplication &a = d->application;
        c.out.record({{tr("Refund application"), QString::number(a.id)},
                      {tr("Member"), u"%1 (%2)"_s.arg(a.memberName).arg(a.memberId)},
                      {tr("Amount"), money(a.amountMinor, a.currency)},
                      {tr("Commission"), money(a.commissionMinor, a.currency)},
                      {tr("Refunded amount"), money(a.refundedMinor, a.currency)},
                      {tr("Status"), RefundText::statusTitle(a.status)},
                      {tr("Progress"), RefundText::progressTitle(a.progress)},
                      {tr("Reason"), a.reason},
                      {tr("Revoke coupons"), a.revokeCoupons ? tr("yes") : tr("no")},
                      {tr("Member's balance"), money(d->balanceMinor, a.currency)},
                      {tr("Refundable"), money(d->refundableMinor, a.currency)},
                      {tr("Pending refund"), money(d->pendingRefundMinor, a.currency)}});
        if (!d->records.isEmpty()) {
            QList<QStringList> rows;
            for (const RefundGatewayRecord &r : d->records) {
                rows.append({QString::number(r.id), r.atDesk() ? tr("desk (cash)") : r.gateway,
                             r.topUpId ? QString::number(*r.topUpId) : QString(), money(r.originalTotalMinor, a.currency),
                             money(r.amountMinor, a.currency), r.ourRefundNo, r.gatewayRefundNo,
                             RefundText::recordStatusTitle(r.status)});
            }
            c.out.line(QString());
            c.out.table({tr("Record"), tr("Gateway"), tr("Top-up"), tr("Top-up total"), tr("Amount"), tr("Our refund no."),
                          tr("Gateway refund no."), tr("Status")},
                         rows);
        }
        QList<QStringList> history;
        for (const RefundAuditEntry &e : d->audit)
            history.append({formatUtcMs(e.atMs), e.operatorName, RefundText::decisionTitle(e.decision), e.fromState, e.toState,
                             e.reason});
        c.out.line(QString());
        c.out.table({tr("When (UTC)"), tr("Operator"), tr("Decision"), tr("From"), tr("To"), tr("Reason")}, history);
        return 0;
    }
};

}  // namespace

QList<Command> refundCommands()
{
    using R = RefundCommands;
    return {
        {{u"refund"_s, u"apply"_s}, u"--member ID --amount A --reason TEXT [--keep-coupons] [--currency C] [--json]"_s,
         R::tr("Apply for a member's refund: the amount moves to the pending refund (audited)."), true, &R::apply},
        {{u"refund"_s, u"list"_s}, u"[--status pending|approved|rejected] [--member ID] [--last N] [--before ID] [--json]"_s,
         R::tr("List refund applications, newest first."), true, &R::list},
        {{u"refund"_s, u"approve"_s}, u"<id> [--commission A] --reason TEXT [--timeout S] [--json]"_s,
         R::tr("Approve a refund and refund the top-ups through the payment gateway or at the desk (audited)."), true,
         &R::approve},
        {{u"refund"_s, u"reject"_s}, u"<id> --reason TEXT [--json]"_s,
         R::tr("Reject a refund: the amount goes back to the member (audited)."), true, &R::reject},
        {{u"refund"_s, u"show"_s}, u"<id> [--json]"_s, R::tr("Show a refund with its audit history and gateway records."),
         true, &R::show},
        {{u"refund"_s, u"confirm"_s}, u"<record id> --reason TEXT [--receipt R] [--not-paid] [--json]"_s,
         R::tr("Confirm a cash refund at the desk (or that it was not paid; audited)."), true, &R::confirm},
        {{u"refund"_s, u"retry"_s}, u"<id> [--timeout S] [--json]"_s,
         R::tr("Send a refund's gateway records that got no answer again, with the same key."), true, &R::retry},
    };
}

}  // namespace cd::cli
