#pragma once
// The bill correction wizard (issue #6 item 6; DOMAIN "Anomaly bills" › Correction): one page per
// step — the method; what the method needs (the energy, the tariff version, the version to go back
// to); the preview of every effect for each bill (old vs new lines side by side, the money in words
// and numbers, coupons, the card hold, settlement, anomalies) with the required reason; and the
// result. The engine runs on the correction service's worker thread. Apply (the commit button) is
// enabled only when a preview can be applied and a reason is given, and asks for a confirmation
// that says what happens to money. Several bills with one method: the previews are listed and the
// bills applied one by one with a progress bar (refused ones are skipped, and said so).

#include "core/access/actor.h"
#include "core/anomalies/correctionpreview.h"
#include "core/common/expected.h"

#include <QList>
#include <QWizard>

#include <functional>
#include <memory>
#include <optional>

namespace cd::storage {
class Database;
}
namespace cd::anomalies {
class CorrectionService;
}

namespace cd::ui {

class CorrectionWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId { MethodPage, EnergyPage, TariffPage, RevertPage, PreviewPage, ResultPage };

    // Corrects `billIds` (the current versions of their bills). `service` (not owned) runs the
    // engine; null: the wizard makes its own on `db`. The operator's name goes to the audit log.
    CorrectionWizard(QList<qint64> billIds, std::shared_ptr<storage::Database> db, const access::Actor &actor,
                     QWidget *parent = nullptr, anomalies::CorrectionService *service = nullptr);
    ~CorrectionWizard() override;

    const QList<qint64> &billIds() const { return m_billIds; }
    bool bulk() const { return m_billIds.size() > 1; }
    anomalies::CorrectionService *service() const { return m_service; }
    const access::Actor &actor() const { return m_actor; }

    // What the method and parameter pages chose.
    anomalies::CorrectionMethod method() const { return m_method; }
    void setMethod(anomalies::CorrectionMethod method) { m_method = method; }
    anomalies::CorrectionParams &params() { return m_params; }
    anomalies::CorrectionRequest request(qint64 billId) const { return {billId, m_method, m_params}; }

    // The previews of the bills, in billIds() order (an Error when a bill could not be planned);
    // filled by the preview page.
    struct Planned {
        qint64 billId = 0;
        std::optional<anomalies::CorrectionPreview> preview;
        QString error;
        bool ok() const { return preview && preview->ok(); }
    };
    QList<Planned> &planned() { return m_planned; }
    int applicableCount() const;
    QString reason() const;

    // What the confirmation asks: true to go on. Default: a question box. Tests script it.
    using Confirm = std::function<bool(QWidget *parent, const QString &text)>;
    void setConfirmation(Confirm confirm) { m_confirm = std::move(confirm); }
    bool confirm(const QString &text);

signals:
    // A preview set was shown (every bill planned).
    void previewsShown();
    // A bill was corrected (the new version's id).
    void corrected(qint64 oldBillId, qint64 newBillId);
    // Every bill was applied or failed: the result page is final.
    void finishedApplying(int corrected, int failed);

private:
    QList<qint64> m_billIds;
    std::unique_ptr<anomalies::CorrectionService> m_ownService;
    anomalies::CorrectionService *m_service = nullptr;
    access::Actor m_actor;
    anomalies::CorrectionMethod m_method = anomalies::CorrectionMethod::EstimateFromSamples;
    anomalies::CorrectionParams m_params;
    QList<Planned> m_planned;
    Confirm m_confirm;

    friend class CorrectionPreviewPage;
    friend class CorrectionResultPage;
};

}  // namespace cd::ui
