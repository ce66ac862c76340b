#include "ui/accounts/memberstab.h"

#include "core/storage/queryrunner.h"
#include "ui/accounts/carddialog.h"
#include "ui/accounts/memberdialog.h"
#include "ui/accounts/membertablemodel.h"
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
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

using accounts::AccountService;
using accounts::Member;

namespace {

constexpr int kPage = 200;

struct ListAnswer {
    QList<Member> members;
    QList<accounts::Department> departments;
};

QString localTime(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat);
}

QString localDate(std::optional<qint64> ms)
{
    return ms ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(*ms).date(), QLocale::ShortFormat) : QString();
}

}  // namespace

MembersTab::MembersTab(const AccountsContext &context, QWidget *parent) : QWidget(parent), m_context(context)
{
    m_search = new QLineEdit(this);
    m_search->setObjectName(u"memberSearch"_s);
    m_search->setClearButtonEnabled(true);
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"memberSummary"_s);
    style::makeMuted(m_summary);
    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 2);
    searchRow->addSpacing(12);
    searchRow->addWidget(m_summary, 3);

    m_model = new MemberTableModel(this);
    m_model->setCurrency(context.currency);
    m_table = makeReadOnlyTable(u"memberTable"_s, this);
    m_table->setModel(m_model);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(MemberTableModel::Name, QHeaderView::Stretch);

    m_new = new QPushButton(this);
    m_new->setObjectName(u"newMemberButton"_s);
    m_edit = new QPushButton(this);
    m_edit->setObjectName(u"editMemberButton"_s);
    m_topUp = new QPushButton(this);
    m_topUp->setObjectName(u"topUpMemberButton"_s);
    m_addCard = new QPushButton(this);
    m_addCard->setObjectName(u"addMemberCardButton"_s);
    m_threshold = new QPushButton(this);
    m_threshold->setObjectName(u"memberThresholdButton"_s);
    showOnlyIfAllowed(m_context.actor, access::Permission::AccountsEdit, {m_new, m_edit, m_addCard, m_threshold});
    showOnlyIfAllowed(m_context.actor, access::Permission::AccountsTopUp, {m_topUp});
    m_status = new QLabel(this);
    m_status->setObjectName(u"memberStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_new, m_edit, m_topUp, m_addCard, m_threshold})
        buttons->addWidget(b);
    buttons->addSpacing(12);
    buttons->addWidget(m_status, 1);

    m_detailTitle = new QLabel(this);
    m_detailTitle->setObjectName(u"memberDetailTitle"_s);
    m_detailTitle->setFont(style::subheadingFont(font()));
    m_detailText = new QLabel(this);
    m_detailText->setObjectName(u"memberDetail"_s);
    m_detailText->setTextFormat(Qt::PlainText);
    m_detailText->setWordWrap(true);
    m_detailText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailTabs = new QTabWidget(this);
    m_detailTabs->setObjectName(u"memberDetailTabs"_s);
    m_cards = new TextTableModel(this);
    m_topUps = new TextTableModel(this);
    m_topUps->setNumericColumns({1});
    m_coupons = new TextTableModel(this);
    m_coupons->setNumericColumns({2, 3});
    const std::pair<TextTableModel *, QString> lists[] = {
        {m_cards, u"memberCards"_s}, {m_topUps, u"memberTopUps"_s}, {m_coupons, u"memberCoupons"_s}};
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
    topLayout->addLayout(searchRow);
    topLayout->addWidget(m_table, 1);
    topLayout->addLayout(buttons);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 8, 0, 0);
    bottomLayout->addWidget(m_detailTitle);
    bottomLayout->addWidget(m_detailText);
    bottomLayout->addWidget(m_detailTabs, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(u"memberSplit"_s);
    split->setChildrenCollapsible(false);
    split->addWidget(top);
    split->addWidget(bottom);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->addWidget(split);

    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250);
    connect(m_searchDelay, &QTimer::timeout, this, [this] {
        ++m_generation;
        m_loading = false;
        m_model->setMembers({}, false);
        refresh();
    });
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateButtons();
        loadDetail();
    });
    connect(m_model, &MemberTableModel::moreRequested, this, &MembersTab::loadMore);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateButtons();
        loadDetail();
    });
    connect(m_new, &QPushButton::clicked, this, &MembersTab::openNewMember);
    connect(m_edit, &QPushButton::clicked, this, &MembersTab::openEditMember);
    connect(m_topUp, &QPushButton::clicked, this, &MembersTab::openTopUp);
    connect(m_addCard, &QPushButton::clicked, this, &MembersTab::openAddCard);
    connect(m_threshold, &QPushButton::clicked, this, &MembersTab::openThreshold);
    retranslateUi();
    updateButtons();
    refresh();
}

