#include "ui/refunds/refunddetailpane.h"

#include "ui/accounts/texttablemodel.h"
#include "ui/widgets/moneytext.h"
#include "ui/widgets/readonlytable.h"
#include "ui/widgets/style.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

using namespace refunds;

namespace {

QString when(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat);
}

// "pending/applied" in words: "Pending audit, applied".
QString stateText(const QString &state)
{
    if (state.isEmpty())
        return QString();
    const QString status = state.section(u'/', 0, 0);
    const QString progress = state.section(u'/', 1);
    const auto s = statusFromName(status);
    const auto p = progressFromName(progress);
    return (s ? RefundText::statusTitle(*s) : status) + u", "_s + (p ? RefundText::progressTitle(*p) : progress);
}

QTableView *table(const QString &name, TextTableModel *model, QWidget *parent)
{
    QTableView *view = makeReadOnlyTable(name, parent);
    view->setModel(model);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

}  // namespace

RefundDetailPane::RefundDetailPane(QWidget *parent) : QWidget(parent)
{
    m_title = new QLabel(this);
    m_title->setObjectName(u"refundDetailTitle"_s);
    m_title->setFont(style::subheadingFont(font()));
    m_title->setTextFormat(Qt::PlainText);
    m_money = new QLabel(this);
    m_money->setObjectName(u"refundMemberMoney"_s);
    m_money->setTextFormat(Qt::PlainText);
    m_money->setWordWrap(true);
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"refundSummary"_s);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_history = new TextTableModel(this);
    m_records = new TextTableModel(this);
    m_records->setNumericColumns({3, 4});
    m_coupons = new TextTableModel(this);
    m_coupons->setNumericColumns({1});
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"refundDetailTabs"_s);
    m_historyView = table(u"refundHistory"_s, m_history, m_tabs);
    m_recordsView = table(u"refundRecords"_s, m_records, m_tabs);
    m_recordsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_couponsView = table(u"refundCoupons"_s, m_coupons, m_tabs);
    m_tabs->addTab(m_historyView, QString());
    m_tabs->addTab(m_recordsView, QString());
    m_tabs->addTab(m_couponsView, QString());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_money);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);
    retranslateUi();
}

void RefundDetailPane::showDetail(const RefundDetail &detail)
{
    m_detail = detail;
    showRows();
}

void RefundDetailPane::clear()
{
    m_detail.reset();
    showRows();
}

QString RefundDetailPane::moneyText() const
{
    return m_money->text();
}

void RefundDetailPane::showRows()
{
    const QString cur = m_currency;
    if (!m_detail) {
        m_title->setText(tr("No application selected"));
        m_money->clear();
        m_summary->clear();
        m_history->setRows({});
        m_records->setRows({});
        m_coupons->setRows({});
        updateTabTitles();
        return;
    }
    const RefundDetail &d = *m_detail;
    const RefundApplication &a = d.application;
    //: %1 the application's number, %2 the member
    m_title->setText(tr("Application %1 of %2").arg(a.id).arg(a.memberName));
    //: zpd_case#14: where the member's money is now
    QString money = tr("%1 now: balance %2 · refundable %3 · pending refund %4")
                        .arg(a.memberName, amountText(d.balanceMinor, cur), amountText(d.refundableMinor, cur),
                             amountText(d.pendingRefundMinor, cur));
    if (d.pendingRefundMinor > 0)
        //: zpd_case#14: why the balance is lower than the member expects
        money += u' ' + tr("(taken off the balance and the refundable amount until the audit and the refund are done)");
    m_money->setText(money);
    QStringList summary;
    summary << tr("Applied for %1 on %2: \"%3\".").arg(amountText(a.amountMinor, cur), when(a.appliedMs), a.reason);
    if (a.status == RefundStatus::Approved)
        summary << tr("Commission %1 · refunded %2.")
                       .arg(amountText(a.commissionMinor, cur), amountText(a.refundedMinor, cur));
    summary << (a.revokeCoupons ? tr("Unused coupons the refunded top-ups earned are revoked.")
                                : tr("Coupons the refunded top-ups earned are kept."));
    m_summary->setText(summary.join(u' '));

    QList<QStringList> history;
    for (const RefundAuditEntry &e : d.audit)
        history.append({when(e.atMs), e.operatorName, RefundText::decisionTitle(e.decision), stateText(e.fromState),
                        stateText(e.toState), e.reason});
    m_history->setRows(history);
    QList<QStringList> records;
    for (const RefundGatewayRecord &r : d.records) {
        const QString how = r.atDesk() ? tr("Desk (cash)") : r.gateway;
        QString error = r.error;
        if (!r.errorCode.isEmpty())
            error = error.isEmpty() ? r.errorCode : r.errorCode + u": "_s + error;
        records.append({r.ourRefundNo, r.gatewayRefundNo,
                        r.topUpId ? tr("Top-up %1 (%2)").arg(*r.topUpId).arg(how) : how,
                        amountText(r.originalTotalMinor, cur), amountText(r.amountMinor, cur),
                        RefundText::recordStatusTitle(r.status), error});
    }
    m_records->setRows(records);
    QList<QStringList> coupons;
    for (const RefundCoupon &c : d.coupons) {
        const QString status = c.status == u"used" ? tr("Used") : c.status == u"revoked" ? tr("Revoked") : tr("Issued");
        coupons.append({c.code, amountText(c.amountMinor, cur), tr("Top-up %1").arg(c.topUpId), status});
    }
    m_coupons->setRows(coupons);
    updateTabTitles();
}

void RefundDetailPane::updateTabTitles()
{
    //: a tab of the refund's detail; %1 how many entries
    m_tabs->setTabText(0, tr("History (%1)").arg(m_history->rowCount()));
    //: a tab of the refund's detail: its refunds through the payment gateway or in cash; %1 how many
    m_tabs->setTabText(1, tr("Gateway and desk refunds (%1)").arg(m_records->rowCount()));
    //: a tab of the refund's detail: coupons the refunded top-ups earned; %1 how many
    m_tabs->setTabText(2, tr("Coupons (%1)").arg(m_coupons->rowCount()));
}

void RefundDetailPane::retranslateUi()
{
    m_history->setHeaders({tr("When"), tr("Who"), tr("Decision"), tr("From"), tr("To"), tr("Reason")});
    m_records->setHeaders({tr("Our refund no."), tr("Gateway's no."), tr("Top-up"), tr("Top-up amount"), tr("Refund"),
                           tr("Status"), tr("Error")});
    m_coupons->setHeaders({tr("Code"), tr("Worth"), tr("Earned by"), tr("Status")});
    showRows();
}

}  // namespace cd::ui
