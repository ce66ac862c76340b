#pragma once
// The filter row of the Anomaly bills screen: codes (several at once), station, firmware, period
// of the session's start (presets in the operator's time zone, or two dates), status, and a
// session number. filterChanged() follows every change (typing in the search box after a short
// pause).

#include "core/anomalies/anomalybillfilter.h"
#include "core/anomalies/anomalybillqueries.h"

#include <QDate>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QLineEdit;
class QMenu;
class QTimer;
class QToolButton;

namespace cd::ui {

class AnomalyFilterBar : public QWidget {
    Q_OBJECT
public:
    enum class Period { AnyTime, Today, Last7Days, Last30Days, ThisMonth, LastMonth, Custom };

    explicit AnomalyFilterBar(QWidget *parent = nullptr);

    // The filter as set now (presets relative to today in the local time zone).
    anomalies::AnomalyBillFilter filter() const;

    // The stations and firmware versions to choose from; the current choice stays when it still exists.
    void setChoices(const anomalies::AnomalyFilterChoices &choices);

    QList<int> codes() const;
    void setCodes(const QList<int> &codes);
    void setStation(const QString &chargePointId);  // empty: every station
    void setFirmware(const QString &firmware);      // empty: any
    void setStatus(anomalies::AnomalyStatus status);
    void setPeriod(Period period);
    // Custom: sessions started on `from` .. `to` (both days included, local time).
    void setCustomPeriod(const QDate &from, const QDate &to);
    void setSearch(const QString &text);  // filterChanged() at once

signals:
    void filterChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateCodesButton();
    void emitChanged();

    QToolButton *m_codes = nullptr;
    QMenu *m_codesMenu = nullptr;
    QComboBox *m_station = nullptr;
    QComboBox *m_firmware = nullptr;
    QComboBox *m_period = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QComboBox *m_status = nullptr;
    QLineEdit *m_search = nullptr;
    QTimer *m_searchDelay = nullptr;
    bool m_quiet = false;  // setting several values at once: one filterChanged()
};

}  // namespace cd::ui
