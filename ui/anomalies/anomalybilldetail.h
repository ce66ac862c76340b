#pragma once
// The selected anomaly bill under the list: the session and station, the bill's amounts (with the
// station's own figures when it sent a bill), each anomaly with what the detector saw and whether
// a correction resolved it, and the bill line by line as it was computed ("why 244.40?").

#include "core/anomalies/anomalybillqueries.h"

#include <QMap>
#include <QStringList>
#include <QWidget>

#include <optional>

class QLabel;

namespace cd::ui {

class AnomalyBillDetail : public QWidget {
    Q_OBJECT
public:
    explicit AnomalyBillDetail(QWidget *parent = nullptr);

    // nullopt: nothing selected (`hint` says what to do).
    void setRow(const std::optional<anomalies::AnomalyBillRow> &row);
    // The bill's explanation lines (billing::explain), empty when the bill has none; until they
    // are set for the row's bill, "Loading…".
    void setExplanation(const QStringList &lines);
    // The anomalies' sentences in the current language (anomalies::AnomalyDetailTexts); a code
    // missing here shows the sentence stored when it was found.
    void setCurrentDetails(const QMap<int, QString> &details);
    std::optional<anomalies::AnomalyBillRow> row() const { return m_row; }
    QString anomaliesText() const;
    QString explanationText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void showRow();

    std::optional<anomalies::AnomalyBillRow> m_row;
    std::optional<QStringList> m_explanation;
    QMap<int, QString> m_currentDetails;
    QLabel *m_title = nullptr;
    QLabel *m_facts = nullptr;
    QLabel *m_anomaliesTitle = nullptr;
    QLabel *m_anomalies = nullptr;
    QLabel *m_linesTitle = nullptr;
    QLabel *m_lines = nullptr;
};

}  // namespace cd::ui
