#include "ui/refunds/refundspage.h"

#include "core/accounts/accountservice.h"
#include "core/payments/paymentsettings.h"
#include "core/refunds/refundplan.h"
#include "core/refunds/refundrepository.h"
#include "core/storage/queryrunner.h"
#include "ui/accounts/texttablemodel.h"
#include "ui/refunds/applyrefunddialog.h"
#include "ui/refunds/approverefunddialog.h"
#include "ui/refunds/deskrefunddialog.h"
#include "ui/refunds/refunddetailpane.h"
#include "ui/shell/screen.h"
#include "ui/widgets/moneytext.h"
#include "ui/widgets/pageheader.h"
#include "ui/widgets/readonlytable.h"
#include "ui/widgets/style.h"
#include "ui/widgets/permittedwidgets.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QShowEvent>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace cd::ui {

using namespace refunds;

namespace {

constexpr int kPageSize = 200;
constexpr int kSearchMembers = 50;

struct Page {
    QList<RefundApplication> rows;
    bool more = false;
};

// Newest first, strictly older than `filter.beforeId`; with a member search, the applications of
// every member it finds (merged, newest first).
Expected<Page> loadPage(const storage::Database &db, RefundFilter filter, const QString &search)
{
    const RefundService reader(db, nullptr);
    const int limit = filter.limit;
    filter.limit = limit + 1;
    QList<RefundApplication> rows;
    if (search.isEmpty()) {
        auto listed = reader.list(filter);
        if (!listed)
            return listed.error();
        rows = *listed;
    } else {
        accounts::MemberFilter members;
        members.search = search;
        members.limit = kSearchMembers;
        auto found = accounts::AccountService(db).members(members);
        if (!found)
            return found.error();
        for (const accounts::Member &m : *found) {
            filter.memberId = m.id;
            auto listed = reader.list(filter);
            if (!listed)
                return listed.error();
            rows += *listed;
        }
        std::sort(rows.begin(), rows.end(),
                  [](const RefundApplication &a, const RefundApplication &b) { return a.id > b.id; });
    }
    Page page;
    page.more = rows.size() > limit;
    page.rows = rows.mid(0, limit);
    return page;
}

QString when(std::optional<qint64> ms)
{
    return ms ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(*ms), QLocale::ShortFormat) : QString();
}

struct Approval {
    RefundPlan plan;
    qint64 commission = 0;
};

}  // namespace

RefundsPage::RefundsPage(const ConsoleServices &services, QWidget *parent)
    : RefundsPage(services, RefundEngine::GatewayFactory(), parent)
{
}

RefundsPage::RefundsPage(const ConsoleServices &services, RefundEngine::GatewayFactory gateway, QWidget *parent)
    : QWidget(parent),
      m_runner(std::make_unique<storage::QueryRunner>(services.database)),
      m_engine(std::make_shared<RefundEngine>(std::move(gateway))),
      m_actor(services.actor),
      m_currency(payments::PaymentSettings::load(QSettings()).holdCurrency)
{
    build();
    // The gateway's answers (also late ones, long after the action) come from the worker.
    QPointer<RefundsPage> self(this);
    m_engine->setListener([self](RefundService &service) {
        if (!self)
            return;
        QObject::connect(
            &service, &RefundService::recordAnswered, self.data(),
            [self](qint64 applicationId, qint64 recordId, bool done, const QString &error) {
                if (!self)
                    return;
                if (!error.isEmpty())
                    //: %1 the application, %2 the gateway's message
                    self->m_status->setText(tr("Refund of application %1: %2").arg(applicationId).arg(error));
                else if (done)
                    self->m_status->setText(tr("The gateway confirmed a refund of application %1.").arg(applicationId));
                self->refresh();
                emit self->gatewayAnswered(applicationId, recordId, done, error);
            });
    });
    retranslateUi();
    refresh();
}

RefundsPage::~RefundsPage()
{
    // The service and its gateway were made on the worker: they go there, before the worker does.
    m_runner->run<int>(
        nullptr,
        [engine = m_engine](const std::shared_ptr<storage::Database> &) {
            engine->shutDown();
            return 0;
        },
        [](int) {});
    m_runner.reset();
}

