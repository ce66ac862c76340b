#include "ui/accounts/departmentstab.h"

#include "core/storage/queryrunner.h"
#include "ui/accounts/carddialog.h"
#include "ui/accounts/departmentdialog.h"
#include "ui/accounts/departmenttreemodel.h"
#include "ui/accounts/texttablemodel.h"
#include "ui/accounts/thresholddialog.h"
#include "ui/accounts/topupdialog.h"
#include "ui/widgets/moneytext.h"
#include "ui/widgets/readonlytable.h"
#include "ui/widgets/style.h"
#include "ui/widgets/permittedwidgets.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

using accounts::AccountService;
using accounts::Department;

namespace {

QString localTime(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat);
}

}  // namespace

DepartmentsTab::DepartmentsTab(const AccountsContext &context, QWidget *parent) : QWidget(parent), m_context(context)
{
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"departmentSummary"_s);
    style::makeMuted(m_summary);
    m_model = new DepartmentTreeModel(this);
    m_model->setCurrency(context.currency);
    m_tree = new QTreeView(this);
    m_tree->setObjectName(u"departmentTree"_s);
    m_tree->setModel(m_model);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(DepartmentTreeModel::Name, QHeaderView::Stretch);

    m_new = new QPushButton(this);
    m_new->setObjectName(u"newDepartmentButton"_s);
    m_topUp = new QPushButton(this);
    m_topUp->setObjectName(u"topUpDepartmentButton"_s);
    m_addCard = new QPushButton(this);
    m_addCard->setObjectName(u"addDepartmentCardButton"_s);
    m_billing = new QPushButton(this);
    m_billing->setObjectName(u"departmentBillingButton"_s);
    showOnlyIfAllowed(m_context.actor, access::Permission::AccountsEdit, {m_new, m_addCard, m_billing});
    showOnlyIfAllowed(m_context.actor, access::Permission::AccountsTopUp, {m_topUp});
    m_status = new QLabel(this);
    m_status->setObjectName(u"departmentStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_new, m_topUp, m_addCard, m_billing})
        buttons->addWidget(b);
    buttons->addSpacing(12);
    buttons->addWidget(m_status, 1);

    m_detailTitle = new QLabel(this);
    m_detailTitle->setObjectName(u"departmentDetailTitle"_s);
    m_detailTitle->setFont(style::subheadingFont(font()));
    m_detailText = new QLabel(this);
    m_detailText->setObjectName(u"departmentDetail"_s);
    m_detailText->setTextFormat(Qt::PlainText);
    m_detailText->setWordWrap(true);
    m_detailTabs = new QTabWidget(this);
    m_detailTabs->setObjectName(u"departmentDetailTabs"_s);
    m_cards = new TextTableModel(this);
    m_cards->setNumericColumns({1});
    m_topUps = new TextTableModel(this);
    m_topUps->setNumericColumns({1});
    const std::pair<TextTableModel *, QString> lists[] = {{m_cards, u"departmentCards"_s},
                                                          {m_topUps, u"departmentTopUps"_s}};
    for (const auto &[model, name] : lists) {
        QTableView *view = makeReadOnlyTable(name, this);
        view->setModel(model);
        view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        view->horizontalHeader()->setStretchLastSection(true);
        m_detailTabs->addTab(view, QString());
    }

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_summary);
    topLayout->addWidget(m_tree, 1);
    topLayout->addLayout(buttons);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 8, 0, 0);
    bottomLayout->addWidget(m_detailTitle);
    bottomLayout->addWidget(m_detailText);
    bottomLayout->addWidget(m_detailTabs, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(top);
    split->addWidget(bottom);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->addWidget(split);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateButtons();
        loadDetail();
    });
    connect(m_new, &QPushButton::clicked, this, &DepartmentsTab::openNewDepartment);
    connect(m_topUp, &QPushButton::clicked, this, &DepartmentsTab::openTopUp);
    connect(m_addCard, &QPushButton::clicked, this, &DepartmentsTab::openAddCard);
    connect(m_billing, &QPushButton::clicked, this, &DepartmentsTab::openBilling);
    retranslateUi();
    updateButtons();
    refresh();
}

DepartmentsTab::~DepartmentsTab() = default;

QString DepartmentsTab::detailText() const
{
    return m_detailText->text();
}

QString DepartmentsTab::statusText() const
{
    return m_status->text();
}

