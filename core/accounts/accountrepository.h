#pragma once
// Rows of members, departments and top-ups: plain reads and writes inside the caller's
// transaction. The rules (validation, audit, coupons earned) live in AccountService; billing
// debits balances when it settles a bill (core/billing/billingservice.h).

#include "core/accounts/accounttypes.h"
#include "core/common/expected.h"

#include <QList>

#include <optional>

namespace cd::storage {
class Database;
}

namespace cd::accounts {

class AccountRepository {
public:
    explicit AccountRepository(const storage::Database &db);

    // Ascending ids (stable paging); with each member's number of cards.
    Expected<QList<Member>> members(const MemberFilter &filter) const;
    Expected<std::optional<Member>> member(qint64 id) const;
    Expected<qint64> insertMember(const Member &member);
    // Name, phone, e-mail, department and threshold; never the money columns.
    Status updateMemberDetails(const Member &member);
    // Adds `deltaMinor` to the balance and `refundableDeltaMinor` to the refundable amount.
    Status addToMember(qint64 memberId, qint64 deltaMinor, qint64 refundableDeltaMinor);
    // Sets the refundable amount (after spending: never more than what is left).
    Status setMemberRefundable(qint64 memberId, qint64 refundableMinor);

    // Every department, parents before children where ids allow, with member and card counts.
    Expected<QList<Department>> departments() const;
    Expected<std::optional<Department>> department(qint64 id) const;
    // `departmentId` and its parents, nearest first (empty for nullopt).
    Expected<QList<qint64>> departmentChain(std::optional<qint64> departmentId) const;
    Expected<qint64> insertDepartment(const Department &department);
    Status updateDepartmentDetails(const Department &department);  // name, bill to parent, threshold
    Status addToDepartment(qint64 departmentId, qint64 deltaMinor);

    Expected<qint64> insertTopUp(const TopUp &topUp);
    Expected<std::optional<TopUp>> topUp(qint64 id) const;
    // Newest first.
    Expected<QList<TopUp>> topUpsOfMember(qint64 memberId, int limit = 200) const;
    Expected<QList<TopUp>> topUpsOfDepartment(qint64 departmentId, int limit = 200) const;

private:
    const storage::Database &m_db;
};

}  // namespace cd::accounts
