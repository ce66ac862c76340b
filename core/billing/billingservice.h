#pragma once
// Issuing a session's bill (issue #6 items 3 and 7): BillingService::issueBill(sessionId) computes
// version 1 of the bill of a closed session (finished / canceled / failed / failed_hold /
// pending_final_payment, or any session closed by the station or the system, or an abandoned one
// the caller names) and, in ONE transaction:
//   1. writes the bill with its inputs (idempotent: a session has at most one version-1 bill; a
//      second call returns the existing bill's id and changes nothing, and so does a call that
//      loses a race with another server billing the same session: its transaction rolls back and
//      it returns the winner's bill);
//   2. marks the coupon it used (coupons.status 'used', used_session_id);
//   3. runs the AnomalyTagger (when set), which stores the bill's anomaly codes;
//   4. settles by the settlement mode (settlement.h): settle_first → 'settled' (no anomalies) or
//      'provisional' (anomalies); hold_until_corrected with anomalies → 'held', nothing moves;
//   5. moves the money of a session paid from a balance (no card hold): the department's pooled
//      balance for a department card (walking up to the parent while bill_to_parent is set), else the
//      member's balance, is debited by the total, with an audit_log row (action "bill.debit").
//      Card-hold sessions are paid by the hold capture (core/payments/sessionpayments via
//      TariffSessionPricing): the bill moves no money itself;
//   6. for sessions without a card hold, sessions.amount_minor / tariff_id / currency = the bill's.
// A session no tariff applies to gets a zero-price bill (SessionBillInput gives a BillInput with
// noTariff: no lines, total 0, explanation "No tariff applied", tariff_id NULL) so the anomaly tagger
// still runs (codes 1/2/8/11 …). It moves no money in any settlement state (nothing to debit or
// capture) and counts 0 in every sum; a correction "recompute with tariff" prices it (a tariff with
// an id replaces the stand-in, and a bill that was never paid is charged its whole new total).
// Nothing else debits balances at session end (checked: only core/payments/balanceguard reads them).

#include "core/billing/settlement.h"
#include "core/common/clock.h"
#include "core/common/expected.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace cd::storage {
class Database;
struct Session;
}

namespace cd::billing {

class AnomalyTagger;
struct BillResult;

// Who pays a bill out of a balance.
struct BalancePayer {
    enum class Kind { None, Member, Department };
    Kind kind = Kind::None;  // None: a card hold pays, or nobody is known
    qint64 id = 0;
};

struct IssueOptions {
    bool abandoned = false;  // the caller names an open session as abandoned: bill it anyway
    QString actor = QStringLiteral("system:billing");
};

struct IssuedBill {
    qint64 billId = 0;
    bool created = false;  // false: the session already had a bill (nothing changed)
    SettlementState state = SettlementState::Unsettled;
    QList<int> anomalyCodes;
    qint64 debitedMinor = 0;
    BalancePayer payer;
};

class BillingService {
    Q_DECLARE_TR_FUNCTIONS(cd::billing::BillingService)
public:
    // `db` and `clock` are not owned and must outlive the service.
    explicit BillingService(const storage::Database &db, const Clock &clock = Clock::system());

    // Not owned; nullptr: bills are issued without anomaly tagging (clean).
    void setAnomalyTagger(AnomalyTagger *tagger) { m_tagger = tagger; }
    AnomalyTagger *anomalyTagger() const { return m_tagger; }
    // The mode for sessions without a sub-operator (default: defaultSettlementMode(), QSettings).
    void setDefaultSettlementMode(SettlementMode mode) { m_defaultMode = mode; }
    SettlementMode defaultSettlementModeInUse() const { return m_defaultMode; }

    // Issues version 1 of the session's bill (see above); the bill id.
    Expected<qint64> issueBill(qint64 sessionId, const IssueOptions &options = {});
    // The same, with what happened.
    Expected<IssuedBill> issue(qint64 sessionId, const IssueOptions &options = {});

    // Whose balance pays the session's bills (None for a card hold or an unknown payer). A
    // department card pays from the department's pool, or its parent's while bill_to_parent is set.
    Expected<BalancePayer> payerForSession(const storage::Session &session) const;
    // Moves `deltaMinor` out of the payer's balance (negative: a refund back into it) with an
    // audit_log row (action "bill.debit" / "bill.credit", entity "bill" billId); inside the caller's
    // transaction. Used by corrections for the difference between bill versions. The ONE place a
    // bill lowers a balance: in the same UPDATE a member's refundable amount is capped at the new
    // balance (cappedRefundableMinor), so it never exceeds what is left; the audit row carries the
    // refundable amount before and after. Departments have no refundable amount.
    Status debitBalance(const BalancePayer &payer, qint64 deltaMinor, qint64 sessionId, qint64 billId,
                        const QString &actor, const QString &reason);
    // A member's refundable amount after its balance became `balanceAfterMinor`: never above it,
    // never below 0 (what debitBalance's UPDATE computes in SQL).
    static qint64 cappedRefundableMinor(qint64 refundableMinor, qint64 balanceAfterMinor);

private:
    // The transaction of issue(): the bill, its coupon, anomaly codes, settlement, debit, session
    // columns, spend coupons and the session event, all or nothing.
    Expected<IssuedBill> writeBill(const storage::Session &s, const BillResult &result, SettlementMode mode,
                                   const BalancePayer &payer, qint64 now, const IssueOptions &options);

    const storage::Database &m_db;
    const Clock &m_clock;
    AnomalyTagger *m_tagger = nullptr;
    SettlementMode m_defaultMode;
};

}  // namespace cd::billing
