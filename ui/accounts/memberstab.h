#pragma once
// Accounts › Members: members found by name, phone, e-mail, card or number (paged), and the
// selected member's balance, refundable amount, threshold, cards, top-ups and coupons. New member…,
// Top up… (with a confirmation of what the money does before it moves), Add card… and Auto-stop
// threshold…, each audited by the core (core/accounts/accountservice.h) on the screen's worker.

#include "core/accounts/accountservice.h"
#include "ui/accounts/accountscontext.h"

#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTableView;
class QTimer;

namespace cd::ui {

class CardDialog;
class MemberDialog;
class MemberTableModel;
class TextTableModel;
class ThresholdDialog;
class TopUpDialog;

class MembersTab : public QWidget {
    Q_OBJECT
public:
    explicit MembersTab(const AccountsContext &context, QWidget *parent = nullptr);
    ~MembersTab() override;

    MemberTableModel *model() const { return m_model; }
    TextTableModel *cardsModel() const { return m_cards; }
    TextTableModel *topUpsModel() const { return m_topUps; }
    TextTableModel *couponsModel() const { return m_coupons; }
    QString detailText() const;
    QString statusText() const;

    void setSearch(const QString &text);
    void refresh();
    bool selectMember(qint64 memberId);
    qint64 selectedMember() const;  // 0: none

    // The dialogs (nullptr when they need a selected member and there is none); the action runs
    // when the dialog is accepted, actionFinished() follows.
    MemberDialog *openNewMember();
    MemberDialog *openEditMember();
    TopUpDialog *openTopUp();
    CardDialog *openAddCard();
    ThresholdDialog *openThreshold();

    void retranslateUi();

signals:
    void loaded(int memberCount);
    void detailLoaded(qint64 memberId);
    void actionFinished(bool ok, const QString &message);

private:
    void loadMore(qint64 afterId);
    void loadDetail();
    void showDetail();
    void updateButtons();
    // Runs a change on the worker; `message` turns its result into the status line; the member to
    // select afterwards (0: keep).
    template <typename T>
    void change(std::function<Expected<T>(accounts::AccountService &)> action,
                std::function<std::pair<QString, qint64>(const T &)> message);

    AccountsContext m_context;
    bool m_loading = false;
    int m_generation = 0;
    QList<accounts::Department> m_departments;
    std::optional<accounts::MemberDetail> m_detail;

    QLineEdit *m_search = nullptr;
    QLabel *m_summary = nullptr;
    MemberTableModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_topUp = nullptr;
    QPushButton *m_addCard = nullptr;
    QPushButton *m_threshold = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_detailTitle = nullptr;
    QLabel *m_detailText = nullptr;
    QTabWidget *m_detailTabs = nullptr;
    TextTableModel *m_cards = nullptr;
    TextTableModel *m_topUps = nullptr;
    TextTableModel *m_coupons = nullptr;
    QTimer *m_searchDelay = nullptr;
};

}  // namespace cd::ui