MembersTab::~MembersTab() = default;

QString MembersTab::detailText() const
{
    return m_detailText->text();
}

QString MembersTab::statusText() const
{
    return m_status->text();
}

void MembersTab::setSearch(const QString &text)
{
    m_search->setText(text);
    m_searchDelay->stop();
    ++m_generation;
    m_loading = false;
    m_model->setMembers({}, false);
    refresh();
}

void MembersTab::refresh()
{
    if (m_loading)
        return;
    m_loading = true;
    accounts::MemberFilter filter;
    filter.search = m_search->text();
    filter.limit = qMax(kPage, m_model->rowCount()) + 1;
    const int generation = m_generation;
    m_context.runner->run<Expected<ListAnswer>>(
        this,
        [filter](const std::shared_ptr<storage::Database> &db) -> Expected<ListAnswer> {
            AccountService service(*db);
            auto members = service.members(filter);
            if (!members)
                return members.error();
            auto departments = service.departments();
            if (!departments)
                return departments.error();
            return ListAnswer{*members, *departments};
        },
        [this, generation, limit = filter.limit](Expected<ListAnswer> answer) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (!answer) {
                m_status->setText(answer.error().message);
                return;
            }
            m_departments = answer->departments;
            const qint64 selected = selectedMember();
            QList<Member> rows = std::move(answer->members);
            const bool more = rows.size() >= limit;
            if (more)
                rows.removeLast();
            m_model->setMembers(std::move(rows), more);
            if (selected != 0 && selectedMember() != selected)
                selectMember(selected);
            retranslateUi();
            updateButtons();
            loadDetail();
            emit loaded(m_model->rowCount());
        });
}

void MembersTab::loadMore(qint64 afterId)
{
    accounts::MemberFilter filter;
    filter.search = m_search->text();
    filter.afterId = afterId;
    filter.limit = kPage + 1;
    const int generation = m_generation;
    m_context.runner->run<Expected<QList<Member>>>(
        this, [filter](const std::shared_ptr<storage::Database> &db) { return AccountService(*db).members(filter); },
        [this, generation](Expected<QList<Member>> rows) {
            if (generation != m_generation)
                return;
            if (!rows) {
                m_status->setText(rows.error().message);
                m_model->appendMembers({}, false);
                return;
            }
            const bool more = rows->size() > kPage;
            if (more)
                rows->removeLast();
            m_model->appendMembers(std::move(*rows), more);
            retranslateUi();
        });
}

bool MembersTab::selectMember(qint64 memberId)
{
    return selectSourceRow(m_table, m_model, m_model->rowOf(memberId));
}

qint64 MembersTab::selectedMember() const
{
    const Member *m = m_model->member(m_table->currentIndex().row());
    return m ? m->id : 0;
}

