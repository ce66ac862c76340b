#include "ui/accounts/couponstab.h"

#include "core/accounts/accountservice.h"
#include "core/storage/queryrunner.h"
#include "ui/accounts/couponruledialog.h"
#include "ui/accounts/texttablemodel.h"
#include "ui/widgets/moneytext.h"
#include "ui/widgets/readonlytable.h"
#include "ui/widgets/style.h"
#include "ui/widgets/permittedwidgets.h"

#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

using accounts::Coupon;
using accounts::CouponRule;
using accounts::CouponService;

namespace {

constexpr int kCouponLimit = 500;

struct Lists {
    QList<CouponRule> rules;
    QList<Coupon> coupons;
    QList<accounts::Department> departments;
    billing::PlaceChoices places;
};

QString localDate(std::optional<qint64> ms)
{
    return ms ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(*ms).date(), QLocale::ShortFormat) : QString();
}

}  // namespace

CouponsTab::CouponsTab(const AccountsContext &context, QWidget *parent) : QWidget(parent), m_context(context)
{
    m_rulesTitle = new QLabel(this);
    m_rulesTitle->setFont(style::subheadingFont(font()));
    m_rules = new TextTableModel(this);
    m_rules->setNumericColumns({2, 3, 4});
    m_rulesView = makeReadOnlyTable(u"couponRules"_s, this);
    m_rulesView->setModel(m_rules);
    m_rulesView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_rulesView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_rulesView->horizontalHeader()->setStretchLastSection(true);
    m_newRule = new QPushButton(this);
    m_newRule->setObjectName(u"newCouponRuleButton"_s);
    m_toggleRule = new QPushButton(this);
    m_toggleRule->setObjectName(u"toggleCouponRuleButton"_s);
    auto *ruleButtons = new QHBoxLayout;
    ruleButtons->addWidget(m_newRule);
    ruleButtons->addWidget(m_toggleRule);
    ruleButtons->addStretch(1);

    m_couponsTitle = new QLabel(this);
    m_couponsTitle->setFont(style::subheadingFont(font()));
    m_coupons = new TextTableModel(this);
    m_coupons->setNumericColumns({3, 4});
    m_couponsView = makeReadOnlyTable(u"issuedCoupons"_s, this);
    m_couponsView->setModel(m_coupons);
    m_couponsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_couponsView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_couponsView->horizontalHeader()->setStretchLastSection(true);
    m_revoke = new QPushButton(this);
    m_revoke->setObjectName(u"revokeCouponButton"_s);
    m_older = new QPushButton(this);
    m_older->setObjectName(u"showOlderCouponsButton"_s);
    showOnlyIfAllowed(m_context.actor, access::Permission::CouponsEdit, {m_newRule, m_toggleRule, m_revoke});
    m_status = new QLabel(this);
    m_status->setObjectName(u"couponStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    auto *couponButtons = new QHBoxLayout;
    couponButtons->addWidget(m_revoke);
    couponButtons->addWidget(m_older);
    couponButtons->addSpacing(12);
    couponButtons->addWidget(m_status, 1);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_rulesTitle);
    topLayout->addWidget(m_rulesView, 1);
    topLayout->addLayout(ruleButtons);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 8, 0, 0);
    bottomLayout->addWidget(m_couponsTitle);
    bottomLayout->addWidget(m_couponsView, 1);
    bottomLayout->addLayout(couponButtons);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(top);
    split->addWidget(bottom);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->addWidget(split);

    connect(m_rulesView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &CouponsTab::updateButtons);
    connect(m_couponsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &CouponsTab::updateButtons);
    connect(m_newRule, &QPushButton::clicked, this, &CouponsTab::openNewRule);
    connect(m_toggleRule, &QPushButton::clicked, this, &CouponsTab::toggleSelectedRule);
    connect(m_revoke, &QPushButton::clicked, this, &CouponsTab::openRevoke);
    connect(m_older, &QPushButton::clicked, this, &CouponsTab::showOlderCoupons);
    retranslateUi();
    updateButtons();
    refresh();
}

CouponsTab::~CouponsTab() = default;

QString CouponsTab::statusText() const
{
    return m_status->text();
}

