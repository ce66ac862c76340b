#pragma once
// The tariff editor of Accounts › Tariffs (over core/billing): name, scope (global / site / station
// / department, picked by name), currency, time zone, valid from, the flat energy price (also the price
// outside every period), time-of-use periods in a table (kind peak / flat / valley, from – to in
// the tariff's local time, price; add and remove), service fee per kWh, idle fee per minute and
// free minutes. What is wrong shows under it as the operator types (billing::validate), and a live
// preview line says what a session would cost ("A 40 kWh session from 18:30 to 21:10 would cost
// …") with the bill's lines (billing::previewBill, billing::explain: pure, no database).

#include "core/billing/billcalculator.h"
#include "core/billing/tariff.h"
#include "core/billing/placechoices.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTimeEdit;

namespace cd::ui {

class TariffEditor : public QWidget {
    Q_OBJECT
public:
    explicit TariffEditor(QWidget *parent = nullptr);

    // Shows `tariff` for editing (its id is kept: saving makes a new version of it); a new tariff
    // has id 0.
    void setTariff(const billing::Tariff &tariff);
    // The tariff as entered; nullopt while an amount or time cannot be read (problems() says which).
    std::optional<billing::Tariff> tariff() const;
    qint64 editedId() const { return m_id; }
    // Every problem: the fields that cannot be read, then billing::validate. Empty: it can be saved.
    QStringList problems() const;
    QString problemsText() const;
    QString previewText() const;  // the preview line, then the bill's lines
    QString previewHeadline() const;

    // The fields, for tests and the page.
    void setName(const QString &name);
    void setScope(billing::TariffScope scope, qint64 scopeId);
    // The sites, stations and departments the scope picker offers (loaded by the page).
    void setScopeChoices(const billing::PlaceChoices &choices);
    QString scopeTargetText() const;
    void setCurrency(const QString &currency);
    void setTimeZone(const QString &zone);
    void setEnergyPriceText(const QString &price);
    void setServiceFeeText(const QString &fee);
    void setIdleFeeText(const QString &fee);
    void setIdleFreeMinutes(int minutes);
    void setValidFromMs(qint64 ms);
    int periodCount() const;
    void addPeriod(billing::PeriodKind kind, int startMinute, int endMinute, const QString &price);
    void removePeriod(int row);
    void setPreview(qint64 energyWh, const QTime &from, const QTime &to);

    void retranslateUi();

signals:
    void changed();

private:
    void refresh();  // problems and preview
    // Lists the targets of the chosen scope and selects `selectedId` (0: "Choose…").
    void fillScopeTargets(qint64 selectedId);
    void addPeriodRow(const billing::TariffPeriod &period, const QString &priceText);
    std::optional<qint64> money(const QLineEdit *field) const;
    QString currencyCode() const;

    qint64 m_id = 0;
    int m_version = 0;
    bool m_validFromTouched = false;  // a new version starts when it is saved unless the operator set a time
    billing::Tariff m_loaded;
    QLabel *m_heading = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_scope = nullptr;
    QComboBox *m_scopeTarget = nullptr;
    billing::PlaceChoices m_choices;
    QLineEdit *m_currency = nullptr;
    QComboBox *m_timeZone = nullptr;
    QDateTimeEdit *m_validFrom = nullptr;
    QLineEdit *m_energyPrice = nullptr;
    QLineEdit *m_serviceFee = nullptr;
    QLineEdit *m_idleFee = nullptr;
    QSpinBox *m_freeMinutes = nullptr;
    QTableWidget *m_periods = nullptr;
    QPushButton *m_addPeriod = nullptr;
    QPushButton *m_removePeriod = nullptr;
    QLabel *m_problems = nullptr;
    QSpinBox *m_previewKwh = nullptr;
    QTimeEdit *m_previewFrom = nullptr;
    QTimeEdit *m_previewTo = nullptr;
    QLabel *m_previewHeadline = nullptr;
    QLabel *m_previewLines = nullptr;
    // Labels whose text follows the language.
    QLabel *m_nameLabel = nullptr;
    QLabel *m_scopeLabel = nullptr;
    QLabel *m_currencyLabel = nullptr;
    QLabel *m_zoneLabel = nullptr;
    QLabel *m_validFromLabel = nullptr;
    QLabel *m_energyLabel = nullptr;
    QLabel *m_serviceLabel = nullptr;
    QLabel *m_idleLabel = nullptr;
    QLabel *m_freeLabel = nullptr;
    QLabel *m_periodsLabel = nullptr;
    QLabel *m_previewLabel = nullptr;
};

}  // namespace cd::ui
