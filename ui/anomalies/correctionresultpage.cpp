#include "ui/anomalies/correctionresultpage.h"

#include "core/anomalies/correctionservice.h"
#include "ui/anomalies/correctionwizard.h"
#include "ui/widgets/wrappinglabel.h"

#include <QPlainTextEdit>
#include <QProgressBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

CorrectionResultPage::CorrectionResultPage(CorrectionWizard *wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setObjectName(u"correctionResultPage"_s);
    setTitle(tr("Result"));
    auto *layout = new QVBoxLayout(this);
    m_summary = new WrappingLabel(this);
    m_summary->setObjectName(u"correctionSummary"_s);
    layout->addWidget(m_summary);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"correctionProgress"_s);
    layout->addWidget(m_progress);
    m_results = new QPlainTextEdit(this);
    m_results->setObjectName(u"correctionResults"_s);
    m_results->setReadOnly(true);
    layout->addWidget(m_results, 1);
    connect(m_wizard->service(), &anomalies::CorrectionService::moneyAnswered, this,
            [this](qint64 callId, const payments::GatewayResult &answer) {
                const auto bill = m_moneyCalls.constFind(callId);
                if (bill == m_moneyCalls.constEnd())
                    return;
                if (answer.done())
                    addLine(tr("Bill %1: the gateway did it (payment call %2).").arg(*bill).arg(callId));
                else if (answer.outcome == payments::Outcome::Refused)
                    addLine(tr("Bill %1: the gateway refused payment call %2: %3").arg(*bill).arg(callId).arg(answer.error));
            });
}

void CorrectionResultPage::initializePage()
{
    m_done = false;
    m_corrected = 0;
    m_failed = 0;
    m_results->clear();
    int toApply = 0;
    for (const CorrectionWizard::Planned &p : std::as_const(m_wizard->m_planned))
        toApply += p.ok() ? 1 : 0;
    m_progress->setRange(0, std::max(1, toApply));
    m_progress->setValue(0);
    m_progress->setVisible(m_wizard->bulk());
    m_summary->setText(tr("Applying…"));
    applyNext(0);
}

void CorrectionResultPage::applyNext(int index)
{
    const QList<CorrectionWizard::Planned> &planned = m_wizard->m_planned;
    while (index < planned.size() && !planned.at(index).ok()) {
        addLine(tr("Bill %1: skipped — %2")
                    .arg(planned.at(index).billId)
                    .arg(planned.at(index).preview ? planned.at(index).preview->refusals.value(0) : planned.at(index).error));
        ++index;
    }
    if (index >= planned.size()) {
        m_done = true;
        m_summary->setText(m_failed == 0 ? tr("%n bill(s) corrected.", nullptr, m_corrected)
                                         : tr("%1 corrected, %2 failed.").arg(m_corrected).arg(m_failed));
        m_summary->setStyleSheet(m_failed == 0 ? QString() : u"color: #c62828;"_s);
        emit completeChanged();
        emit m_wizard->finishedApplying(m_corrected, m_failed);
        return;
    }
    const CorrectionWizard::Planned p = planned.at(index);
    m_wizard->service()->apply(*p.preview, m_wizard->actor(), m_wizard->reason(), this,
                               [this, index, p](Expected<anomalies::CorrectionResult> applied) {
                                   if (!applied) {
                                       ++m_failed;
                                       addLine(tr("Bill %1: not corrected — %2").arg(p.billId).arg(applied.error().message));
                                   } else {
                                       ++m_corrected;
                                       addLine(tr("Bill %1 → version %2 (bill %3). Audit record %4.")
                                                   .arg(p.billId)
                                                   .arg(applied->newVersion)
                                                   .arg(applied->newBillId)
                                                   .arg(applied->auditId));
                                       if (!applied->moneyError.isEmpty())
                                           addLine(tr("Bill %1: the bill was corrected, but the card money call could "
                                                      "not be made: %2")
                                                       .arg(p.billId)
                                                       .arg(applied->moneyError));
                                       else if (applied->moneyCallId > 0) {
                                           m_moneyCalls.insert(applied->moneyCallId, p.billId);
                                           addLine(tr("Bill %1: payment call %2 sent to the gateway.")
                                                       .arg(p.billId)
                                                       .arg(applied->moneyCallId));
                                       }
                                       emit m_wizard->corrected(p.billId, applied->newBillId);
                                   }
                                   m_progress->setValue(m_corrected + m_failed);
                                   applyNext(index + 1);
                               });
}

void CorrectionResultPage::addLine(const QString &line)
{
    m_results->appendPlainText(line);
}

QString CorrectionResultPage::resultText() const
{
    return m_results->toPlainText();
}

bool CorrectionResultPage::isComplete() const
{
    return m_done;
}

}  // namespace cd::ui
