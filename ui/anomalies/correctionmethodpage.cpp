#include "ui/anomalies/correctionmethodpage.h"

#include "ui/anomalies/correctionwizard.h"
#include "ui/widgets/style.h"
#include "ui/widgets/wrappinglabel.h"

#include <QButtonGroup>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using cd::anomalies::CorrectionMethod;

namespace cd::ui {

CorrectionMethodPage::CorrectionMethodPage(CorrectionWizard *wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setObjectName(u"correctionMethodPage"_s);
    setTitle(tr("How should the bill be corrected?"));
    auto *layout = new QVBoxLayout(this);
    m_bills = new WrappingLabel(this);
    m_bills->setObjectName(u"correctionBills"_s);
    layout->addWidget(m_bills);
    m_group = new QButtonGroup(this);
    for (CorrectionMethod method : anomalies::allCorrectionMethods()) {
        auto *button = new QRadioButton(anomalies::CorrectionMethodText::title(method), this);
        button->setObjectName(u"method-"_s + anomalies::correctionMethodName(method));
        m_group->addButton(button, int(method));
        m_buttons.insert(int(method), button);
        auto *about = new WrappingLabel(this);
        about->setText(anomalies::CorrectionMethodText::explanation(method));
        about->setContentsMargins(24, 0, 0, 6);
        style::makeMuted(about);
        layout->addWidget(button);
        layout->addWidget(about);
    }
    layout->addStretch(1);
    connect(m_group, &QButtonGroup::idToggled, this, [this](int id, bool checked) {
        if (checked)
            m_wizard->setMethod(CorrectionMethod(id));
        emit completeChanged();
    });
}

void CorrectionMethodPage::initializePage()
{
    const QList<qint64> &ids = m_wizard->billIds();
    if (m_wizard->bulk()) {
        QStringList shown;
        for (int i = 0; i < std::min<int>(int(ids.size()), 8); ++i)
            shown << QString::number(ids.at(i));
        if (ids.size() > 8)
            shown << QStringLiteral("…");
        m_bills->setText(tr("%n bill(s) with one method, applied one by one: %1", nullptr, int(ids.size()))
                             .arg(shown.join(QStringLiteral(", "))));
    } else {
        m_bills->setText(tr("Bill %1. Nothing is written before the preview and your confirmation.").arg(ids.value(0)));
    }
    // Revert goes back to one bill's own earlier version.
    if (QRadioButton *revert = button(CorrectionMethod::Revert)) {
        revert->setEnabled(!m_wizard->bulk());
        revert->setToolTip(m_wizard->bulk() ? tr("Revert works on one bill at a time.") : QString());
    }
    if (!m_group->checkedButton())
        button(CorrectionMethod::MoveServiceEndToChargingEnd)->setChecked(true);
}

bool CorrectionMethodPage::isComplete() const
{
    return m_group->checkedButton() != nullptr;
}

int CorrectionMethodPage::nextId() const
{
    switch (m_wizard->method()) {
    case CorrectionMethod::ManualEnergy:
        return CorrectionWizard::EnergyPage;
    case CorrectionMethod::RecomputeWithTariff:
        return CorrectionWizard::TariffPage;
    case CorrectionMethod::Revert:
        return CorrectionWizard::RevertPage;
    case CorrectionMethod::EstimateFromSamples:
    case CorrectionMethod::UseStationBill:
    case CorrectionMethod::MoveServiceEndToChargingEnd:
        break;
    }
    return CorrectionWizard::PreviewPage;
}

}  // namespace cd::ui
