#include "ui/anomalies/correctionwizard.h"

#include "core/anomalies/correctionservice.h"
#include "ui/anomalies/correctionmethodpage.h"
#include "ui/anomalies/correctionparampages.h"
#include "ui/anomalies/correctionpreviewpage.h"
#include "ui/anomalies/correctionresultpage.h"

#include <QMessageBox>

using namespace Qt::StringLiterals;

namespace cd::ui {

CorrectionWizard::CorrectionWizard(QList<qint64> billIds, std::shared_ptr<storage::Database> db,
                                   const access::Actor &actor, QWidget *parent, anomalies::CorrectionService *service)
    : QWizard(parent), m_billIds(std::move(billIds)), m_service(service), m_actor(actor)
{
    setObjectName(u"correctionWizard"_s);
    if (!m_service) {
        m_ownService = std::make_unique<anomalies::CorrectionService>(std::move(db));
        m_service = m_ownService.get();
    }
    setWindowTitle(bulk() ? tr("Correct %n bill(s)", nullptr, int(m_billIds.size()))
                          : tr("Correct bill %1").arg(m_billIds.value(0)));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage, true);
    setOption(QWizard::NoCancelButtonOnLastPage, true);
    //: the wizard's commit button: the correction is written when it is pressed
    setButtonText(QWizard::CommitButton, tr("Apply"));
    setMinimumSize(760, 560);

    setPage(MethodPage, new CorrectionMethodPage(this));
    setPage(EnergyPage, new CorrectionEnergyPage(this));
    setPage(TariffPage, new CorrectionTariffPage(this));
    setPage(RevertPage, new CorrectionRevertPage(this));
    setPage(PreviewPage, new CorrectionPreviewPage(this));
    setPage(ResultPage, new CorrectionResultPage(this));
    setStartId(MethodPage);

    m_confirm = [](QWidget *owner, const QString &text) {
        return QMessageBox::question(owner, tr("Apply the correction?"), text, QMessageBox::Yes | QMessageBox::Cancel,
                                     QMessageBox::Cancel)
            == QMessageBox::Yes;
    };
}

CorrectionWizard::~CorrectionWizard() = default;

int CorrectionWizard::applicableCount() const
{
    int n = 0;
    for (const Planned &p : m_planned)
        n += p.ok() ? 1 : 0;
    return n;
}

QString CorrectionWizard::reason() const
{
    auto *preview = qobject_cast<CorrectionPreviewPage *>(page(PreviewPage));
    return preview ? preview->reason() : QString();
}

bool CorrectionWizard::confirm(const QString &text)
{
    return m_confirm ? m_confirm(this, text) : true;
}

}  // namespace cd::ui
