#include "ui/anomalies/anomalybilldetail.h"

#include "core/anomalies/anomalycode.h"
#include "core/charging/sessiontimeline.h"
#include "ui/anomalies/anomalybilltablemodel.h"
#include "ui/widgets/moneytext.h"
#include "ui/widgets/style.h"

#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

using anomalies::AnomalyBillRow;
using anomalies::AnomalyRecord;

namespace {

QString localTime(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat);
}

QLabel *textLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return label;
}

}  // namespace

AnomalyBillDetail::AnomalyBillDetail(QWidget *parent) : QWidget(parent)
{
    m_title = new QLabel(this);
    m_title->setObjectName(u"anomalyDetailTitle"_s);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setFont(style::subheadingFont(font()));
    m_facts = textLabel(u"anomalyDetailFacts"_s, this);
    m_anomaliesTitle = new QLabel(this);
    m_anomaliesTitle->setObjectName(u"anomalyDetailCodesTitle"_s);
    m_anomaliesTitle->setFont(style::subheadingFont(font()));
    m_anomalies = textLabel(u"anomalyDetailCodes"_s, this);
    m_linesTitle = new QLabel(this);
    m_linesTitle->setObjectName(u"anomalyDetailLinesTitle"_s);
    m_linesTitle->setFont(style::subheadingFont(font()));
    m_lines = textLabel(u"anomalyDetailLines"_s, this);

    auto *left = new QVBoxLayout;
    left->setSpacing(6);
    left->addWidget(m_facts);
    left->addSpacing(6);
    left->addWidget(m_anomaliesTitle);
    left->addWidget(m_anomalies);
    left->addStretch(1);
    auto *right = new QVBoxLayout;
    right->setSpacing(6);
    right->addWidget(m_linesTitle);
    right->addWidget(m_lines);
    right->addStretch(1);
    auto *columns = new QHBoxLayout;
    columns->setSpacing(24);
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->addWidget(m_title);
    layout->addLayout(columns, 1);
    showRow();
}

void AnomalyBillDetail::setRow(const std::optional<AnomalyBillRow> &row)
{
    if (!row || !m_row || row->billId != m_row->billId) {
        m_explanation.reset();
        m_currentDetails.clear();
    }
    m_row = row;
    showRow();
}

void AnomalyBillDetail::setExplanation(const QStringList &lines)
{
    m_explanation = lines;
    showRow();
}

void AnomalyBillDetail::setCurrentDetails(const QMap<int, QString> &details)
{
    m_currentDetails = details;
    showRow();
}

QString AnomalyBillDetail::anomaliesText() const
{
    return m_anomalies->text();
}

QString AnomalyBillDetail::explanationText() const
{
    return m_lines->text();
}

void AnomalyBillDetail::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        showRow();
    QWidget::changeEvent(event);
}

void AnomalyBillDetail::showRow()
{
    m_anomaliesTitle->setText(tr("Anomalies"));
    m_linesTitle->setText(tr("Bill, line by line"));
    const bool shown = m_row.has_value();
    for (QWidget *w : {static_cast<QWidget *>(m_facts), static_cast<QWidget *>(m_anomaliesTitle),
                       static_cast<QWidget *>(m_anomalies), static_cast<QWidget *>(m_linesTitle),
                       static_cast<QWidget *>(m_lines)})
        w->setVisible(shown);
    if (!shown) {
        m_title->setText(tr("Select a bill to see its anomalies and lines."));
        return;
    }
    const AnomalyBillRow &r = *m_row;
    if (r.billId != 0)
        //: %1 the bill's id, %2 its version (2 and more: corrected), %3 the session number
        m_title->setText(tr("Bill %1, version %2 · session %3").arg(r.billId).arg(r.billVersion).arg(r.sessionNumber));
    else
        m_title->setText(tr("Session %1 (no bill)").arg(r.sessionNumber));

    QStringList facts;
    QStringList place{r.chargePointId};
    if (!r.siteName.isEmpty())
        place << r.siteName;
    QStringList model;
    for (const QString &p : {r.vendor, r.model})
        if (!p.isEmpty())
            model << p;
    if (!r.firmware.isEmpty())
        //: %1 the station's firmware version
        model << tr("firmware %1").arg(r.firmware);
    if (!model.isEmpty())
        place << model.join(u' ');
    facts << tr("Station: %1").arg(place.join(u" · "_s));
    if (r.startedMs) {
        facts << (r.endedMs ? tr("Session: %1 – %2").arg(localTime(*r.startedMs), localTime(*r.endedMs))
                            : tr("Session: from %1, not ended").arg(localTime(*r.startedMs)));
    }
    if (r.billId != 0) {
        QString energy = tr("Energy: %1").arg(charging::SessionTimeline::energyText(r.energyWh));
        if (r.stationEnergyWh && *r.stationEnergyWh != r.energyWh)
            energy += u"  "_s + tr("(the station's bill: %1)").arg(charging::SessionTimeline::energyText(*r.stationEnergyWh));
        facts << energy;
        QStringList fees{tr("energy %1").arg(amountText(r.energyFeeMinor, r.currency)),
                         tr("service %1").arg(amountText(r.serviceFeeMinor, r.currency)),
                         tr("idle %1").arg(amountText(r.idleFeeMinor, r.currency))};
        if (r.couponDeductionMinor != 0)
            fees << tr("coupon −%1").arg(amountText(r.couponDeductionMinor, r.currency));
        facts << tr("Fees: %1").arg(fees.join(u", "_s));
        QString total = tr("Total: %1").arg(amountText(r.totalMinor, r.currency));
        if (r.stationAmountMinor && *r.stationAmountMinor != r.totalMinor)
            total += u"  "_s + tr("(the station's bill: %1)").arg(amountText(*r.stationAmountMinor, r.currency));
        facts << total;
        facts << tr("Settlement: %1").arg(AnomalyBillTableModel::settlementTitle(r.settlementState));
    }
    m_facts->setText(facts.join(u'\n'));

    QStringList lines;
    for (const AnomalyRecord &a : r.anomalies) {
        QString line = anomalies::anomalyCodesText({a.code});
        const QString detail = m_currentDetails.value(a.code, a.detail);
        if (!detail.isEmpty())
            line += u" — "_s + detail;
        if (a.resolvedMs) {
            line += u'\n' + (a.resolvedByBillId ? tr("    resolved %1 by bill %2").arg(localTime(*a.resolvedMs)).arg(*a.resolvedByBillId)
                                                : tr("    resolved %1").arg(localTime(*a.resolvedMs)));
        } else {
            line += u'\n' + tr("    found %1, open").arg(localTime(a.detectedMs));
        }
        lines << line;
    }
    m_anomalies->setText(lines.join(u'\n'));
    if (!m_explanation)
        m_lines->setText(tr("Loading…"));
    else if (m_explanation->isEmpty())
        m_lines->setText(tr("The bill keeps no lines (it was not computed by ChargeDesk)."));
    else
        m_lines->setText(m_explanation->join(u'\n'));
}

}  // namespace cd::ui
