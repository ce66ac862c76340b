#include "ui/anomalies/correctionpreviewpage.h"

#include "core/anomalies/anomalycode.h"
#include "core/anomalies/correctionservice.h"
#include "ui/anomalies/correctionwizard.h"
#include "ui/widgets/moneytext.h"
#include "ui/widgets/readonlytable.h"
#include "ui/widgets/style.h"
#include "ui/widgets/timetext.h"
#include "ui/widgets/wrappinglabel.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using cd::anomalies::BillLines;
using cd::anomalies::CorrectionPreview;
using cd::anomalies::CorrectionText;

namespace cd::ui {

namespace {

constexpr int kMaxReasonLength = 1000;

QString hhmm(qint64 ms)
{
    return millisecondText(ms).mid(11, 5);
}

QString energyText(qint64 wh)
{
    //: an energy in watt-hours
    return CorrectionPreviewPage::tr("%1 Wh").arg(QLocale().toString(wh));
}

QLabel *effectLabel(const QString &name, QWidget *parent)
{
    auto *label = new WrappingLabel(parent);
    label->setObjectName(name);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QStandardItem *cell(const QString &text, bool bold = false)
{
    auto *item = new QStandardItem(text);
    item->setEditable(false);
    if (bold) {
        QFont f = item->font();
        f.setBold(true);
        item->setFont(f);
    }
    return item;
}

}  // namespace

CorrectionPreviewPage::CorrectionPreviewPage(CorrectionWizard *wizard) : QWizardPage(wizard), m_wizard(wizard)
{
    setObjectName(u"correctionPreviewPage"_s);
    setTitle(tr("What the correction will do"));
    setSubTitle(tr("Nothing is written yet. Check the lines and what happens to money, give the reason, then Apply."));
    setCommitPage(true);

    auto *layout = new QVBoxLayout(this);
    m_state = new WrappingLabel(this);
    m_state->setObjectName(u"correctionPreviewState"_s);
    style::makeMuted(m_state);
    layout->addWidget(m_state);

    m_listModel = new QStandardItemModel(this);
    m_list = makeReadOnlyTable(u"correctionPreviewList"_s, this);
    m_list->setModel(m_listModel);
    m_list->setMaximumHeight(130);
    layout->addWidget(m_list);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showBill(current.row()); });

    auto *columns = new QHBoxLayout;
    m_linesModel = new QStandardItemModel(this);
    m_lines = makeReadOnlyTable(u"correctionPreviewLines"_s, this);
    m_lines->setModel(m_linesModel);
    m_lines->setSelectionMode(QAbstractItemView::NoSelection);
    m_lines->setWordWrap(true);
    m_lines->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);  // wrapped cells get their lines
    m_lines->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);  // "now" and "corrected" share the room
    columns->addWidget(m_lines, 3);

    auto *effects = new QWidget(this);
    auto *form = new QFormLayout(effects);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_money = effectLabel(u"previewMoney"_s, effects);
    m_moneyNumbers = effectLabel(u"previewMoneyNumbers"_s, effects);
    m_coupons = effectLabel(u"previewCoupons"_s, effects);
    m_hold = effectLabel(u"previewHold"_s, effects);
    m_settlement = effectLabel(u"previewSettlement"_s, effects);
    m_anomalies = effectLabel(u"previewAnomalies"_s, effects);
    m_notes = effectLabel(u"previewNotes"_s, effects);
    style::makeMuted(m_notes);
    m_refusals = effectLabel(u"previewRefusals"_s, effects);
    m_refusals->setStyleSheet(u"color: #c62828;"_s);
    form->addRow(tr("Money"), m_money);
    form->addRow(tr("In numbers"), m_moneyNumbers);
    form->addRow(tr("Coupons"), m_coupons);
    form->addRow(tr("Card hold"), m_hold);
    form->addRow(tr("Settlement"), m_settlement);
    form->addRow(tr("Anomalies"), m_anomalies);
    form->addRow(m_notes);
    form->addRow(m_refusals);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"correctionEffects"_s);
    scroll->setWidget(effects);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    columns->addWidget(scroll, 2);
    layout->addLayout(columns, 1);

    auto *reasonLabel = new QLabel(tr("Reason (kept with the bill and in the audit log, required):"), this);
    layout->addWidget(reasonLabel);
    m_reason = new QPlainTextEdit(this);
    m_reason->setObjectName(u"correctionReason"_s);
    m_reason->setTabChangesFocus(true);
    m_reason->setPlaceholderText(tr("For example: the customer unplugged at 08:14, the station kept the session open"));
    m_reason->setFixedHeight(m_reason->fontMetrics().lineSpacing() * 3 + 16);
    reasonLabel->setBuddy(m_reason);
    layout->addWidget(m_reason);
    connect(m_reason, &QPlainTextEdit::textChanged, this, &QWizardPage::completeChanged);
}