void RefundsPage::build()
{
    m_detail = new RefundDetailPane(this);
    m_detail->setCurrency(m_currency);
    m_header = new PageHeader(this);
    m_statusLabel = new QLabel(this);
    m_statusFilter = new QComboBox(this);
    m_statusFilter->setObjectName(u"refundStatusFilter"_s);
    for (int i = 0; i < 4; ++i)
        m_statusFilter->addItem(QString());
    m_statusFilter->setCurrentIndex(int(StatusFilter::All));
    m_statusLabel->setBuddy(m_statusFilter);
    m_searchLabel = new QLabel(this);
    m_search = new QLineEdit(this);
    m_search->setObjectName(u"refundMemberSearch"_s);
    m_search->setClearButtonEnabled(true);
    m_searchLabel->setBuddy(m_search);
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(300);
    m_apply = new QPushButton(this);
    m_apply->setObjectName(u"newRefundButton"_s);
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_statusLabel);
    filters->addWidget(m_statusFilter);
    filters->addSpacing(12);
    filters->addWidget(m_searchLabel);
    filters->addWidget(m_search, 1);
    filters->addSpacing(12);
    filters->addWidget(m_apply);

    m_listTitle = new QLabel(this);
    m_listTitle->setFont(style::subheadingFont(font()));
    m_model = new TextTableModel(this);
    m_model->setNumericColumns({0, 2, 3, 4});
    m_view = makeReadOnlyTable(u"refundApplications"_s, this);
    m_view->setModel(m_model);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_approve = new QPushButton(this);
    m_approve->setObjectName(u"approveRefundButton"_s);
    m_reject = new QPushButton(this);
    m_reject->setObjectName(u"rejectRefundButton"_s);
    m_desk = new QPushButton(this);
    m_desk->setObjectName(u"confirmDeskRefundButton"_s);
    m_retry = new QPushButton(this);
    m_retry->setObjectName(u"retryRefundButton"_s);
    m_older = new QPushButton(this);
    m_older->setObjectName(u"showOlderRefundsButton"_s);
    showOnlyIfAllowed(m_actor, access::Permission::RefundsApply, {m_apply});
    showOnlyIfAllowed(m_actor, access::Permission::RefundsApprove, {m_approve, m_reject, m_retry});
    showOnlyIfAllowed(m_actor, access::Permission::RefundsConfirm, {m_desk});
    m_status = new QLabel(this);
    m_status->setObjectName(u"refundStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_approve);
    actions->addWidget(m_reject);
    actions->addWidget(m_desk);
    actions->addWidget(m_retry);
    actions->addStretch(1);
    actions->addWidget(m_older);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_listTitle);
    leftLayout->addWidget(m_view, 1);
    leftLayout->addLayout(actions);
    leftLayout->addWidget(m_status);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(left);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    m_detail->setContentsMargins(0, 8, 0, 0);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    layout->addWidget(m_header);
    layout->addLayout(filters);
    layout->addWidget(split, 1);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        m_selected.reset();
        updateButtons();
        loadDetail();
    });
    connect(m_detail->recordsView()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RefundsPage::updateButtons);
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, &RefundsPage::refresh);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, &RefundsPage::refresh);
    connect(m_apply, &QPushButton::clicked, this, &RefundsPage::openApply);
    connect(m_approve, &QPushButton::clicked, this, &RefundsPage::openApprove);
    connect(m_reject, &QPushButton::clicked, this, &RefundsPage::openReject);
    connect(m_desk, &QPushButton::clicked, this, &RefundsPage::openDeskConfirm);
    connect(m_retry, &QPushButton::clicked, this, &RefundsPage::retry);
    connect(m_older, &QPushButton::clicked, this, &RefundsPage::showOlder);
}

QString RefundsPage::statusText() const
{
    return m_status->text();
}

