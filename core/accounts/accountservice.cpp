#include "core/accounts/accountservice.h"

#include "core/access/accessguard.h"
#include "core/accounts/accountaudit.h"
#include "core/accounts/accountrepository.h"
#include "core/accounts/couponissuer.h"
#include "core/accounts/couponrepository.h"
#include "core/charging/idtagadmin.h"
#include "core/payments/moneytext.h"
#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QRegularExpression>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;
using json = nlohmann::json;

namespace cd::accounts {

namespace {

constexpr qint64 kMaxAmountMinor = 100'000'000'000LL;  // a billion in major units: a typo, not a top-up

std::string s(const QString &text)
{
    return text.toStdString();
}

QString dump(const json &j)
{
    return QString::fromStdString(j.dump());
}

json memberJson(const Member &m)
{
    return {{"name", s(m.name)},
            {"phone", s(m.phone)},
            {"email", s(m.email)},
            {"departmentId", m.departmentId ? json(*m.departmentId) : json(nullptr)},
            {"balanceMinor", m.balanceMinor},
            {"refundableMinor", m.refundableMinor},
            {"autoStopThresholdMinor", m.autoStopThresholdMinor}};
}

json departmentJson(const Department &d)
{
    return {{"name", s(d.name)},
            {"parentId", d.parentId ? json(*d.parentId) : json(nullptr)},
            {"billToParent", d.billToParent},
            {"balanceMinor", d.balanceMinor},
            {"autoStopThresholdMinor", d.autoStopThresholdMinor}};
}

json couponsJson(const QList<Coupon> &coupons)
{
    json out = json::array();
    for (const Coupon &c : coupons)
        out.push_back({{"id", c.id}, {"code", s(c.code)}, {"amountMinor", c.amountMinor}, {"ruleId", c.ruleId ? json(*c.ruleId) : json(nullptr)}});
    return out;
}

}  // namespace

AccountService::AccountService(const storage::Database &db, const Clock &clock) : m_db(db), m_clock(clock) {}

Expected<QList<Member>> AccountService::members(const MemberFilter &filter) const
{
    return AccountRepository(m_db).members(filter);
}

Expected<MemberDetail> AccountService::memberDetail(qint64 memberId) const
{
    AccountRepository repo(m_db);
    auto found = repo.member(memberId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Usage, tr("There is no member %1.").arg(memberId)};
    MemberDetail out;
    out.member = **found;
    if (out.member.departmentId) {
        auto d = repo.department(*out.member.departmentId);
        if (!d)
            return d.error();
        if (d->has_value())
            out.departmentName = (*d)->name;
    }
    storage::IdTagFilter cards;
    cards.memberId = memberId;
    auto tags = storage::IdTagRepository(m_db).list(cards);
    if (!tags)
        return tags.error();
    out.cards = *tags;
    auto topUps = repo.topUpsOfMember(memberId);
    if (!topUps)
        return topUps.error();
    out.topUps = *topUps;
    CouponFilter coupons;
    coupons.memberId = memberId;
    auto issued = CouponRepository(m_db).coupons(coupons);
    if (!issued)
        return issued.error();
    out.coupons = *issued;
    return out;
}

Expected<QList<Department>> AccountService::departments() const
{
    return AccountRepository(m_db).departments();
}

Expected<qint64> AccountService::payingDepartment(qint64 departmentId) const
{
    AccountRepository repo(m_db);
    QList<qint64> seen;
    qint64 current = departmentId;
    for (;;) {
        if (seen.contains(current))
            return Error{ExitCode::Failure, tr("Department %1 bills to a parent that bills back to it.").arg(departmentId)};
        seen.append(current);
        auto d = repo.department(current);
        if (!d)
            return d.error();
        if (!d->has_value())
            return Error{ExitCode::Usage, tr("There is no department %1.").arg(current)};
        if (!(*d)->billToParent || !(*d)->parentId)
            return current;
        current = *(*d)->parentId;
    }
}

Expected<QList<qint64>> AccountService::departmentChain(std::optional<qint64> departmentId) const
{
    return AccountRepository(m_db).departmentChain(departmentId);
}

Expected<DepartmentDetail> AccountService::departmentDetail(qint64 departmentId) const
{
    AccountRepository repo(m_db);
    auto found = repo.department(departmentId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Usage, tr("There is no department %1.").arg(departmentId)};
    DepartmentDetail out;
    out.department = **found;
    if (out.department.parentId) {
        auto parent = repo.department(*out.department.parentId);
        if (!parent)
            return parent.error();
        if (parent->has_value())
            out.parentName = (*parent)->name;
    }
    auto paying = payingDepartment(departmentId);
    if (!paying)
        return paying.error();
    out.payingDepartmentId = *paying;
    out.payingDepartmentName = out.department.name;
    if (*paying != departmentId) {
        auto payer = repo.department(*paying);
        if (!payer)
            return payer.error();
        if (payer->has_value())
            out.payingDepartmentName = (*payer)->name;
    }
    storage::IdTagFilter cards;
    cards.departmentId = departmentId;
    auto tags = storage::IdTagRepository(m_db).list(cards);
    if (!tags)
        return tags.error();
    for (const storage::IdTag &t : *tags) {
        if (t.kind == u"department")
            out.cards.append(t);
    }
    auto topUps = repo.topUpsOfDepartment(departmentId);
    if (!topUps)
        return topUps.error();
    out.topUps = *topUps;
    return out;
}

QStringList AccountService::validate(const NewMember &m)
{
    QStringList problems;
    const QString name = m.name.trimmed();
    const QString phone = m.phone.trimmed();
    if (name.isEmpty() && phone.isEmpty())
        problems << tr("Enter the member's name or phone number.");
    if (name.size() > 200)
        problems << tr("The name is too long (200 characters at most).");
    static const QRegularExpression phonePattern(u"^\\+?[0-9][0-9 ()\\-]{4,24}$"_s);
    if (!phone.isEmpty() && !phonePattern.match(phone).hasMatch())
        problems << tr("\"%1\" is not a phone number: digits, spaces and dashes, optionally starting with +.").arg(phone.left(40));
    const QString email = m.email.trimmed();
    static const QRegularExpression emailPattern(u"^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"_s);
    if (!email.isEmpty() && (email.size() > 254 || !emailPattern.match(email).hasMatch()))
        problems << tr("\"%1\" is not an e-mail address.").arg(email.left(60));
    if (m.autoStopThresholdMinor < 0 || m.autoStopThresholdMinor > kMaxAmountMinor)
        problems << tr("The auto-stop threshold cannot be negative.");
    return problems;
}

QStringList AccountService::validate(const TopUpRequest &r)
{
    QStringList problems;
    if (r.amountMinor <= 0)
        problems << tr("A top-up must be more than zero.");
    else if (r.amountMinor > kMaxAmountMinor)
        problems << tr("The amount is too large for a top-up.");
    static const QRegularExpression currencyPattern(u"^[A-Z]{3}$"_s);
    if (!currencyPattern.match(r.currency).hasMatch())
        problems << tr("The currency must be a three-letter ISO 4217 code, e.g. UAH.");
    static const QRegularExpression gatewayPattern(u"^[a-z][a-z0-9_]{0,31}$"_s);
    if (!gatewayPattern.match(r.gateway).hasMatch())
        problems << tr("\"%1\" is not a payment gateway name.").arg(r.gateway.left(40));
    if (r.receipt.size() > 200)
        problems << tr("The receipt number is too long (200 characters at most).");
    return problems;
}

QStringList AccountService::validate(const NewDepartment &d)
{
    QStringList problems;
    if (d.name.trimmed().isEmpty())
        problems << tr("Enter the department's name.");
    if (d.name.trimmed().size() > 200)
        problems << tr("The name is too long (200 characters at most).");
    if (d.billToParent && !d.parentId)
        problems << tr("Only a department with a parent can bill to its parent.");
    if (d.autoStopThresholdMinor < 0 || d.autoStopThresholdMinor > kMaxAmountMinor)
        problems << tr("The auto-stop threshold cannot be negative.");
    return problems;
}

Expected<MemberCreated> AccountService::createMember(const NewMember &input, const access::Actor &who, const QString &reason)
{
    const QString actor = who.name();
    if (Status allowed = access::AccessGuard(m_db).require(who, access::Permission::AccountsEdit); !allowed)
        return allowed.error();
    if (actor.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("Say who makes the change.")};
    if (const QStringList problems = validate(input); !problems.isEmpty())
        return Error{ExitCode::Usage, problems.join(u' ')};
    storage::Transaction transaction(m_db.connection());
    if (Status st = transaction.begin(); !st)
        return st.error();
    AccountRepository repo(m_db);
    if (input.departmentId) {
        auto d = repo.department(*input.departmentId);
        if (!d)
            return d.error();
        if (!d->has_value())
            return Error{ExitCode::Usage, tr("There is no department %1.").arg(*input.departmentId)};
    }
    const qint64 now = m_clock.nowMs();
    Member m;
    m.name = input.name.trimmed();
    m.phone = input.phone.trimmed();
    m.email = input.email.trimmed();
    m.departmentId = input.departmentId;
    m.autoStopThresholdMinor = input.autoStopThresholdMinor;
    m.createdMs = now;
    auto id = repo.insertMember(m);
    if (!id)
        return id.error();
    m.id = *id;
    auto coupons = CouponIssuer(m_db).issueForNewMember(m, now);
    if (!coupons)
        return coupons.error();
    json after = memberJson(m);
    after["coupons"] = couponsJson(*coupons);
    if (Status st = appendAccountAudit(m_db, m_clock, actor, u"member.create"_s, u"member"_s, m.id, reason, {}, dump(after)); !st)
        return st.error();
    if (Status st = transaction.commit(); !st)
        return st.error();
    return MemberCreated{m, *coupons};
}

Expected<TopUpPreview> AccountService::previewMemberTopUp(qint64 memberId, qint64 amountMinor) const
{
    auto found = AccountRepository(m_db).member(memberId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Usage, tr("There is no member %1.").arg(memberId)};
    const Member &m = **found;
    TopUpPreview p;
    p.balanceBeforeMinor = m.balanceMinor;
    p.balanceAfterMinor = m.balanceMinor + amountMinor;
    p.refundableBeforeMinor = m.refundableMinor;
    p.refundableAfterMinor = m.refundableMinor + amountMinor;
    auto rule = CouponIssuer(m_db).ruleForTopUp(m, amountMinor, m_clock.nowMs());
    if (!rule)
        return rule.error();
    p.couponRule = *rule;
    return p;
}

Expected<TopUpResult> AccountService::topUpMember(qint64 memberId, const TopUpRequest &request, const access::Actor &who,
                                                  const QString &reason)
{
    const QString actor = who.name();
    if (Status allowed = access::AccessGuard(m_db).require(who, access::Permission::AccountsTopUp); !allowed)
        return allowed.error();
    if (actor.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("Say who makes the change.")};
    if (const QStringList problems = validate(request); !problems.isEmpty())
        return Error{ExitCode::Usage, problems.join(u' ')};
    storage::Transaction transaction(m_db.connection());
    if (Status st = transaction.begin(); !st)
        return st.error();
    AccountRepository repo(m_db);
    auto found = repo.member(memberId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Usage, tr("There is no member %1.").arg(memberId)};
    const Member before = **found;
    const qint64 now = m_clock.nowMs();
    TopUp topUp;
    topUp.memberId = memberId;
    topUp.amountMinor = request.amountMinor;
    topUp.currency = request.currency;
    topUp.gateway = request.gateway;
    topUp.receipt = request.receipt.trimmed();
    topUp.createdBy = actor;
    topUp.createdMs = now;
    auto id = repo.insertTopUp(topUp);
    if (!id)
        return id.error();
    topUp.id = *id;
    if (topUp.receipt.isEmpty()) {
        // The desk's own receipt number, so every top-up can be matched one by one.
        topUp.receipt = u"desk-%1"_s.arg(topUp.id);
        if (auto st = storage::Sql::run(m_db.connection(), u"UPDATE topups SET gateway_receipt = ? WHERE id = ?"_s,
                                        {topUp.receipt, topUp.id});
            !st)
            return st.error();
    }
    if (Status st = repo.addToMember(memberId, request.amountMinor, request.amountMinor); !st)
        return st.error();
    auto coupons = CouponIssuer(m_db).issueForTopUp(before, topUp, now);
    if (!coupons)
        return coupons.error();
    auto afterRow = repo.member(memberId);
    if (!afterRow)
        return afterRow.error();
    const Member after = afterRow->value_or(before);
    json afterJson = memberJson(after);
    afterJson["topUp"] = {{"id", topUp.id},
                          {"amountMinor", topUp.amountMinor},
                          {"currency", s(topUp.currency)},
                          {"gateway", s(topUp.gateway)},
                          {"receipt", s(topUp.receipt)}};
    afterJson["coupons"] = couponsJson(*coupons);
    if (Status st = appendAccountAudit(m_db, m_clock, actor, u"member.topup"_s, u"member"_s, memberId, reason, dump(memberJson(before)),
                          dump(afterJson));
        !st)
        return st.error();
    if (Status st = transaction.commit(); !st)
        return st.error();
    return TopUpResult{topUp, after.balanceMinor, after.refundableMinor, *coupons};
}

Expected<Member> AccountService::setMemberThreshold(qint64 memberId, qint64 thresholdMinor, const access::Actor &who,
                                                   const QString &reason)
{
    const QString actor = who.name();
    if (Status allowed = access::AccessGuard(m_db).require(who, access::Permission::AccountsEdit); !allowed)
        return allowed.error();
    if (thresholdMinor < 0 || thresholdMinor > kMaxAmountMinor)
        return Error{ExitCode::Usage, tr("The auto-stop threshold cannot be negative.")};
    return changeMember(memberId, u"member.threshold"_s, actor, reason, [thresholdMinor](Member &m) {
        m.autoStopThresholdMinor = thresholdMinor;
        return Status{};
    });
}

Expected<Member> AccountService::updateMember(qint64 memberId, const NewMember &details, const access::Actor &who,
                                             const QString &reason)
{
    const QString actor = who.name();
    if (Status allowed = access::AccessGuard(m_db).require(who, access::Permission::AccountsEdit); !allowed)
        return allowed.error();
    if (const QStringList problems = validate(details); !problems.isEmpty())
        return Error{ExitCode::Usage, problems.join(u' ')};
    return changeMember(memberId, u"member.update"_s, actor, reason, [this, &details](Member &m) -> Status {
        if (details.departmentId && details.departmentId != m.departmentId) {
            auto d = AccountRepository(m_db).department(*details.departmentId);
            if (!d)
                return d.error();
            if (!d->has_value())
                return Error{ExitCode::Usage, tr("There is no department %1.").arg(*details.departmentId)};
        }
        m.name = details.name.trimmed();
        m.phone = details.phone.trimmed();
        m.email = details.email.trimmed();
        m.departmentId = details.departmentId;
        m.autoStopThresholdMinor = details.autoStopThresholdMinor;
        return Status{};
    });
}

Expected<Member> AccountService::changeMember(qint64 memberId, const QString &action, const QString &actor,
                                             const QString &reason, const std::function<Status(Member &)> &change)
{
    if (actor.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("Say who makes the change.")};
    storage::Transaction transaction(m_db.connection());
    if (Status st = transaction.begin(); !st)
        return st.error();
    AccountRepository repo(m_db);
    auto found = repo.member(memberId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Usage, tr("There is no member %1.").arg(memberId)};
    const Member before = **found;
    Member after = before;
    if (Status st = change(after); !st)
        return st.error();
    if (Status st = repo.updateMemberDetails(after); !st)
        return st.error();
    if (Status st = appendAccountAudit(m_db, m_clock, actor, action, u"member"_s, memberId, reason,
                                       dump(memberJson(before)), dump(memberJson(after)));
        !st)
        return st.error();
    if (Status st = transaction.commit(); !st)
        return st.error();
    return after;
}

Expected<storage::IdTag> AccountService::addCard(storage::IdTag tag, const QString &actor, const QString &reason)
{
    if (actor.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("Say who makes the change.")};
    // The caller checked Permission::AccountsEdit: a member's card needs no IdTagsEdit as well.
    auto id = charging::IdTagAdmin(m_db, access::Actor::system(actor), m_clock).add(tag, reason);
    if (!id)
        return id.error();
    tag.id = *id;
    auto stored = storage::IdTagRepository(m_db).find(tag.idTag);
    if (!stored)
        return stored.error();
    return stored->value_or(tag);
}

Expected<storage::IdTag> AccountService::addMemberCard(qint64 memberId, const QString &idTag, const access::Actor &who,
                                                       const QString &reason)
{
    const QString actor = who.name();
    if (Status allowed = access::AccessGuard(m_db).require(who, access::Permission::AccountsEdit); !allowed)
        return allowed.error();
    auto found = AccountRepository(m_db).member(memberId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Usage, tr("There is no member %1.").arg(memberId)};
    storage::IdTag tag;
    tag.idTag = idTag.trimmed();
    tag.kind = u"card"_s;
    tag.memberId = memberId;
    return addCard(tag, actor, reason);
}

Expected<Department> AccountService::createDepartment(const NewDepartment &input, const access::Actor &who,
                                                      const QString &reason)
{
    const QString actor = who.name();
    if (Status allowed = access::AccessGuard(m_db).require(who, access::Permission::AccountsEdit); !allowed)
        return allowed.error();
    if (actor.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("Say who makes the change.")};
    if (const QStringList problems = validate(input); !problems.isEmpty())
        return Error{ExitCode::Usage, problems.join(u' ')};
    storage::Transaction transaction(m_db.connection());
    if (Status st = transaction.begin(); !st)
        return st.error();
    AccountRepository repo(m_db);
    if (input.parentId) {
        auto parent = repo.department(*input.parentId);
        if (!parent)
            return parent.error();
        if (!parent->has_value())
            return Error{ExitCode::Usage, tr("There is no department %1.").arg(*input.parentId)};
    }
    Department d;
    d.name = input.name.trimmed();
    d.parentId = input.parentId;
    d.billToParent = input.billToParent;
    d.autoStopThresholdMinor = input.autoStopThresholdMinor;
    d.createdMs = m_clock.nowMs();
    auto id = repo.insertDepartment(d);
    if (!id)
        return id.error();
    d.id = *id;
    if (Status st = appendAccountAudit(m_db, m_clock, actor, u"department.create"_s, u"department"_s, d.id, reason, {},
                          dump(departmentJson(d)));
        !st)
        return st.error();
    if (Status st = transaction.commit(); !st)
        return st.error();
    return d;
}

Expected<Department> AccountService::setDepartmentBilling(qint64 departmentId, bool billToParent, qint64 thresholdMinor,
                                                          const access::Actor &who, const QString &reason)
{
    const QString actor = who.name();
    if (Status allowed = access::AccessGuard(m_db).require(who, access::Permission::AccountsEdit); !allowed)
        return allowed.error();
    if (actor.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("Say who makes the change.")};
    if (thresholdMinor < 0 || thresholdMinor > kMaxAmountMinor)
        return Error{ExitCode::Usage, tr("The auto-stop threshold cannot be negative.")};
    storage::Transaction transaction(m_db.connection());
    if (Status st = transaction.begin(); !st)
        return st.error();
    AccountRepository repo(m_db);
    auto found = repo.department(departmentId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Usage, tr("There is no department %1.").arg(departmentId)};
    const Department before = **found;
    if (billToParent && !before.parentId)
        return Error{ExitCode::Usage, tr("Only a department with a parent can bill to its parent.")};
    Department after = before;
    after.billToParent = billToParent;
    after.autoStopThresholdMinor = thresholdMinor;
    if (Status st = repo.updateDepartmentDetails(after); !st)
        return st.error();
    if (Status st = appendAccountAudit(m_db, m_clock, actor, u"department.billing"_s, u"department"_s, departmentId, reason,
                          dump(departmentJson(before)), dump(departmentJson(after)));
        !st)
        return st.error();
    if (Status st = transaction.commit(); !st)
        return st.error();
    return after;
}

Expected<TopUpPreview> AccountService::previewDepartmentTopUp(qint64 departmentId, qint64 amountMinor) const
{
    auto found = AccountRepository(m_db).department(departmentId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Usage, tr("There is no department %1.").arg(departmentId)};
    TopUpPreview p;
    p.balanceBeforeMinor = (*found)->balanceMinor;
    p.balanceAfterMinor = (*found)->balanceMinor + amountMinor;
    return p;
}

Expected<TopUpResult> AccountService::topUpDepartment(qint64 departmentId, const TopUpRequest &request,
                                                      const access::Actor &who, const QString &reason)
{
    const QString actor = who.name();
    if (Status allowed = access::AccessGuard(m_db).require(who, access::Permission::AccountsTopUp); !allowed)
        return allowed.error();
    if (actor.trimmed().isEmpty())
        return Error{ExitCode::Usage, tr("Say who makes the change.")};
    if (const QStringList problems = validate(request); !problems.isEmpty())
        return Error{ExitCode::Usage, problems.join(u' ')};
    storage::Transaction transaction(m_db.connection());
    if (Status st = transaction.begin(); !st)
        return st.error();
    AccountRepository repo(m_db);
    auto found = repo.department(departmentId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Usage, tr("There is no department %1.").arg(departmentId)};
    const Department before = **found;
    TopUp topUp;
    topUp.departmentId = departmentId;
    topUp.amountMinor = request.amountMinor;
    topUp.currency = request.currency;
    topUp.gateway = request.gateway;
    topUp.receipt = request.receipt.trimmed();
    topUp.createdBy = actor;
    topUp.createdMs = m_clock.nowMs();
    auto id = repo.insertTopUp(topUp);
    if (!id)
        return id.error();
    topUp.id = *id;
    if (topUp.receipt.isEmpty()) {
        topUp.receipt = u"desk-%1"_s.arg(topUp.id);
        if (auto st = storage::Sql::run(m_db.connection(), u"UPDATE topups SET gateway_receipt = ? WHERE id = ?"_s,
                                        {topUp.receipt, topUp.id});
            !st)
            return st.error();
    }
    if (Status st = repo.addToDepartment(departmentId, request.amountMinor); !st)
        return st.error();
    Department after = before;
    after.balanceMinor += request.amountMinor;
    json afterJson = departmentJson(after);
    afterJson["topUp"] = {{"id", topUp.id},
                          {"amountMinor", topUp.amountMinor},
                          {"currency", s(topUp.currency)},
                          {"gateway", s(topUp.gateway)},
                          {"receipt", s(topUp.receipt)}};
    if (Status st = appendAccountAudit(m_db, m_clock, actor, u"department.topup"_s, u"department"_s, departmentId, reason,
                          dump(departmentJson(before)), dump(afterJson));
        !st)
        return st.error();
    if (Status st = transaction.commit(); !st)
        return st.error();
    return TopUpResult{topUp, after.balanceMinor, 0, {}};
}

Expected<storage::IdTag> AccountService::addDepartmentCard(qint64 departmentId, const QString &idTag,
                                                           int maxConcurrentSessions, const access::Actor &who,
                                                           const QString &reason)
{
    const QString actor = who.name();
    if (Status allowed = access::AccessGuard(m_db).require(who, access::Permission::AccountsEdit); !allowed)
        return allowed.error();
    auto found = AccountRepository(m_db).department(departmentId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error{ExitCode::Usage, tr("There is no department %1.").arg(departmentId)};
    storage::IdTag tag;
    tag.idTag = idTag.trimmed();
    tag.kind = u"department"_s;
    tag.departmentId = departmentId;
    tag.maxConcurrentSessions = maxConcurrentSessions;
    return addCard(tag, actor, reason);
}

}  // namespace cd::accounts