QString CorrectionPreviewPage::reason() const
{
    return m_reason->toPlainText().trimmed();
}

int CorrectionPreviewPage::nextId() const
{
    return CorrectionWizard::ResultPage;
}

void CorrectionPreviewPage::initializePage()
{
    m_wizard->m_planned.clear();
    m_listModel->clear();
    m_linesModel->clear();
    for (QLabel *l : {m_money, m_moneyNumbers, m_coupons, m_hold, m_settlement, m_anomalies, m_notes, m_refusals})
        l->clear();
    m_list->setVisible(m_wizard->bulk());
    m_state->setText(tr("Working out what will happen…"));
    m_planning = true;
    emit completeChanged();
    planNext(0, ++m_generation);
}

void CorrectionPreviewPage::planNext(int index, quint64 generation)
{
    const QList<qint64> &ids = m_wizard->billIds();
    if (index >= ids.size()) {
        m_planning = false;
        const int ok = m_wizard->applicableCount();
        if (m_wizard->bulk())
            m_state->setText(tr("%1 of %n bill(s) can be corrected; the others are skipped (the list says why).", nullptr,
                                int(ids.size()))
                                 .arg(ok));
        else
            m_state->setText(QString());
        m_state->setVisible(!m_state->text().isEmpty());
        fillList();
        showBill(0);
        emit completeChanged();
        emit m_wizard->previewsShown();
        return;
    }
    const qint64 billId = ids.at(index);
    if (m_wizard->bulk())
        m_state->setText(tr("Working out bill %1 of %2…").arg(index + 1).arg(ids.size()));
    m_wizard->service()->plan(m_wizard->request(billId), this,
                              [this, index, billId, generation](Expected<CorrectionPreview> planned) {
                                  if (generation != m_generation)
                                      return;  // the page was entered again meanwhile
                                  CorrectionWizard::Planned p;
                                  p.billId = billId;
                                  if (planned)
                                      p.preview = *planned;
                                  else
                                      p.error = planned.error().message;
                                  m_wizard->m_planned.append(p);
                                  planNext(index + 1, generation);
                              });
}

void CorrectionPreviewPage::fillList()
{
    m_listModel->clear();
    m_listModel->setHorizontalHeaderLabels({tr("Bill"), tr("Session"), tr("Total"), tr("Money"), tr("Can apply")});
    for (const CorrectionWizard::Planned &p : std::as_const(m_wizard->m_planned)) {
        QList<QStandardItem *> row;
        row << cell(QString::number(p.billId));
        if (p.preview) {
            const CorrectionPreview &v = *p.preview;
            row << cell(v.sessionNumber);
            row << cell(v.after.version > 0 ? tr("%1 → %2").arg(amountText(v.before.totalMinor, v.currency),
                                                                 amountText(v.after.totalMinor, v.currency))
                                             : amountText(v.before.totalMinor, v.currency));
            QString money;
            if (v.additionalChargeMinor > 0)
                money = tr("charge %1").arg(amountText(v.additionalChargeMinor, v.currency));
            else if (v.refundMinor > 0)
                money = tr("refund %1").arg(amountText(v.refundMinor, v.currency));
            else
                money = tr("none");
            row << cell(money);
            row << cell(v.ok() ? tr("Yes") : tr("No: %1").arg(v.refusals.value(0)));
        } else {
            row << cell(QString()) << cell(QString()) << cell(QString()) << cell(tr("No: %1").arg(p.error));
        }
        m_listModel->appendRow(row);
    }
    if (m_listModel->rowCount() > 0)
        m_list->setCurrentIndex(m_listModel->index(0, 0));
}

