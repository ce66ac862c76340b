#pragma once
// Bill correction (账单矫正; issue #6 item 6, DOMAIN "Anomaly bills" › Correction): a manual,
// audited fix of a bill with recalculation.
//
// plan() is the dry run: the new numbers by the method (correctionmethod.h) and every effect
// (correctionpreview.h). Nothing is written.
//
// apply() writes, in ONE transaction: the new bill version (version + 1, supersedes the planned
// bill, correction method, reason, created by), the resolution of the session's open anomaly codes
// (resolved_ms, resolved_by_bill_id; a Revert to an anomalous version opens its codes again on the
// new version), the balance's debit or credit (billing::BillingService::debitBalance, audited as
// bill.debit / bill.credit), the coupons (released back to issued / used), the session's amount,
// and the audit record (bill.correct: who, why, before and after). It plans again inside the
// transaction and refuses — writing nothing — when the planned bill is no longer the session's
// current version (a concurrent correction) or when the money or coupons came out differently
// from the preview the operator confirmed. A card hold's capture or refund is journaled through
// payments::HoldService after the commit (as SessionActions does): its outcome comes with
// HoldService::callFinished(result.moneyCallId, …), and the journal resends it until done.
//
// Not thread-safe: plan() on any thread with its own Database handle, apply() on the thread that
// owns the HoldService.

#include "core/access/actor.h"
#include "core/anomalies/correctionpreview.h"
#include "core/billing/billrepository.h"
#include "core/common/clock.h"
#include "core/common/expected.h"
#include "core/payments/holdrepository.h"
#include "core/storage/sessionrepository.h"

#include <QCoreApplication>

#include <optional>

namespace cd::storage {
class Database;
}
namespace cd::payments {
class HoldService;
struct Actor;
}

namespace cd::anomalies {

class CorrectionEngine {
    Q_DECLARE_TR_FUNCTIONS(cd::anomalies::CorrectionEngine)
public:
    // Not owned; must outlive the engine. `holds` may be null: a correction that must move a card
    // hold's money is then refused.
    CorrectionEngine(const storage::Database &db, payments::HoldService *holds, const Clock &clock = Clock::system());

    // The dry run. An Error only when the bill is not there or the database fails; a correction
    // that cannot be applied is a preview with refusals.
    Expected<CorrectionPreview> plan(const CorrectionRequest &request) const;
    Expected<CorrectionPreview> plan(qint64 billId, CorrectionMethod method, const CorrectionParams &params = {}) const
    {
        return plan(CorrectionRequest{billId, method, params});
    }

    // Does what `confirmed` (a plan() preview) showed. The actor needs Permission::BillsCorrect
    // (ExitCode::Forbidden otherwise) and a reason is required. A refused preview, a bill corrected
    // meanwhile, or money that came out differently is an Error (ExitCode::Usage) and nothing is written.
    Expected<CorrectionResult> apply(const CorrectionPreview &confirmed, const access::Actor &actor,
                                     const QString &reason);

    // The versions of the bill's session, oldest first (the wizard's Revert choice).
    Expected<QList<BillLines>> versions(qint64 billId) const;

private:
    struct Context {
        billing::Bill bill;         // the bill to correct
        std::optional<billing::Bill> current;  // the session's current version (== bill unless corrected meanwhile)
        storage::Session session;
        std::optional<payments::PaymentHold> hold;
        bool callRunning = false;
        QList<int> openCodes;       // open anomaly codes of the session's bills
    };

    Expected<Context> load(qint64 billId) const;
    Expected<CorrectionPreview> makePreview(const Context &context, const CorrectionRequest &request) const;

    // correctionmethods.cpp: the new bill by the method.
    Expected<std::optional<billing::BillResult>> compute(const Context &context, const CorrectionRequest &request,
                                                         CorrectionPreview &preview) const;
    Expected<billing::BillInput> baseInput(const Context &context) const;
    Status chooseCoupon(const Context &context, billing::BillInput &input, CorrectionPreview &preview) const;

    // correctionmoney.cpp: who pays and how the difference moves.
    Status planMoney(const Context &context, CorrectionPreview &preview) const;
    void planHold(const Context &context, CorrectionPreview &preview) const;

    // correctionspendcoupons.cpp: coupons earned by spend that the new total earns or stops earning
    // (igo_case#92), and carrying that out after the new version is written.
    Status planSpendCoupons(const Context &context, CorrectionPreview &preview) const;
    Status applySpendCoupons(const CorrectionPreview &preview, qint64 newBillId, const QString &operatorName,
                             const QString &reason);

    Expected<BillLines> linesOf(const billing::Bill &bill) const;
    BillLines linesOf(const billing::BillResult &result) const;

    // correctionapply.cpp
    Status write(const Context &context, const CorrectionPreview &preview, const QString &operatorName,
                 const QString &reason, CorrectionResult &result);
    void callMoney(const CorrectionPreview &preview, const QString &operatorName, const QString &reason,
                   CorrectionResult &result);

    const storage::Database &m_db;
    payments::HoldService *m_holds;
    const Clock &m_clock;
};

}  // namespace cd::anomalies
