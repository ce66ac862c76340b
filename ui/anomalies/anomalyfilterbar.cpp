#include "ui/anomalies/anomalyfilterbar.h"

#include "core/anomalies/anomalycode.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMenu>
#include <QTimer>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace cd::ui {

using anomalies::AnomalyStatus;

namespace {

constexpr int kSearchDelayMs = 300;

const AnomalyFilterBar::Period kPeriods[] = {
    AnomalyFilterBar::Period::AnyTime,    AnomalyFilterBar::Period::Today,     AnomalyFilterBar::Period::Last7Days,
    AnomalyFilterBar::Period::Last30Days, AnomalyFilterBar::Period::ThisMonth, AnomalyFilterBar::Period::LastMonth,
    AnomalyFilterBar::Period::Custom};
const AnomalyStatus kStatuses[] = {AnomalyStatus::Open, AnomalyStatus::Resolved, AnomalyStatus::All};

qint64 startOf(const QDate &day)
{
    return day.startOfDay().toMSecsSinceEpoch();
}

void selectData(QComboBox *box, const QVariant &data)
{
    const int index = box->findData(data);
    box->setCurrentIndex(index >= 0 ? index : 0);
}

}  // namespace

AnomalyFilterBar::AnomalyFilterBar(QWidget *parent) : QWidget(parent)
{
    m_codes = new QToolButton(this);
    m_codes->setObjectName(u"anomalyCodeFilter"_s);
    m_codes->setPopupMode(QToolButton::InstantPopup);
    m_codes->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_codesMenu = new QMenu(m_codes);
    m_codesMenu->setObjectName(u"anomalyCodeMenu"_s);
    QAction *allCodes = m_codesMenu->addAction(QString());
    allCodes->setObjectName(u"allCodesAction"_s);
    connect(allCodes, &QAction::triggered, this, [this] { setCodes({}); });
    m_codesMenu->addSeparator();
    for (const anomalies::AnomalyCode code : anomalies::allAnomalyCodes()) {
        QAction *action = m_codesMenu->addAction(QString());
        action->setCheckable(true);
        action->setData(anomalies::toInt(code));
        action->setObjectName(u"codeAction%1"_s.arg(anomalies::toInt(code)));
        connect(action, &QAction::toggled, this, [this] {
            updateCodesButton();
            emitChanged();
        });
    }
    m_codes->setMenu(m_codesMenu);

    m_station = new QComboBox(this);
    m_station->setObjectName(u"anomalyStationFilter"_s);
    m_station->addItem(QString(), QString());
    m_station->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_station->setMaxVisibleItems(20);
    m_firmware = new QComboBox(this);
    m_firmware->setObjectName(u"anomalyFirmwareFilter"_s);
    m_firmware->addItem(QString(), QString());
    m_firmware->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_period = new QComboBox(this);
    m_period->setObjectName(u"anomalyPeriodFilter"_s);
    m_period->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (const Period p : kPeriods)
        m_period->addItem(QString(), int(p));
    m_from = new QDateEdit(QDate::currentDate().addDays(-29), this);
    m_from->setObjectName(u"anomalyPeriodFrom"_s);
    m_from->setCalendarPopup(true);
    m_to = new QDateEdit(QDate::currentDate(), this);
    m_to->setObjectName(u"anomalyPeriodTo"_s);
    m_to->setCalendarPopup(true);
    m_from->hide();
    m_to->hide();

    m_status = new QComboBox(this);
    m_status->setObjectName(u"anomalyStatusFilter"_s);
    m_status->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (const AnomalyStatus s : kStatuses)
        m_status->addItem(QString(), int(s));

    m_search = new QLineEdit(this);
    m_search->setObjectName(u"anomalySearch"_s);
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(150);
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(kSearchDelayMs);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchDelay->stop();
        emitChanged();
    });
    connect(m_searchDelay, &QTimer::timeout, this, &AnomalyFilterBar::emitChanged);

    for (QComboBox *box : {m_station, m_firmware, m_status})
        connect(box, &QComboBox::currentIndexChanged, this, &AnomalyFilterBar::emitChanged);
    connect(m_period, &QComboBox::currentIndexChanged, this, [this] {
        const bool custom = static_cast<Period>(m_period->currentData().toInt()) == Period::Custom;
        m_from->setVisible(custom);
        m_to->setVisible(custom);
        emitChanged();
    });
    for (QDateEdit *edit : {m_from, m_to})
        connect(edit, &QDateEdit::dateChanged, this, &AnomalyFilterBar::emitChanged);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_codes);
    layout->addWidget(m_station);
    layout->addWidget(m_firmware);
    layout->addWidget(m_period);
    layout->addWidget(m_from);
    layout->addWidget(m_to);
    layout->addWidget(m_status);
    layout->addWidget(m_search, 1);
    retranslateUi();
}