void CorrectionPreviewPage::showBill(int row)
{
    if (row < 0 || row >= m_wizard->m_planned.size())
        return;
    const CorrectionWizard::Planned &p = m_wizard->m_planned.at(row);
    if (!p.preview) {
        m_linesModel->clear();
        for (QLabel *l : {m_money, m_moneyNumbers, m_coupons, m_hold, m_settlement, m_anomalies, m_notes})
            l->clear();
        m_refusals->setText(p.error);
        return;
    }
    showPreview(*p.preview);
}

void CorrectionPreviewPage::showPreview(const CorrectionPreview &v)
{
    const QString &cur = v.currency;
    const BillLines &b = v.before;
    const BillLines &a = v.after;
    const bool computed = a.version > 0;
    m_linesModel->clear();
    m_linesModel->setHorizontalHeaderLabels(
        {QString(), tr("Now (version %1)").arg(b.version), computed ? tr("Corrected (version %1)").arg(a.version) : QString()});
    const auto add = [this, computed](const QString &caption, const QString &before, const QString &after) {
        const bool changed = computed && before != after;
        m_linesModel->appendRow({cell(caption), cell(before), cell(computed ? after : QString(), changed)});
    };
    const auto tariffText = [](const BillLines &l) {
        return l.tariffName.isEmpty() ? QString() : tr("%1, version %2").arg(l.tariffName).arg(l.tariffVersion);
    };
    add(tr("Tariff"), tariffText(b), tariffText(a));
    add(tr("Energy"), energyText(b.energyWh), energyText(a.energyWh));
    const int periods = int(std::max(b.energyLines.size(), a.energyLines.size()));
    const auto lineText = [&cur](const QList<billing::EnergyLine> &lines, int i) {
        if (i >= lines.size())
            return QString();
        const billing::EnergyLine &l = lines.at(i);
        //: one tariff period line: energy × price per kWh = fee
        return tr("%1 × %2/kWh = %3").arg(energyText(l.energyWh), amountText(l.priceMinorPerKwh, cur), amountText(l.feeMinor, cur));
    };
    for (int i = 0; i < periods; ++i) {
        const billing::EnergyLine &l = i < a.energyLines.size() ? a.energyLines.at(i) : b.energyLines.at(i);
        //: a tariff period line's caption: period kind and its stretch of time (UTC)
        add(tr("  %1 %2–%3").arg(billing::TariffText::periodKindTitle(l.kind), hhmm(l.fromMs), hhmm(l.toMs)),
            lineText(b.energyLines, i), lineText(a.energyLines, i));
    }
    add(tr("Energy fee"), amountText(b.energyFeeMinor, cur), amountText(a.energyFeeMinor, cur));
    add(tr("Service fee"), amountText(b.serviceFeeMinor, cur), amountText(a.serviceFeeMinor, cur));
    add(tr("Service end"), b.serviceEndedMs ? millisecondText(*b.serviceEndedMs).left(19) : QString(),
        a.serviceEndedMs ? millisecondText(*a.serviceEndedMs).left(19) : QString());
    //: idle time in minutes and its fee
    const auto idle = [&cur](const BillLines &l) { return tr("%n min, %1", nullptr, int(l.idleMinutes)).arg(amountText(l.idleFeeMinor, cur)); };
    add(tr("Idle fee"), idle(b), idle(a));
    const auto coupon = [&cur](const BillLines &l) {
        if (!l.couponId)
            return tr("none");
        return tr("−%1 (%2)").arg(amountText(l.couponDeductionMinor, cur), l.couponCode);
    };
    add(tr("Coupon"), coupon(b), coupon(a));
    m_linesModel->appendRow({cell(tr("Total"), true), cell(amountText(b.totalMinor, cur), true),
                             cell(computed ? amountText(a.totalMinor, cur) : QString(), true)});
    m_lines->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);  // the captions

    if (computed) {
        m_money->setText(CorrectionText::moneyLines(v).join(u'\n'));
        QStringList numbers;
        numbers << tr("Paid so far: %1").arg(amountText(v.paidBeforeMinor, cur));
        numbers << tr("The corrected bill asks: %1").arg(amountText(v.dueAfterMinor, cur));
        if (v.additionalChargeMinor > 0)
            numbers << tr("Additional charge: %1").arg(amountText(v.additionalChargeMinor, cur));
        else if (v.refundMinor > 0)
            numbers << tr("Refund: %1").arg(amountText(v.refundMinor, cur));
        else
            numbers << tr("No difference.");
        m_moneyNumbers->setText(numbers.join(u'\n'));
        QStringList coupons;
        for (const anomalies::CouponChange &c : v.coupons)
            coupons << CorrectionText::couponLine(c, cur);
        m_coupons->setText(coupons.isEmpty() ? tr("No coupon changes.") : coupons.join(u'\n'));
        if (v.hold) {
            const anomalies::HoldEffect &h = *v.hold;
            m_hold->setText(tr("Hold %1: %2 → %3; held %4, captured %5, refunded %6.")
                                .arg(h.holdId)
                                .arg(h.statusBefore, h.statusAfter, amountText(h.heldMinor, cur),
                                     amountText(h.capturedMinor, cur), amountText(h.refundedMinor, cur)));
        } else {
            m_hold->setText(tr("No card hold: paid from a balance or not at all."));
        }
        m_settlement->setText(CorrectionText::settlementLine(v));
        QStringList codes;
        if (!v.anomalyCodesResolved.isEmpty())
            codes << tr("Resolved: %1").arg(anomalies::anomalyCodesText(v.anomalyCodesResolved));
        if (!v.anomalyCodesReopened.isEmpty())
            codes << tr("Open again: %1").arg(anomalies::anomalyCodesText(v.anomalyCodesReopened));
        m_anomalies->setText(codes.isEmpty() ? tr("No open anomaly.") : codes.join(u'\n'));
    } else {
        for (QLabel *l : {m_money, m_moneyNumbers, m_coupons, m_hold, m_settlement, m_anomalies})
            l->clear();
    }
    m_notes->setText(v.notes.join(u'\n'));
    QStringList refusals;
    for (const QString &r : v.refusals)
        refusals << tr("Cannot apply: %1").arg(r);
    m_refusals->setText(refusals.join(u'\n'));
}

