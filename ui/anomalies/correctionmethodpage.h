#pragma once
// The correction wizard's first page: which method, each with what it does. Revert needs one bill
// (its own versions), so it is off when several bills are corrected together.

#include "core/anomalies/correctionmethod.h"

#include <QHash>
#include <QWizardPage>

class QButtonGroup;
class QLabel;
class QRadioButton;

namespace cd::ui {

class CorrectionWizard;

class CorrectionMethodPage : public QWizardPage {
    Q_OBJECT
public:
    explicit CorrectionMethodPage(CorrectionWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override;
    // The radio button of a method (tests).
    QRadioButton *button(anomalies::CorrectionMethod method) const { return m_buttons.value(int(method)); }

private:
    CorrectionWizard *m_wizard;
    QButtonGroup *m_group = nullptr;
    QHash<int, QRadioButton *> m_buttons;
    QLabel *m_bills = nullptr;
};

}  // namespace cd::ui