anomalies::AnomalyBillFilter AnomalyFilterBar::filter() const
{
    anomalies::AnomalyBillFilter f;
    f.codes = codes();
    f.chargePointId = m_station->currentData().toString();
    f.firmware = m_firmware->currentData().toString();
    f.status = static_cast<AnomalyStatus>(m_status->currentData().toInt());
    f.search = m_search->text().trimmed();
    const QDate today = QDate::currentDate();
    const QDate month(today.year(), today.month(), 1);
    const auto range = [&f](const QDate &from, const QDate &toExcluded) {
        f.startedFromMs = startOf(from);
        f.startedToMs = startOf(toExcluded);
    };
    switch (static_cast<Period>(m_period->currentData().toInt())) {
    case Period::AnyTime:
        break;
    case Period::Today:
        range(today, today.addDays(1));
        break;
    case Period::Last7Days:
        range(today.addDays(-6), today.addDays(1));
        break;
    case Period::Last30Days:
        range(today.addDays(-29), today.addDays(1));
        break;
    case Period::ThisMonth:
        range(month, month.addMonths(1));
        break;
    case Period::LastMonth:
        range(month.addMonths(-1), month);
        break;
    case Period::Custom:
        range(std::min(m_from->date(), m_to->date()), std::max(m_from->date(), m_to->date()).addDays(1));
        break;
    }
    return f;
}

void AnomalyFilterBar::setChoices(const anomalies::AnomalyFilterChoices &choices)
{
    m_quiet = true;
    const QString station = m_station->currentData().toString();
    const QString firmware = m_firmware->currentData().toString();
    while (m_station->count() > 1)
        m_station->removeItem(1);
    for (const QString &id : choices.chargePointIds)
        m_station->addItem(id, id);
    while (m_firmware->count() > 1)
        m_firmware->removeItem(1);
    for (const QString &fw : choices.firmwares)
        m_firmware->addItem(fw, fw);
    selectData(m_station, station);
    selectData(m_firmware, firmware);
    m_quiet = false;
    if (m_station->currentData().toString() != station || m_firmware->currentData().toString() != firmware)
        emitChanged();
}

QList<int> AnomalyFilterBar::codes() const
{
    QList<int> out;
    for (QAction *action : m_codesMenu->actions()) {
        if (action->isCheckable() && action->isChecked())
            out << action->data().toInt();
    }
    return out;
}

void AnomalyFilterBar::setCodes(const QList<int> &codes)
{
    m_quiet = true;
    for (QAction *action : m_codesMenu->actions()) {
        if (action->isCheckable())
            action->setChecked(codes.contains(action->data().toInt()));
    }
    m_quiet = false;
    updateCodesButton();
    emitChanged();
}

void AnomalyFilterBar::setStation(const QString &chargePointId)
{
    if (m_station->findData(chargePointId) < 0)
        m_station->addItem(chargePointId, chargePointId);
    selectData(m_station, chargePointId);
}

