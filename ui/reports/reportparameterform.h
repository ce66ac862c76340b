#pragma once
// The questions a report asks, built from its ReportInfo: the period (two dates, the last one
// included, UTC; this month at first), the sub-operator and the site (every one, or one of the
// names the screen loaded), how to group, how to bucket, a threshold. Only the report's own
// parameters are shown; parameters() gives the rest their neutral values.

#include "core/reports/reportparameters.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QFormLayout;
class QLabel;
class QSpinBox;

namespace cd::ui {

class ReportParameterForm : public QWidget {
    Q_OBJECT
public:
    explicit ReportParameterForm(QWidget *parent = nullptr);

    void setInfo(const reports::ReportInfo &info);
    // The names the sub-operator and site combos offer (after "every one").
    void setChoices(const QStringList &subOperators, const QStringList &sites);
    reports::ReportParameters parameters() const;
    // [fromMs, toMs) in UTC, shown as the first and the last day.
    void setPeriod(qint64 fromMs, qint64 toMs);
    void setSubOperator(const QString &name);

    void retranslateUi();

signals:
    void changed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void fillCombo(QComboBox *combo, const QStringList &names, const QString &all);
    void fillChoiceTitles();

    reports::ReportInfo m_info;
    QStringList m_subOperators;
    QStringList m_sites;
    QFormLayout *m_form = nullptr;
    QWidget *m_period = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QComboBox *m_subOperator = nullptr;
    QComboBox *m_site = nullptr;
    QComboBox *m_groupBy = nullptr;
    QComboBox *m_bucket = nullptr;
    QSpinBox *m_threshold = nullptr;
};

}  // namespace cd::ui