RefundFilter RefundsPage::filter() const
{
    RefundFilter f;
    switch (static_cast<StatusFilter>(m_statusFilter->currentIndex())) {
        case StatusFilter::All:
            break;
        case StatusFilter::Pending:
            f.status = RefundStatus::Pending;
            break;
        case StatusFilter::Approved:
            f.status = RefundStatus::Approved;
            break;
        case StatusFilter::Rejected:
            f.status = RefundStatus::Rejected;
            break;
    }
    f.limit = kPageSize;
    return f;
}

void RefundsPage::setStatusFilter(StatusFilter filter)
{
    m_statusFilter->setCurrentIndex(int(filter));
}

void RefundsPage::setMemberSearch(const QString &text)
{
    m_search->setText(text);
    m_searchDelay->stop();
    refresh();
}

void RefundsPage::refresh()
{
    RefundFilter f = filter();
    // As many as are shown now, so an action does not fold the older pages away.
    f.limit = std::max(kPageSize, int(m_rows.size()));
    const int generation = ++m_generation;
    m_runner->run<Expected<Page>>(
        this,
        [engine = m_engine, f, search = m_search->text().trimmed()](const std::shared_ptr<storage::Database> &db) {
            engine->service(*db);  // the console's one service: made (and resumed) on first use
            return loadPage(*db, f, search);
        },
        [this, generation](Expected<Page> page) {
            if (generation != m_generation)
                return;  // a newer load is on its way
            if (!page) {
                m_status->setText(page.error().message);
                return;
            }
            const qint64 selected = selectedApplication();
            m_rows = page->rows;
            m_hasOlder = page->more;
            showRows();
            if (selected == 0 || !selectApplication(selected)) {
                m_selected.reset();
                m_detail->clear();
            } else {
                loadDetail();
            }
            updateButtons();
            emit loaded(int(m_rows.size()));
        });
}

bool RefundsPage::showOlder()
{
    if (!m_hasOlder || m_rows.isEmpty())
        return false;
    RefundFilter f = filter();
    f.beforeId = m_rows.constLast().id;
    const int generation = m_generation;
    m_runner->run<Expected<Page>>(
        this,
        [f, search = m_search->text().trimmed()](const std::shared_ptr<storage::Database> &db) {
            return loadPage(*db, f, search);
        },
        [this, generation, before = *f.beforeId](Expected<Page> page) {
            if (generation != m_generation || m_rows.isEmpty() || m_rows.constLast().id != before)
                return;  // reloaded meanwhile
            if (!page) {
                m_status->setText(page.error().message);
                return;
            }
            m_rows += page->rows;
            m_hasOlder = page->more;
            const qint64 selected = selectedApplication();
            showRows();
            if (selected != 0)
                selectApplication(selected);
            updateButtons();
            emit loaded(int(m_rows.size()));
        });
    return true;
}

void RefundsPage::showRows()
{
    QList<QStringList> rows;
    for (const RefundApplication &a : std::as_const(m_rows)) {
        const bool decided = a.status != RefundStatus::Pending;
        rows.append({QString::number(a.id), a.memberName, amountText(a.amountMinor, m_currency),
                     a.status == RefundStatus::Approved ? amountText(a.commissionMinor, m_currency) : QString(),
                     a.status == RefundStatus::Approved ? amountText(a.refundedMinor, m_currency) : QString(),
                     RefundText::statusTitle(a.status), RefundText::progressTitle(a.progress), when(a.appliedMs),
                     decided ? a.decidedBy : QString()});
    }
    m_model->setRows(rows);
    //: %1 how many applications are listed
    m_listTitle->setText(tr("Applications, newest first: %1 shown").arg(QLocale().toString(m_rows.size())));
}

bool RefundsPage::selectApplication(qint64 id)
{
    return selectSourceRow(m_view, m_model, rowOfId(m_rows, id));
}

qint64 RefundsPage::selectedApplication() const
{
    return currentRowId(m_view, m_rows);
}

void RefundsPage::loadDetail()
{
    const qint64 id = selectedApplication();
    if (id == 0) {
        m_detail->clear();
        return;
    }
    m_runner->run<Expected<RefundDetail>>(
        this, [id](const std::shared_ptr<storage::Database> &db) { return RefundService(*db, nullptr).show(id); },
        [this, id](Expected<RefundDetail> detail) {
            if (selectedApplication() != id)
                return;
            if (!detail) {
                m_status->setText(detail.error().message);
                return;
            }
            m_selected = *detail;
            m_detail->showDetail(*detail);
            updateButtons();
            emit detailLoaded(id);
        });
}

