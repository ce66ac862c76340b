#pragma once
// The correction wizard's last page: the bills applied one by one on the worker thread (a progress
// bar), each with its new version or the error; for a card hold, what the gateway answered.

#include <QHash>
#include <QWizardPage>

class QLabel;
class QPlainTextEdit;
class QProgressBar;

namespace cd::ui {

class CorrectionWizard;

class CorrectionResultPage : public QWizardPage {
    Q_OBJECT
public:
    explicit CorrectionResultPage(CorrectionWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override { return -1; }

    bool done() const { return m_done; }
    QString resultText() const;

private:
    void applyNext(int index);
    void addLine(const QString &line);

    CorrectionWizard *m_wizard;
    bool m_done = false;
    int m_corrected = 0;
    int m_failed = 0;
    QHash<qint64, qint64> m_moneyCalls;  // money call id → old bill id

    QLabel *m_summary = nullptr;
    QProgressBar *m_progress = nullptr;
    QPlainTextEdit *m_results = nullptr;
};

}  // namespace cd::ui