void MembersTab::loadDetail()
{
    const qint64 id = selectedMember();
    if (id == 0) {
        m_detail.reset();
        showDetail();
        return;
    }
    m_context.runner->run<Expected<accounts::MemberDetail>>(
        this, [id](const std::shared_ptr<storage::Database> &db) { return AccountService(*db).memberDetail(id); },
        [this, id](Expected<accounts::MemberDetail> detail) {
            if (selectedMember() != id)
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

void MembersTab::showDetail()
{
    const QString cur = m_context.currency;
    if (!m_detail) {
        m_detailTitle->setText(tr("Member"));
        m_detailText->setText(m_model->rowCount() == 0 ? QString() : tr("Select a member to see the cards, top-ups and coupons."));
        m_cards->setRows({});
        m_topUps->setRows({});
        m_coupons->setRows({});
        return;
    }
    const Member &m = m_detail->member;
    m_detailTitle->setText(tr("Member %1: %2").arg(m.id).arg(m.name.isEmpty() ? m.phone : m.name));
    QStringList lines;
    QStringList contact;
    if (!m.phone.isEmpty())
        contact << m.phone;
    if (!m.email.isEmpty())
        contact << m.email;
    if (!m_detail->departmentName.isEmpty())
        contact << tr("department %1").arg(m_detail->departmentName);
    if (!contact.isEmpty())
        lines << contact.join(u" · "_s);
    lines << tr("Balance %1 · refundable %2 · stops charging at %3")
                 .arg(amountText(m.balanceMinor, cur), amountText(m.refundableMinor, cur),
                      amountText(m.autoStopThresholdMinor, cur));
    if (m.pendingRefundMinor != 0)
        lines << tr("A refund of %1 waits for the audit: it is not refundable again until then.")
                     .arg(amountText(m.pendingRefundMinor, cur));
    m_detailText->setText(lines.join(u'\n'));

    QList<QStringList> cards;
    for (const storage::IdTag &t : m_detail->cards)
        cards.append({t.idTag, t.kind == u"app" ? tr("App") : tr("Card"), t.status, localDate(t.expiryMs)});
    m_cards->setRows(cards);
    QList<QStringList> topUps;
    for (const accounts::TopUp &t : m_detail->topUps)
        topUps.append({localTime(t.createdMs), amountText(t.amountMinor, t.currency),
                       t.gateway == u"manual" ? tr("Cash at the desk") : t.gateway, t.receipt, t.createdBy});
    m_topUps->setRows(topUps);
    QList<QStringList> coupons;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const accounts::Coupon &c : m_detail->coupons)
        coupons.append({c.code, c.name, amountText(c.amountMinor, cur), amountText(c.minSpendMinor, cur),
                        localDate(c.validToMs), accounts::AccountText::couponStatusTitle(c, now)});
    m_coupons->setRows(coupons);
}

void MembersTab::updateButtons()
{
    const bool selected = selectedMember() != 0;
    m_topUp->setEnabled(selected);
    m_addCard->setEnabled(selected);
    m_threshold->setEnabled(selected);
    m_edit->setEnabled(selected);
}

template <typename T>
void MembersTab::change(std::function<Expected<T>(AccountService &)> action,
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
            qint64 select = 0;
            if (result) {
                std::tie(text, select) = message(*result);
            } else {
                text = result.error().message;
            }
            m_status->setText(text);
            m_loading = false;
            ++m_generation;
            if (select != 0) {
                // The list reloads with the change; the member it is about is selected then.
                auto connection = std::make_shared<QMetaObject::Connection>();
                *connection = connect(this, &MembersTab::loaded, this, [this, select, connection] {
                    disconnect(*connection);
                    selectMember(select);
                });
            }
            refresh();
            emit actionFinished(result.ok(), text);
        });
}

MemberDialog *MembersTab::openNewMember()
{
    auto *dialog = new MemberDialog(m_departments, m_context.currency, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const auto member = dialog->member();
        if (!member)
            return;
        change<accounts::MemberCreated>(
            [m = *member, who = m_context.actor](AccountService &s) { return s.createMember(m, who); },
            [this](const accounts::MemberCreated &created) {
                QString text = tr("Created member %1.").arg(created.member.id);
                for (const accounts::Coupon &c : created.coupons)
                    text += u' ' + tr("Coupon %1 (%2) issued.").arg(c.code, amountText(c.amountMinor, m_context.currency));
                return std::pair{text, created.member.id};
            });
    });
    dialog->open();
    return dialog;
}