std::optional<RefundGatewayRecord> RefundsPage::deskRecord() const
{
    if (!m_selected)
        return std::nullopt;
    const auto open = [](const RefundGatewayRecord &r) { return r.atDesk() && r.status == RecordStatus::InProgress; };
    const int row = m_detail->recordsView()->currentIndex().row();
    if (row >= 0 && row < m_selected->records.size() && open(m_selected->records.at(row)))
        return m_selected->records.at(row);
    for (const RefundGatewayRecord &r : m_selected->records) {
        if (open(r))
            return r;
    }
    return std::nullopt;
}

void RefundsPage::updateButtons()
{
    const int row = m_view->currentIndex().row();
    const bool has = row >= 0 && row < m_rows.size();
    const bool pending = has && m_rows.at(row).status == RefundStatus::Pending;
    m_approve->setEnabled(pending);
    m_reject->setEnabled(pending);
    const bool loaded = has && m_selected && m_selected->application.id == m_rows.at(row).id;
    m_desk->setEnabled(loaded && deskRecord().has_value());
    bool waiting = false;
    if (loaded && m_selected->application.status == RefundStatus::Approved) {
        for (const RefundGatewayRecord &r : m_selected->records)
            waiting = waiting || (!r.atDesk() && r.status == RecordStatus::InProgress);
    }
    m_retry->setEnabled(waiting);
    m_older->setEnabled(m_hasOlder);
}

template <typename T>
void RefundsPage::change(std::function<Expected<T>(RefundService &)> action, std::function<QString(const T &)> message)
{
    m_status->clear();
    m_runner->run<Expected<T>>(
        this,
        [engine = m_engine, action = std::move(action)](const std::shared_ptr<storage::Database> &db) -> Expected<T> {
            RefundService *service = engine->service(*db);
            if (!service)
                return Error{ExitCode::Failure, engine->unavailableReason()};
            return action(*service);
        },
        [this, message = std::move(message)](Expected<T> result) {
            const QString text = result ? message(*result) : result.error().message;
            m_status->setText(text);
            refresh();
            emit actionFinished(result.ok(), text);
        });
}

void RefundsPage::searchMembers(ApplyRefundDialog *dialog, const QString &text)
{
    m_runner->run<Expected<QList<accounts::Member>>>(
        dialog,
        [text](const std::shared_ptr<storage::Database> &db) {
            accounts::MemberFilter f;
            f.search = text;
            f.limit = kSearchMembers;
            return accounts::AccountService(*db).members(f);
        },
        [dialog](Expected<QList<accounts::Member>> members) {
            if (members)
                dialog->setMembers(*members);
        });
}

ApplyRefundDialog *RefundsPage::openApply()
{
    auto *dialog = new ApplyRefundDialog(m_currency, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ApplyRefundDialog::searchRequested, this,
            [this, dialog](const QString &text) { searchMembers(dialog, text); });
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const auto member = dialog->member();
        const auto amount = dialog->amountMinor();
        if (!member || !amount)
            return;
        RefundRequest request;
        request.memberId = member->id;
        request.amountMinor = *amount;
        request.currency = m_currency;
        request.reason = dialog->reason();
        request.revokeCoupons = dialog->revokeCoupons();
        change<RefundApplication>([request, who = m_actor](RefundService &s) { return s.apply(request, who); },
                                  [this](const RefundApplication &a) {
                                      //: %1 the application's number, %2 the amount, %3 the member
                                      return tr("Application %1: %2 of %3 is pending the audit.")
                                          .arg(a.id)
                                          .arg(amountText(a.amountMinor, m_currency), a.memberName);
                                  });
    });
    searchMembers(dialog, QString());
    dialog->open();
    return dialog;
}