void DepartmentsTab::refresh()
{
    m_context.runner->run<Expected<QList<Department>>>(
        this, [](const std::shared_ptr<storage::Database> &db) { return AccountService(*db).departments(); },
        [this](Expected<QList<Department>> rows) {
            if (!rows) {
                m_status->setText(rows.error().message);
                return;
            }
            const qint64 selected = m_selectAfterLoad != 0 ? m_selectAfterLoad : selectedDepartment();
            m_selectAfterLoad = 0;
            m_model->setDepartments(std::move(*rows));
            m_tree->expandAll();
            if (selected != 0)
                selectDepartment(selected);
            retranslateUi();
            updateButtons();
            loadDetail();
            emit loaded(int(m_model->departments().size()));
        });
}

bool DepartmentsTab::selectDepartment(qint64 departmentId)
{
    const QModelIndex index = m_model->indexOf(departmentId);
    if (!index.isValid())
        return false;
    m_tree->setCurrentIndex(index);
    m_tree->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return true;
}

qint64 DepartmentsTab::selectedDepartment() const
{
    const Department *d = m_model->department(m_tree->currentIndex());
    return d ? d->id : 0;
}

void DepartmentsTab::loadDetail()
{
    const qint64 id = selectedDepartment();
    if (id == 0) {
        m_detail.reset();
        showDetail();
        return;
    }
    m_context.runner->run<Expected<accounts::DepartmentDetail>>(
        this, [id](const std::shared_ptr<storage::Database> &db) { return AccountService(*db).departmentDetail(id); },
        [this, id](Expected<accounts::DepartmentDetail> detail) {
            if (selectedDepartment() != id)
                return;
            if (!detail) {
                m_detail.reset();
                m_detailText->setText(detail.error().message);
                return;
            }
            m_detail = std::move(*detail);
            showDetail();
            emit detailLoaded(id);
        });
}

void DepartmentsTab::showDetail()
{
    const QString cur = m_context.currency;
    if (!m_detail) {
        m_detailTitle->setText(tr("Department"));
        m_detailText->setText(m_model->departments().isEmpty() ? tr("No departments yet: New department… creates one.")
                                                               : tr("Select a department to see its cards and top-ups."));
        m_cards->setRows({});
        m_topUps->setRows({});
        return;
    }
    const Department &d = m_detail->department;
    m_detailTitle->setText(tr("Department %1").arg(d.name));
    QStringList lines;
    lines << tr("Pooled balance %1 · stops charging at %2")
                 .arg(amountText(d.balanceMinor, cur), amountText(d.autoStopThresholdMinor, cur));
    if (!m_detail->parentName.isEmpty())
        lines << tr("Part of %1.").arg(m_detail->parentName);
    if (m_detail->payingDepartmentId != d.id)
        lines << tr("Its sessions are paid from the pooled balance of %1.").arg(m_detail->payingDepartmentName);
    else
        lines << tr("Its sessions are paid from its own pooled balance.");
    m_detailText->setText(lines.join(u'\n'));
    QList<QStringList> cards;
    for (const storage::IdTag &t : m_detail->cards)
        cards.append({t.idTag, QLocale().toString(t.maxConcurrentSessions), t.status});
    m_cards->setRows(cards);
    QList<QStringList> topUps;
    for (const accounts::TopUp &t : m_detail->topUps)
        topUps.append({localTime(t.createdMs), amountText(t.amountMinor, t.currency), t.receipt, t.createdBy});
    m_topUps->setRows(topUps);
}

void DepartmentsTab::updateButtons()
{
    const bool selected = selectedDepartment() != 0;
    m_topUp->setEnabled(selected);
    m_addCard->setEnabled(selected);
    m_billing->setEnabled(selected);
}

template <typename T>
void DepartmentsTab::change(std::function<Expected<T>(AccountService &)> action,
                            std::function<std::pair<QString, qint64>(const T &)> message)
{
    m_status->clear();
    m_context.runner->run<Expected<T>>(
        this,
        [action = std::move(action)](const std::shared_ptr<storage::Database> &db) {
            AccountService service(*db);
            return action(service);
        },
        [this, message = std::move(message)](Expected<T> result) {
            QString text;
            if (result) {
                std::tie(text, m_selectAfterLoad) = message(*result);
            } else {
                text = result.error().message;
            }
            m_status->setText(text);
            refresh();
            emit actionFinished(result.ok(), text);
        });
}

DepartmentDialog *DepartmentsTab::openNewDepartment()
{
    const qint64 selected = selectedDepartment();
    auto *dialog = new DepartmentDialog(m_model->departments(), selected ? std::optional<qint64>(selected) : std::nullopt,
                                        m_context.currency, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const auto department = dialog->department();
        if (!department)
            return;
        change<Department>(
            [d = *department, who = m_context.actor](AccountService &s) { return s.createDepartment(d, who); },
            [](const Department &created) { return std::pair{tr("Created department %1.").arg(created.name), created.id}; });
    });
    dialog->open();
    return dialog;
}

