#pragma once
// Refunds (issue #7 item 1, DOMAIN "Refunds"): members' refund applications, newest first, a page
// at a time (Show older), filtered by status and by member; the selected one in full on the right
// (RefundDetailPane: the member's money, the audit history, the records at the gateway or the desk,
// the coupons). New application…, Approve…, Reject…, Confirm desk refund… and Retry, each enabled
// only when the core would allow it for the selection, each confirmed with what moves before it
// moves. A refusal from the core is shown as it is.
//
// Everything runs on the screen's worker through the console's one RefundService (RefundEngine),
// which stays alive for the gateway's late answers (the station server resumes what a previous run left unanswered).

#include "core/refunds/refundtypes.h"
#include "ui/refunds/refundengine.h"
#include "ui/shell/consoleservices.h"

#include <QWidget>

#include <functional>
#include <memory>

class QComboBox;
class QDialog;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace cd::storage {
class QueryRunner;
}

namespace cd::ui {

class ApplyRefundDialog;
class ApproveRefundDialog;
class PageHeader;
class RefundDetailPane;
class TextTableModel;

class RefundsPage : public QWidget {
    Q_OBJECT
public:
    enum class StatusFilter { All, Pending, Approved, Rejected };

    explicit RefundsPage(const ConsoleServices &services, QWidget *parent = nullptr);
    // `gateway` makes the gateway refunds go through (tests pass a fake); empty: Settings › Payments'.
    RefundsPage(const ConsoleServices &services, RefundEngine::GatewayFactory gateway, QWidget *parent = nullptr);
    ~RefundsPage() override;

    TextTableModel *applicationsModel() const { return m_model; }
    RefundDetailPane *detailPane() const { return m_detail; }
    QString statusText() const;
    QString currency() const { return m_currency; }
    const QList<refunds::RefundApplication> &applications() const { return m_rows; }
    // The selected application as last loaded, with its history and records.
    std::optional<refunds::RefundDetail> selectedDetail() const { return m_selected; }

    void refresh();
    void setStatusFilter(StatusFilter filter);
    void setMemberSearch(const QString &text);
    bool showOlder();
    bool hasOlder() const { return m_hasOlder; }
    bool selectApplication(qint64 id);
    qint64 selectedApplication() const;

    // The actions (nullptr when not allowed for the selection).
    ApplyRefundDialog *openApply();
    ApproveRefundDialog *openApprove();
    QDialog *openReject();
    QDialog *openDeskConfirm();
    bool retry();

    void retranslateUi();

signals:
    void loaded(int count);
    void detailLoaded(qint64 applicationId);
    void actionFinished(bool ok, const QString &message);
    // The gateway answered one of the console's refunds (also long after the action).
    void gatewayAnswered(qint64 applicationId, qint64 recordId, bool done, const QString &error);

protected:
    void changeEvent(QEvent *event) override;
    // Opening the screen shows what changed elsewhere (a top-up, another console's decision).
    void showEvent(QShowEvent *event) override;

private:
    void build();
    void showRows();
    void loadDetail();
    void updateButtons();
    void searchMembers(ApplyRefundDialog *dialog, const QString &text);
    void reviewApproval(ApproveRefundDialog *dialog, const refunds::RefundApplication &application, qint64 commission);
    std::optional<refunds::RefundGatewayRecord> deskRecord() const;
    refunds::RefundFilter filter() const;
    template <typename T>
    void change(std::function<Expected<T>(refunds::RefundService &)> action, std::function<QString(const T &)> message);

    std::unique_ptr<storage::QueryRunner> m_runner;
    std::shared_ptr<RefundEngine> m_engine;  // used on the runner's worker only
    access::Actor m_actor;
    QString m_currency;
    QList<refunds::RefundApplication> m_rows;
    std::optional<refunds::RefundDetail> m_selected;
    bool m_hasOlder = false;
    int m_generation = 0;  // a reload drops the answers of older loads

    PageHeader *m_header = nullptr;
    QLabel *m_statusLabel = nullptr;
    QComboBox *m_statusFilter = nullptr;
    QLabel *m_searchLabel = nullptr;
    QLineEdit *m_search = nullptr;
    QTimer *m_searchDelay = nullptr;
    QPushButton *m_apply = nullptr;
    QLabel *m_listTitle = nullptr;
    TextTableModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QPushButton *m_approve = nullptr;
    QPushButton *m_reject = nullptr;
    QPushButton *m_desk = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_older = nullptr;
    QLabel *m_status = nullptr;
    RefundDetailPane *m_detail = nullptr;
};

}  // namespace cd::ui