void RefundsPage::reviewApproval(ApproveRefundDialog *dialog, const RefundApplication &application, qint64 commission)
{
    m_runner->run<Expected<Approval>>(
        dialog,
        [engine = m_engine, application,
         commission](const std::shared_ptr<storage::Database> &db) -> Expected<Approval> {
            if (!engine->service(*db))
                return Error{ExitCode::Failure, engine->unavailableReason()};
            auto topUps = RefundRepository(*db).refundableTopUps(application.memberId);
            if (!topUps)
                return topUps.error();
            return Approval{planRefund(*topUps, application.amountMinor - commission, engine->gatewayName(),
                                       application.currency),
                            commission};
        },
        [this, dialog, application](Expected<Approval> approval) {
            if (!approval) {
                dialog->showError(approval.error().message);
                return;
            }
            const QString cur = m_currency;
            QStringList lines;
            for (const PlannedRefund &part : approval->plan.parts) {
                const QString receipt = part.topUp.receipt.isEmpty() ? QString() : u" ("_s + part.topUp.receipt + u')';
                if (part.atDesk)
                    //: %1 amount, %2 the top-up's number, %3 its receipt in brackets or nothing
                    lines << tr("%1 is paid back in cash at the desk for top-up %2%3; confirm it when paid.")
                                 .arg(amountText(part.amountMinor, cur))
                                 .arg(part.topUp.id)
                                 .arg(receipt);
                else
                    //: %1 amount, %2 the top-up's number, %3 its receipt in brackets, %4 the gateway
                    lines << tr("%1 goes back to the card of top-up %2%3 through %4.")
                                 .arg(amountText(part.amountMinor, cur))
                                 .arg(part.topUp.id)
                                 .arg(receipt, part.topUp.gateway);
            }
            if (approval->plan.uncoveredMinor > 0)
                lines << tr("%1 cannot be refunded through any top-up and goes back to %2's refundable balance.")
                             .arg(amountText(approval->plan.uncoveredMinor, cur), application.memberName);
            lines << tr("Commission %1 is kept.").arg(amountText(approval->commission, cur));
            dialog->showConfirmation(lines, approval->plan.coveredMinor);
        });
}

ApproveRefundDialog *RefundsPage::openApprove()
{
    const int row = m_view->currentIndex().row();
    if (row < 0 || row >= m_rows.size() || m_rows.at(row).status != RefundStatus::Pending)
        return nullptr;
    const RefundApplication a = m_rows.at(row);
    auto *dialog = new ApproveRefundDialog(tr("Application %1 of %2 for %3: \"%4\"")
                                               .arg(a.id)
                                               .arg(a.memberName, amountText(a.amountMinor, m_currency), a.reason),
                                           a.amountMinor, m_currency, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ApproveRefundDialog::reviewRequested, this,
            [this, dialog, a](qint64 commission) { reviewApproval(dialog, a, commission); });
    connect(dialog, &QDialog::accepted, this, [this, dialog, id = a.id] {
        const auto commission = dialog->commissionMinor();
        if (!commission)
            return;
        change<ApprovalResult>([id, c = *commission, who = m_actor,
                                why = dialog->reason()](RefundService &s) { return s.approve(id, c, who, why); },
                               [this](const ApprovalResult &r) {
                                   qint64 sent = 0;
                                   for (const RefundGatewayRecord &rec : r.records)
                                       sent += rec.amountMinor;
                                   return tr("Application %1 approved: %2 is being refunded.")
                                       .arg(r.application.id)
                                       .arg(amountText(sent, m_currency));
                               });
    });
    dialog->open();
    return dialog;
}