void CouponsTab::refresh()
{
    // As many coupons as are shown now, so an action does not fold the older pages away.
    const int shown = std::max(kCouponLimit, int(m_couponRows.size()));
    m_context.runner->run<Expected<Lists>>(
        this,
        [shown](const std::shared_ptr<storage::Database> &db) -> Expected<Lists> {
            CouponService service(*db);
            auto rules = service.rules();
            if (!rules)
                return rules.error();
            accounts::CouponFilter filter;
            filter.limit = shown;
            auto coupons = service.coupons(filter);
            if (!coupons)
                return coupons.error();
            auto departments = accounts::AccountService(*db).departments();
            if (!departments)
                return departments.error();
            auto places = billing::PlaceChoices::load(*db);
            if (!places)
                return places.error();
            return Lists{*rules, *coupons, *departments, *places};
        },
        [this, shown](Expected<Lists> lists) {
            if (!lists) {
                m_status->setText(lists.error().message);
                return;
            }
            const qint64 rule = selectedRule();
            const qint64 coupon = selectedCoupon();
            m_ruleRows = lists->rules;
            m_couponRows = lists->coupons;
            m_departments = lists->departments;
            m_places = lists->places;
            m_hasOlder = m_couponRows.size() >= shown;
            showRows();
            if (rule != 0)
                selectRule(rule);
            if (coupon != 0)
                selectCoupon(coupon);
            updateButtons();
            emit loaded(int(m_ruleRows.size()), int(m_couponRows.size()));
        });
}

void CouponsTab::showRows()
{
    const QString cur = m_context.currency;
    QHash<qint64, QString> departmentNames;
    for (const accounts::Department &d : m_departments)
        departmentNames.insert(d.id, d.name);
    QList<QStringList> rules;
    for (const CouponRule &r : m_ruleRows) {
        QString validity;
        if (r.validDays)
            validity = tr("%n day(s) from issue", nullptr, *r.validDays);
        else
            validity = localDate(r.validFromMs) + u" – "_s + localDate(r.validToMs ? std::optional<qint64>(*r.validToMs - 1) : std::nullopt);
        QStringList limits;
        if (r.departmentId)
            limits << tr("department %1").arg(departmentNames.value(*r.departmentId, QString::number(*r.departmentId)));
        if (r.stationId) {
            const QString name = billing::PlaceChoices::nameIn(m_places.stations, *r.stationId);
            limits << tr("station %1").arg(name.isEmpty() ? QString::number(*r.stationId) : name);
        }
        if (r.subOperatorId) {
            const QString name = billing::PlaceChoices::nameIn(m_places.subOperators, *r.subOperatorId);
            limits << tr("sub-operator %1").arg(name.isEmpty() ? QString::number(*r.subOperatorId) : name);
        }
        rules.append({r.name, accounts::AccountText::triggerTitle(r.trigger),
                      r.trigger == accounts::CouponTrigger::TopUp   ? amountText(r.minTopUpMinor, cur)
                      : r.trigger == accounts::CouponTrigger::Spend ? amountText(r.minTotalSpendMinor, cur)
                                                                    : QString(),
                      amountText(r.amountMinor, cur), r.minSpendMinor ? amountText(r.minSpendMinor, cur) : QString(),
                      validity, limits.isEmpty() ? tr("None") : limits.join(u", "_s),
                      r.active ? tr("Active") : tr("Switched off")});
    }
    m_rules->setRows(rules);
    QList<QStringList> coupons;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const Coupon &c : m_couponRows) {
        QString source;
        if (c.sourceTopUpId)
            source = tr("Top-up %1").arg(*c.sourceTopUpId);
        else if (c.earnedByBillId)
            //: the source of a coupon earned by spend: the bill that made the spend reach the threshold
            source = tr("Earned by bill %1").arg(*c.earnedByBillId);
        else if (c.issuedReason == u"new_member")
            source = tr("New member");
        coupons.append({c.code, c.name, c.memberName, amountText(c.amountMinor, cur),
                        c.minSpendMinor ? amountText(c.minSpendMinor, cur) : QString(), localDate(c.validToMs), source,
                        accounts::AccountText::couponStatusTitle(c, now)});
    }
    m_coupons->setRows(coupons);
    //: %1 how many of the issued coupons are listed, newest first
    m_couponsTitle->setText(tr("Issued coupons, newest first: %1 shown").arg(QLocale().toString(m_couponRows.size())));
}

bool CouponsTab::selectRule(qint64 ruleId)
{
    return selectSourceRow(m_rulesView, m_rules, rowOfId(m_ruleRows, ruleId));
}

bool CouponsTab::selectCoupon(qint64 couponId)
{
    return selectSourceRow(m_couponsView, m_coupons, rowOfId(m_couponRows, couponId));
}

qint64 CouponsTab::selectedRule() const
{
    return currentRowId(m_rulesView, m_ruleRows);
}

qint64 CouponsTab::selectedCoupon() const
{
    return currentRowId(m_couponsView, m_couponRows);
}

void CouponsTab::updateButtons()
{
    const int ruleRow = m_rulesView->currentIndex().row();
    const bool hasRule = ruleRow >= 0 && ruleRow < m_ruleRows.size();
    m_toggleRule->setEnabled(hasRule);
    m_toggleRule->setText(hasRule && !m_ruleRows.at(ruleRow).active ? tr("Switch &on") : tr("Switch &off"));
    const int couponRow = m_couponsView->currentIndex().row();
    m_revoke->setEnabled(couponRow >= 0 && couponRow < m_couponRows.size()
                         && m_couponRows.at(couponRow).status == u"issued");
    m_older->setEnabled(m_hasOlder);
}