bool CorrectionPreviewPage::isComplete() const
{
    const QString text = m_reason->toPlainText();
    return !m_planning && m_wizard->applicableCount() > 0 && !text.trimmed().isEmpty() && text.size() <= kMaxReasonLength;
}

QString CorrectionPreviewPage::confirmationText() const
{
    const QList<CorrectionWizard::Planned> &planned = m_wizard->m_planned;
    if (!m_wizard->bulk() && !planned.isEmpty() && planned.constFirst().preview)
        return CorrectionText::confirmation(*planned.constFirst().preview);
    qint64 charges = 0;
    qint64 refunds = 0;
    QString currency;
    for (const CorrectionWizard::Planned &p : planned) {
        if (!p.ok())
            continue;
        charges += p.preview->additionalChargeMinor;
        refunds += p.preview->refundMinor;
        currency = p.preview->currency;
    }
    const int ok = m_wizard->applicableCount();
    QString text = tr("%n bill(s) get a new version, one by one.", nullptr, ok);
    text += u' ' + tr("Additional charges: %1; refunds: %2.").arg(amountText(charges, currency), amountText(refunds, currency));
    if (ok < planned.size())
        text += u' ' + tr("%n bill(s) that cannot be corrected are skipped.", nullptr, int(planned.size()) - ok);
    return text;
}

bool CorrectionPreviewPage::validatePage()
{
    if (!isComplete())
        return false;
    return m_wizard->confirm(confirmationText());
}

}  // namespace cd::ui
