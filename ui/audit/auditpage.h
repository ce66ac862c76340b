#pragma once
// The Audit log screen: the append-only log of every change to money, status, tariffs,
// stations, accounts, roles and operators, newest first, filtered by subject, operator and
// period, with what each entry changed field by field. Read through access::AuditBrowser (the
// role needs "view the audit log") on a worker thread; older entries load as the list scrolls.

#include "core/access/actor.h"
#include "core/storage/auditlogrepository.h"
#include "ui/shell/consoleservices.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace cd::storage {
class QueryRunner;
}

namespace cd::ui {

class AuditChangesModel;
class AuditTableModel;
class PageHeader;

class AuditPage : public QWidget {
    Q_OBJECT
public:
    static constexpr int kPageSize = 200;

    explicit AuditPage(const ConsoleServices &services, QWidget *parent = nullptr);
    ~AuditPage() override;

    AuditTableModel *model() const { return m_model; }
    AuditChangesModel *changesModel() const { return m_changes; }
    // Loads the newest entries that match the filters (also when the screen is shown).
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    enum class Period { Any, Today, Week, Month };

    storage::AuditFilter filter() const;
    void load(qint64 beforeId);
    void loadSubjectTypes();
    void showCurrentEntry();
    void showStatus();
    void retranslateUi();

    access::Actor m_actor;
    std::unique_ptr<storage::QueryRunner> m_runner;
    AuditTableModel *m_model = nullptr;
    AuditChangesModel *m_changes = nullptr;
    QString m_error;
    int m_generation = 0;  // answers to an older filter are dropped

    PageHeader *m_header = nullptr;
    QLabel *m_subjectLabel = nullptr;
    QComboBox *m_subjectType = nullptr;
    QLineEdit *m_subjectId = nullptr;
    QLabel *m_operatorLabel = nullptr;
    QLineEdit *m_operator = nullptr;
    QLabel *m_periodLabel = nullptr;
    QComboBox *m_period = nullptr;
    QPushButton *m_refresh = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_entryTitle = nullptr;
    QLabel *m_entryReason = nullptr;
    QTableView *m_changesTable = nullptr;
};

}  // namespace cd::ui