TopUpDialog *DepartmentsTab::openTopUp()
{
    if (!m_detail || m_detail->department.id != selectedDepartment())
        return nullptr;
    const Department d = m_detail->department;
    const QString cur = m_context.currency;
    auto *dialog = new TopUpDialog(tr("Department %1").arg(d.name), cur, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TopUpDialog::reviewRequested, this, [this, dialog, id = d.id, cur](qint64 amount) {
        m_context.runner->run<Expected<accounts::TopUpPreview>>(
            dialog,
            [id, amount](const std::shared_ptr<storage::Database> &db) {
                return AccountService(*db).previewDepartmentTopUp(id, amount);
            },
            [dialog, amount, cur](Expected<accounts::TopUpPreview> preview) {
                if (!preview) {
                    dialog->showError(preview.error().message);
                    return;
                }
                dialog->showConfirmation(
                    {tr("%1 in cash goes onto the department's pooled balance.").arg(amountText(amount, cur)),
                     tr("Pooled balance: %1 → %2")
                         .arg(amountText(preview->balanceBeforeMinor, cur), amountText(preview->balanceAfterMinor, cur))});
            });
    });
    connect(dialog, &QDialog::accepted, this, [this, dialog, id = d.id] {
        const auto amount = dialog->amountMinor();
        if (!amount)
            return;
        accounts::TopUpRequest request;
        request.amountMinor = *amount;
        request.currency = m_context.currency;
        request.receipt = dialog->receipt();
        change<accounts::TopUpResult>(
            [id, request, who = m_context.actor](AccountService &s) { return s.topUpDepartment(id, request, who); },
            [id](const accounts::TopUpResult &r) {
                return std::pair{tr("Topped up %1 (receipt %2); the pooled balance is %3.")
                                     .arg(amountText(r.topUp.amountMinor, r.topUp.currency), r.topUp.receipt,
                                          amountText(r.balanceAfterMinor, r.topUp.currency)),
                                 id};
            });
    });
    dialog->open();
    return dialog;
}

CardDialog *DepartmentsTab::openAddCard()
{
    if (!m_detail || m_detail->department.id != selectedDepartment())
        return nullptr;
    const Department d = m_detail->department;
    auto *dialog = new CardDialog(CardDialog::Owner::Department, tr("Department %1").arg(d.name), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, id = d.id] {
        change<storage::IdTag>(
            [id, tag = dialog->idTag(), sessions = dialog->maxSessions(), who = m_context.actor](AccountService &s) {
                return s.addDepartmentCard(id, tag, sessions, who);
            },
            [id](const storage::IdTag &tag) {
                return std::pair{tr("Department card %1 added: up to %n vehicle(s) at once.", nullptr, tag.maxConcurrentSessions)
                                     .arg(tag.idTag),
                                 id};
            });
    });
    dialog->open();
    return dialog;
}

ThresholdDialog *DepartmentsTab::openBilling()
{
    if (!m_detail || m_detail->department.id != selectedDepartment())
        return nullptr;
    const Department d = m_detail->department;
    auto *dialog = new ThresholdDialog(tr("Department %1").arg(d.name), m_context.currency, d.autoStopThresholdMinor,
                                       d.billToParent, d.parentId.has_value(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, id = d.id] {
        const auto threshold = dialog->thresholdMinor();
        if (!threshold)
            return;
        change<Department>(
            [id, value = *threshold, bill = dialog->billToParent(), who = m_context.actor](AccountService &s) {
                return s.setDepartmentBilling(id, bill, value, who);
            },
            [id](const Department &after) {
                return std::pair{after.billToParent ? tr("%1 now bills its sessions to the parent department.").arg(after.name)
                                                    : tr("%1 now pays its sessions from its own pool.").arg(after.name),
                                 id};
            });
    });
    dialog->open();
    return dialog;
}

void DepartmentsTab::retranslateUi()
{
    const int count = int(m_model->departments().size());
    m_summary->setText(count == 0 ? tr("No departments yet.") : tr("%n department(s)", nullptr, count));
    m_new->setText(tr("&New department…"));
    m_topUp->setText(tr("&Top up…"));
    m_addCard->setText(tr("Add department &card…"));
    m_billing->setText(tr("&Billing…"));
    m_detailTabs->setTabText(0, tr("Department cards"));
    m_detailTabs->setTabText(1, tr("Top-ups"));
    //: column: how many vehicles the department card may charge at the same time
    m_cards->setHeaders({tr("Card"), tr("Vehicles at once"), tr("Status")});
    m_topUps->setHeaders({tr("When"), tr("Amount"), tr("Receipt"), tr("Taken by")});
    m_model->retranslate();
    showDetail();
}

}  // namespace cd::ui
