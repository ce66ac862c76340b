#pragma once
// Set auto-stop threshold… of a member (charging stops when the balance falls to it: negative
// balance protection, zpd_case#12), and for a department also whether it bills to its parent.
// Opened with open(); the page saves when it is accepted.

#include <QDialog>

#include <optional>

class QCheckBox;
class QDialogButtonBox;
class QLineEdit;

namespace cd::ui {

class ThresholdDialog : public QDialog {
    Q_OBJECT
public:
    // `billToParent`: nullopt for a member (no such choice), else the department's current setting;
    // `hasParent`: whether the department has a parent to bill.
    ThresholdDialog(const QString &account, const QString &currency, qint64 currentMinor,
                    std::optional<bool> billToParent = std::nullopt, bool hasParent = false, QWidget *parent = nullptr);

    void setThresholdText(const QString &amount);
    std::optional<qint64> thresholdMinor() const;
    void setBillToParent(bool on);
    bool billToParent() const;

private:
    void updateState();

    QString m_currency;
    QLineEdit *m_threshold = nullptr;
    QCheckBox *m_billToParent = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

}  // namespace cd::ui