template <typename T>
void CouponsTab::change(std::function<Expected<T>(CouponService &)> action, std::function<QString(const T &)> message)
{
    m_status->clear();
    m_context.runner->run<Expected<T>>(
        this,
        [action = std::move(action)](const std::shared_ptr<storage::Database> &db) {
            CouponService service(*db);
            return action(service);
        },
        [this, message = std::move(message)](Expected<T> result) {
            const QString text = result ? message(*result) : result.error().message;
            m_status->setText(text);
            refresh();
            emit actionFinished(result.ok(), text);
        });
}

CouponRuleDialog *CouponsTab::openNewRule()
{
    auto *dialog = new CouponRuleDialog(m_departments, m_places, m_context.currency, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const auto rule = dialog->rule();
        if (!rule)
            return;
        change<CouponRule>([r = *rule, who = m_context.actor](CouponService &s) { return s.createRule(r, who); },
                           [](const CouponRule &created) { return tr("Coupon rule \"%1\" created.").arg(created.name); });
    });
    dialog->open();
    return dialog;
}

bool CouponsTab::showOlderCoupons()
{
    if (!m_hasOlder || m_couponRows.isEmpty())
        return false;
    const qint64 before = m_couponRows.constLast().id;
    m_context.runner->run<Expected<QList<Coupon>>>(
        this,
        [before](const std::shared_ptr<storage::Database> &db) {
            accounts::CouponFilter filter;
            filter.beforeId = before;
            filter.limit = kCouponLimit;
            return CouponService(*db).coupons(filter);
        },
        [this, before](Expected<QList<Coupon>> older) {
            if (!older) {
                m_status->setText(older.error().message);
                return;
            }
            if (m_couponRows.isEmpty() || m_couponRows.constLast().id != before)
                return;  // reloaded meanwhile
            m_hasOlder = older->size() >= kCouponLimit;
            m_couponRows.append(*older);
            showRows();
            updateButtons();
            emit loaded(int(m_ruleRows.size()), int(m_couponRows.size()));
        });
    return true;
}

void CouponsTab::toggleSelectedRule()
{
    const int row = m_rulesView->currentIndex().row();
    if (row < 0 || row >= m_ruleRows.size())
        return;
    const CouponRule rule = m_ruleRows.at(row);
    change<CouponRule>(
        [id = rule.id, on = !rule.active, who = m_context.actor](CouponService &s) { return s.setRuleActive(id, on, who); },
        [](const CouponRule &after) {
            return after.active ? tr("Coupon rule \"%1\" is on.").arg(after.name)
                                : tr("Coupon rule \"%1\" is off: it issues no more coupons.").arg(after.name);
        });
}

QDialog *CouponsTab::openRevoke()
{
    const int row = m_couponsView->currentIndex().row();
    if (row < 0 || row >= m_couponRows.size() || m_couponRows.at(row).status != u"issued")
        return nullptr;
    const Coupon coupon = m_couponRows.at(row);
    auto *dialog = new QDialog(this);
    dialog->setObjectName(u"revokeCouponDialog"_s);
    dialog->setWindowTitle(tr("Revoke coupon"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *what = new QLabel(tr("Coupon %1 (%2) of %3 can no longer be used.")
                                .arg(coupon.code, amountText(coupon.amountMinor, m_context.currency), coupon.memberName),
                            dialog);
    what->setWordWrap(true);
    auto *reason = new QLineEdit(dialog);
    reason->setObjectName(u"revokeReason"_s);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Revoke"));
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
    dialog->setMinimumWidth(420);
    connect(dialog, &QDialog::accepted, this, [this, reason, id = coupon.id] { revoke(id, reason->text().trimmed()); });
    dialog->open();
    return dialog;
}

void CouponsTab::revoke(qint64 couponId, const QString &reason)
{
    change<Coupon>([couponId, reason, who = m_context.actor](CouponService &s) { return s.revoke(couponId, who, reason); },
                   [](const Coupon &after) { return tr("Coupon %1 revoked.").arg(after.code); });
}

void CouponsTab::retranslateUi()
{
    m_rulesTitle->setText(tr("Rules"));
    m_older->setText(tr("Show &older"));
    m_newRule->setText(tr("&New rule…"));
    m_revoke->setText(tr("&Revoke…"));
    m_rules->setHeaders({tr("Name"), tr("Issued"),
                         //: the top-up (top-up rules) or the spend in the period (spend rules) that earns a coupon
                         tr("Earned from"), tr("Worth"), tr("Min spend"), tr("Valid"), tr("Limited to"), tr("State")});
    m_coupons->setHeaders({tr("Code"), tr("Name"), tr("Member"), tr("Worth"), tr("Min spend"), tr("Valid until"), tr("Earned by"),
                           tr("Status")});
    showRows();
    updateButtons();
}

}  // namespace cd::ui
