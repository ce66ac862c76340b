#pragma once
// What an operator does with accounts, and what the console and the CLI read: members (with their
// cards, top-ups and coupons), departments (a tree with pooled balances, billed to the parent or
// not, department cards that start several vehicles at once), top-ups and auto-stop thresholds.
// Every change writes its rows and an audit log entry in one transaction; a top-up credits the
// balance and the refundable amount and issues the coupon it earns in that same transaction, and
// a new member gets the new-member coupons with it. Works on the caller's thread's connection
// (a QueryRunner worker in the console).

#include "core/access/actor.h"
#include "core/accounts/accounttypes.h"
#include "core/common/clock.h"
#include "core/common/expected.h"
#include "core/storage/idtagrepository.h"

#include <QCoreApplication>

#include <functional>

namespace cd::storage {
class Database;
}

namespace cd::accounts {

struct NewMember {
    QString name;
    QString phone;
    QString email;
    std::optional<qint64> departmentId;
    qint64 autoStopThresholdMinor = 0;
};

struct MemberCreated {
    Member member;
    QList<Coupon> coupons;  // the new-member coupons it got
};

struct TopUpRequest {
    qint64 amountMinor = 0;
    QString currency;
    QString gateway = QStringLiteral("manual");  // cash at the console's desk
    QString receipt;                             // empty: "desk-<top-up id>"
};

// What a top-up would do, for the confirmation before money moves.
struct TopUpPreview {
    qint64 balanceBeforeMinor = 0;
    qint64 balanceAfterMinor = 0;
    qint64 refundableBeforeMinor = 0;  // members only
    qint64 refundableAfterMinor = 0;
    std::optional<CouponRule> couponRule;  // the coupon it would earn
};

struct TopUpResult {
    TopUp topUp;
    qint64 balanceAfterMinor = 0;
    qint64 refundableAfterMinor = 0;
    QList<Coupon> coupons;  // issued with it
};

struct MemberDetail {
    Member member;
    QString departmentName;
    QList<storage::IdTag> cards;
    QList<TopUp> topUps;    // newest first
    QList<Coupon> coupons;  // newest first
};

struct NewDepartment {
    QString name;
    std::optional<qint64> parentId;
    bool billToParent = false;
    qint64 autoStopThresholdMinor = 0;
};

struct DepartmentDetail {
    Department department;
    QString parentName;
    qint64 payingDepartmentId = 0;  // who pays its sessions (itself, or a parent)
    QString payingDepartmentName;
    QList<storage::IdTag> cards;  // department cards
    QList<TopUp> topUps;          // newest first
};

class AccountService {
    Q_DECLARE_TR_FUNCTIONS(cd::accounts::AccountService)
public:
    explicit AccountService(const storage::Database &db, const Clock &clock = Clock::system());

    Expected<QList<Member>> members(const MemberFilter &filter) const;
    Expected<MemberDetail> memberDetail(qint64 memberId) const;
    Expected<QList<Department>> departments() const;
    Expected<DepartmentDetail> departmentDetail(qint64 departmentId) const;
    // The department whose pooled balance pays `departmentId`'s sessions: itself, or up the tree
    // while bill_to_parent is set (zpd_case#18). Billing debits it (core/billing/billingservice.h).
    Expected<qint64> payingDepartment(qint64 departmentId) const;
    // `departmentId` and its parents, nearest first (empty for nullopt).
    Expected<QList<qint64>> departmentChain(std::optional<qint64> departmentId) const;

    // Empty: valid; else the problems, translated.
    static QStringList validate(const NewMember &member);
    static QStringList validate(const TopUpRequest &request);
    static QStringList validate(const NewDepartment &department);

    Expected<MemberCreated> createMember(const NewMember &member, const access::Actor &actor, const QString &reason = {});
    Expected<TopUpPreview> previewMemberTopUp(qint64 memberId, qint64 amountMinor) const;
    Expected<TopUpResult> topUpMember(qint64 memberId, const TopUpRequest &request, const access::Actor &actor,
                                      const QString &reason = {});
    Expected<Member> setMemberThreshold(qint64 memberId, qint64 thresholdMinor, const access::Actor &actor,
                                       const QString &reason = {});
    // Name, phone, e-mail, department and auto-stop threshold, validated as for a new member;
    // the balance, refundable amount and cards stay. Audited as member.update (before and after).
    Expected<Member> updateMember(qint64 memberId, const NewMember &details, const access::Actor &actor,
                                  const QString &reason = {});
    // A card of a member: kind "card" (or "app").
    Expected<storage::IdTag> addMemberCard(qint64 memberId, const QString &idTag, const access::Actor &actor,
                                           const QString &reason = {});

    Expected<Department> createDepartment(const NewDepartment &department, const access::Actor &actor, const QString &reason = {});
    Expected<Department> setDepartmentBilling(qint64 departmentId, bool billToParent, qint64 thresholdMinor,
                                              const access::Actor &actor, const QString &reason = {});
    Expected<TopUpPreview> previewDepartmentTopUp(qint64 departmentId, qint64 amountMinor) const;
    Expected<TopUpResult> topUpDepartment(qint64 departmentId, const TopUpRequest &request, const access::Actor &actor,
                                          const QString &reason = {});
    // A department card: starts up to `maxConcurrentSessions` vehicles at once, paid from the pool.
    Expected<storage::IdTag> addDepartmentCard(qint64 departmentId, const QString &idTag, int maxConcurrentSessions,
                                               const access::Actor &actor, const QString &reason = {});

private:
    // Loads the member, applies `change` (which may refuse), saves and audits as `action`.
    Expected<Member> changeMember(qint64 memberId, const QString &action, const QString &actor, const QString &reason,
                                  const std::function<Status(Member &)> &change);
    Expected<storage::IdTag> addCard(storage::IdTag tag, const QString &actor, const QString &reason);

    const storage::Database &m_db;
    const Clock &m_clock;
};

}  // namespace cd::accounts