MemberDialog *MembersTab::openEditMember()
{
    if (!m_detail || m_detail->member.id != selectedMember())
        return nullptr;
    auto *dialog = new MemberDialog(m_departments, m_context.currency, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->editMember(m_detail->member);
    connect(dialog, &QDialog::accepted, this, [this, dialog, id = m_detail->member.id] {
        const auto details = dialog->member();
        if (!details)
            return;
        change<Member>(
            [id, d = *details, who = m_context.actor](AccountService &s) { return s.updateMember(id, d, who); },
            [id](const Member &) { return std::pair{tr("Member %1 saved.").arg(id), id}; });
    });
    dialog->open();
    return dialog;
}

TopUpDialog *MembersTab::openTopUp()
{
    if (!m_detail || m_detail->member.id != selectedMember())
        return nullptr;
    const Member m = m_detail->member;
    const QString cur = m_context.currency;
    auto *dialog = new TopUpDialog(tr("Member %1: %2").arg(m.id).arg(m.name.isEmpty() ? m.phone : m.name), cur, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TopUpDialog::reviewRequested, this, [this, dialog, id = m.id, cur](qint64 amount) {
        m_context.runner->run<Expected<accounts::TopUpPreview>>(
            dialog,
            [id, amount](const std::shared_ptr<storage::Database> &db) {
                return AccountService(*db).previewMemberTopUp(id, amount);
            },
            [dialog, amount, cur](Expected<accounts::TopUpPreview> preview) {
                if (!preview) {
                    dialog->showError(preview.error().message);
                    return;
                }
                QStringList lines;
                lines << tr("%1 in cash goes onto the member's balance.").arg(amountText(amount, cur));
                lines << tr("Balance: %1 → %2").arg(amountText(preview->balanceBeforeMinor, cur),
                                                     amountText(preview->balanceAfterMinor, cur));
                lines << tr("Refundable: %1 → %2").arg(amountText(preview->refundableBeforeMinor, cur),
                                                        amountText(preview->refundableAfterMinor, cur));
                if (preview->couponRule)
                    lines << tr("It earns the coupon \"%1\" worth %2.")
                                 .arg(preview->couponRule->name, amountText(preview->couponRule->amountMinor, cur));
                else
                    lines << tr("It earns no coupon.");
                dialog->showConfirmation(lines);
            });
    });
    connect(dialog, &QDialog::accepted, this, [this, dialog, id = m.id] {
        const auto amount = dialog->amountMinor();
        if (!amount)
            return;
        accounts::TopUpRequest request;
        request.amountMinor = *amount;
        request.currency = m_context.currency;
        request.receipt = dialog->receipt();
        change<accounts::TopUpResult>(
            [id, request, who = m_context.actor](AccountService &s) { return s.topUpMember(id, request, who); },
            [this, id](const accounts::TopUpResult &r) {
                const QString money = r.topUp.currency;
                QString text = tr("Topped up %1 (receipt %2); the balance is %3.")
                                   .arg(amountText(r.topUp.amountMinor, money), r.topUp.receipt,
                                        amountText(r.balanceAfterMinor, money));
                for (const accounts::Coupon &c : r.coupons)
                    text += u' ' + tr("Coupon %1 (%2) issued.").arg(c.code, amountText(c.amountMinor, money));
                return std::pair{text, id};
            });
    });
    dialog->open();
    return dialog;
}

CardDialog *MembersTab::openAddCard()
{
    if (!m_detail || m_detail->member.id != selectedMember())
        return nullptr;
    const Member m = m_detail->member;
    auto *dialog = new CardDialog(CardDialog::Owner::Member,
                                  tr("Member %1: %2").arg(m.id).arg(m.name.isEmpty() ? m.phone : m.name), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, id = m.id] {
        change<storage::IdTag>(
            [id, tag = dialog->idTag(), who = m_context.actor](AccountService &s) { return s.addMemberCard(id, tag, who); },
            [id](const storage::IdTag &tag) { return std::pair{tr("Card %1 added.").arg(tag.idTag), id}; });
    });
    dialog->open();
    return dialog;
}

ThresholdDialog *MembersTab::openThreshold()
{
    if (!m_detail || m_detail->member.id != selectedMember())
        return nullptr;
    const Member m = m_detail->member;
    auto *dialog = new ThresholdDialog(tr("Member %1: %2").arg(m.id).arg(m.name.isEmpty() ? m.phone : m.name),
                                       m_context.currency, m.autoStopThresholdMinor, std::nullopt, false, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, id = m.id] {
        const auto threshold = dialog->thresholdMinor();
        if (!threshold)
            return;
        change<Member>(
            [id, value = *threshold, who = m_context.actor](AccountService &s) {
                return s.setMemberThreshold(id, value, who);
            },
            [this, id](const Member &after) {
                return std::pair{tr("Charging now stops at %1.").arg(amountText(after.autoStopThresholdMinor, m_context.currency)), id};
            });
    });
    dialog->open();
    return dialog;
}

void MembersTab::retranslateUi()
{
    m_search->setPlaceholderText(tr("Search by name, phone, e-mail, card or number"));
    const int rows = m_model->rowCount();
    m_summary->setText(rows == 0 ? tr("No members found.")
                       : m_model->hasMore() ? tr("%1 members shown, more when you scroll down").arg(QLocale().toString(rows))
                                            : tr("%n member(s)", nullptr, rows));
    m_new->setText(tr("&New member…"));
    m_edit->setText(tr("&Edit…"));
    m_topUp->setText(tr("&Top up…"));
    m_addCard->setText(tr("Add &card…"));
    m_threshold->setText(tr("Auto-&stop threshold…"));
    m_detailTabs->setTabText(0, tr("Cards"));
    m_detailTabs->setTabText(1, tr("Top-ups"));
    m_detailTabs->setTabText(2, tr("Coupons"));
    m_cards->setHeaders({tr("Card"), tr("Kind"), tr("Status"), tr("Expires")});
    m_topUps->setHeaders({tr("When"), tr("Amount"), tr("Paid by"), tr("Receipt"), tr("Taken by")});
    m_coupons->setHeaders({tr("Code"), tr("Name"), tr("Worth"), tr("Min spend"), tr("Valid until"), tr("Status")});
    m_model->retranslate();
    showDetail();
}

}  // namespace cd::ui
