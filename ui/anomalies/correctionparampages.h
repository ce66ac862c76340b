#pragma once
// What a correction method needs, one page each: the energy typed by hand (ManualEnergy), the
// tariff version (RecomputeWithTariff: the one valid when the session ran, or any version), and the
// earlier version to go back to (Revert). The lists are read through the correction service.

#include "core/billing/tariff.h"

#include <QWizardPage>

class QComboBox;
class QLabel;
class QSpinBox;

namespace cd::ui {

class CorrectionWizard;

class CorrectionEnergyPage : public QWizardPage {
    Q_OBJECT
public:
    explicit CorrectionEnergyPage(CorrectionWizard *wizard);
    void initializePage() override;
    bool validatePage() override;
    int nextId() const override;
    QSpinBox *energy() const { return m_energy; }

private:
    CorrectionWizard *m_wizard;
    QSpinBox *m_energy = nullptr;
};

class CorrectionTariffPage : public QWizardPage {
    Q_OBJECT
public:
    explicit CorrectionTariffPage(CorrectionWizard *wizard);
    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    int nextId() const override;
    QComboBox *tariffs() const { return m_tariffs; }

signals:
    void loaded();

private:
    CorrectionWizard *m_wizard;
    QComboBox *m_tariffs = nullptr;
    QLabel *m_state = nullptr;
    bool m_loaded = false;
};

class CorrectionRevertPage : public QWizardPage {
    Q_OBJECT
public:
    explicit CorrectionRevertPage(CorrectionWizard *wizard);
    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    int nextId() const override;
    QComboBox *versions() const { return m_versions; }

signals:
    void loaded();

private:
    CorrectionWizard *m_wizard;
    QComboBox *m_versions = nullptr;
    QLabel *m_state = nullptr;
};

}  // namespace cd::ui