void AnomalyFilterBar::setFirmware(const QString &firmware)
{
    if (m_firmware->findData(firmware) < 0)
        m_firmware->addItem(firmware, firmware);
    selectData(m_firmware, firmware);
}

void AnomalyFilterBar::setStatus(AnomalyStatus status)
{
    selectData(m_status, int(status));
}

void AnomalyFilterBar::setPeriod(Period period)
{
    selectData(m_period, int(period));
}

void AnomalyFilterBar::setCustomPeriod(const QDate &from, const QDate &to)
{
    m_quiet = true;
    m_from->setDate(from);
    m_to->setDate(to);
    m_quiet = false;
    if (static_cast<Period>(m_period->currentData().toInt()) == Period::Custom)
        emitChanged();
    else
        setPeriod(Period::Custom);
}

void AnomalyFilterBar::setSearch(const QString &text)
{
    m_quiet = true;
    m_search->setText(text);
    m_quiet = false;
    m_searchDelay->stop();
    emitChanged();
}

void AnomalyFilterBar::emitChanged()
{
    if (!m_quiet)
        emit filterChanged();
}

void AnomalyFilterBar::updateCodesButton()
{
    const QList<int> chosen = codes();
    if (chosen.isEmpty()) {
        m_codes->setText(tr("All codes"));
        return;
    }
    QStringList numbers;
    for (int code : chosen)
        numbers << QString::number(code);
    //: the anomaly code filter's button: %1 the chosen codes, such as "3, 8"
    m_codes->setText(tr("Codes: %1").arg(numbers.join(u", "_s)));
}

void AnomalyFilterBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void AnomalyFilterBar::retranslateUi()
{
    m_codes->setToolTip(tr("Show bills with any of the chosen anomaly codes"));
    for (QAction *action : m_codesMenu->actions()) {
        if (action->isSeparator())
            continue;
        if (!action->isCheckable())
            action->setText(tr("All codes"));
        else
            action->setText(anomalies::anomalyCodesText({action->data().toInt()}));
    }
    updateCodesButton();
    m_station->setItemText(0, tr("All stations"));
    m_station->setToolTip(tr("Station"));
    m_firmware->setItemText(0, tr("Any firmware"));
    m_firmware->setToolTip(tr("Firmware version of the station"));
    m_period->setToolTip(tr("When the session started"));
    for (int i = 0; i < m_period->count(); ++i) {
        switch (static_cast<Period>(m_period->itemData(i).toInt())) {
        case Period::AnyTime:
            m_period->setItemText(i, tr("Any time"));
            break;
        case Period::Today:
            m_period->setItemText(i, tr("Today"));
            break;
        case Period::Last7Days:
            m_period->setItemText(i, tr("Last 7 days"));
            break;
        case Period::Last30Days:
            m_period->setItemText(i, tr("Last 30 days"));
            break;
        case Period::ThisMonth:
            m_period->setItemText(i, tr("This month"));
            break;
        case Period::LastMonth:
            m_period->setItemText(i, tr("Last month"));
            break;
        case Period::Custom:
            m_period->setItemText(i, tr("Dates…"));
            break;
        }
    }
    m_from->setToolTip(tr("Sessions started on or after this day"));
    m_to->setToolTip(tr("Sessions started on or before this day"));
    for (int i = 0; i < m_status->count(); ++i) {
        switch (static_cast<AnomalyStatus>(m_status->itemData(i).toInt())) {
        case AnomalyStatus::Open:
            m_status->setItemText(i, tr("Open"));
            break;
        case AnomalyStatus::Resolved:
            //: anomaly bills whose anomalies were all resolved by a correction
            m_status->setItemText(i, tr("Corrected"));
            break;
        case AnomalyStatus::All:
            m_status->setItemText(i, tr("Open and corrected"));
            break;
        }
    }
    m_status->setToolTip(tr("Open: an anomaly waits for a correction"));
    m_search->setPlaceholderText(tr("Session number"));
}

}  // namespace cd::ui
