#pragma once
// The correction wizard's preview: every bill planned on the worker thread (nothing written), then
// for the chosen bill the old and the new lines side by side, the money in words and in numbers,
// the coupons, the card hold, the settlement, the anomaly codes resolved, notes and refusals; with
// several bills, the list of previews above it. The reason is required. The page is the commit
// page: Apply asks for a confirmation that says what happens to money.

#include <QWizardPage>

class QLabel;
class QPlainTextEdit;
class QStandardItemModel;
class QTableView;

namespace cd::anomalies {
struct CorrectionPreview;
}

namespace cd::ui {

class CorrectionWizard;

class CorrectionPreviewPage : public QWizardPage {
    Q_OBJECT
public:
    explicit CorrectionPreviewPage(CorrectionWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    int nextId() const override;

    QString reason() const;
    QPlainTextEdit *reasonEdit() const { return m_reason; }
    // Shows the preview of row `row` of the list (the first one at the start).
    void showBill(int row);
    // The confirmation's text for what is about to be applied.
    QString confirmationText() const;

private:
    void planNext(int index, quint64 generation);
    void fillList();
    void showPreview(const anomalies::CorrectionPreview &preview);

    CorrectionWizard *m_wizard;
    quint64 m_generation = 0;
    bool m_planning = false;

    QLabel *m_state = nullptr;
    QStandardItemModel *m_listModel = nullptr;
    QTableView *m_list = nullptr;
    QStandardItemModel *m_linesModel = nullptr;
    QTableView *m_lines = nullptr;
    QLabel *m_money = nullptr;
    QLabel *m_moneyNumbers = nullptr;
    QLabel *m_coupons = nullptr;
    QLabel *m_hold = nullptr;
    QLabel *m_settlement = nullptr;
    QLabel *m_anomalies = nullptr;
    QLabel *m_notes = nullptr;
    QLabel *m_refusals = nullptr;
    QPlainTextEdit *m_reason = nullptr;
};

}  // namespace cd::ui