QDialog *RefundsPage::openReject()
{
    const int row = m_view->currentIndex().row();
    if (row < 0 || row >= m_rows.size() || m_rows.at(row).status != RefundStatus::Pending)
        return nullptr;
    const RefundApplication a = m_rows.at(row);
    auto *dialog = new QDialog(this);
    dialog->setObjectName(u"rejectRefundDialog"_s);
    dialog->setWindowTitle(tr("Reject refund"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *what = new QLabel(tr("Application %1 of %2 is rejected: %3 goes back to the member's balance and refundable "
                               "amount, and leaves the pending refund.")
                                .arg(a.id)
                                .arg(a.memberName, amountText(a.amountMinor, m_currency)),
                            dialog);
    what->setObjectName(u"rejectRefundText"_s);
    what->setWordWrap(true);
    auto *reason = new QLineEdit(dialog);
    reason->setObjectName(u"rejectRefundReason"_s);
    reason->setMaxLength(500);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Reject"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(reason, &QLineEdit::textChanged, dialog, [buttons](const QString &text) {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.trimmed().isEmpty());
    });
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *form = new QFormLayout;
    form->addRow(tr("Reason:"), reason);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(what);
    layout->addLayout(form);
    layout->addWidget(buttons);
    dialog->setMinimumWidth(460);
    connect(dialog, &QDialog::accepted, this, [this, reason, id = a.id] {
        change<RefundApplication>(
            [id, who = m_actor, why = reason->text().trimmed()](RefundService &s) { return s.reject(id, who, why); },
            [this](const RefundApplication &after) {
                return tr("Application %1 rejected: %2 is back with %3.")
                    .arg(after.id)
                    .arg(amountText(after.amountMinor, m_currency), after.memberName);
            });
    });
    dialog->open();
    return dialog;
}

QDialog *RefundsPage::openDeskConfirm()
{
    const auto record = deskRecord();
    if (!record || !m_selected)
        return nullptr;
    auto *dialog = new DeskRefundDialog(*record, m_selected->application.memberName, m_currency, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, amount = amountText(record->amountMinor, m_currency)] {
        const bool paid = dialog->paid();
        change<RefundApplication>(
            [id = dialog->recordId(), paid, number = dialog->receipt(), who = m_actor,
             why = dialog->reason()](RefundService &s) { return s.confirmDesk(id, paid, number, who, why); },
            [paid, amount](const RefundApplication &after) {
                return paid ? tr("Desk refund of %1 confirmed (application %2).").arg(amount).arg(after.id)
                            : tr("Desk refund not paid: %1 is back with %2.").arg(amount, after.memberName);
            });
    });
    dialog->open();
    return dialog;
}

bool RefundsPage::retry()
{
    if (!m_retry->isEnabled() || !m_selected)
        return false;
    change<int>([id = m_selected->application.id](RefundService &s) { return s.resend(id); },
                [](const int &sent) {
                    return sent > 0 ? tr("%n refund(s) sent to the gateway again.", nullptr, sent)
                                    : tr("Nothing sent: the gateway's answer is still awaited.");
                });
    return true;
}

void RefundsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!event->spontaneous())
        refresh();
}

void RefundsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void RefundsPage::retranslateUi()
{
    m_header->setTitle(Screens::title(Screen::Refunds));
    m_header->setDescription(Screens::description(Screen::Refunds));
    m_statusLabel->setText(tr("&Status:"));
    m_statusFilter->setItemText(int(StatusFilter::All), tr("All"));
    m_statusFilter->setItemText(int(StatusFilter::Pending), RefundText::statusTitle(RefundStatus::Pending));
    m_statusFilter->setItemText(int(StatusFilter::Approved), RefundText::statusTitle(RefundStatus::Approved));
    m_statusFilter->setItemText(int(StatusFilter::Rejected), RefundText::statusTitle(RefundStatus::Rejected));
    m_searchLabel->setText(tr("&Member:"));
    m_search->setPlaceholderText(tr("Name, phone, e-mail or card"));
    m_apply->setText(tr("&New application…"));
    m_approve->setText(tr("&Approve…"));
    m_reject->setText(tr("&Reject…"));
    m_desk->setText(tr("Confirm &desk refund…"));
    m_retry->setText(tr("Re&try"));
    m_older->setText(tr("Show &older"));
    m_model->setHeaders({tr("No."), tr("Member"), tr("Amount"), tr("Commission"), tr("Refunded"), tr("Status"),
                         tr("Progress"), tr("Applied"), tr("Decided by")});
    const qint64 selected = selectedApplication();
    showRows();  // resets the model: keep the selection
    if (selected != 0)
        selectApplication(selected);
    m_detail->retranslateUi();
    updateButtons();
}

}  // namespace cd::ui
