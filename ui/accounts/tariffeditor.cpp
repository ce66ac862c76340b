#include "ui/accounts/tariffeditor.h"

#include "ui/accounts/moneyfield.h"
#include "ui/widgets/moneytext.h"
#include "ui/widgets/style.h"

#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimeEdit>
#include <QTimeZone>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

using billing::PeriodKind;
using billing::Tariff;
using billing::TariffPeriod;
using billing::TariffScope;
using billing::TariffText;

namespace {

enum PeriodColumn { KindColumn, FromColumn, ToColumn, PriceColumn, PeriodColumnCount };

const PeriodKind kKinds[] = {PeriodKind::Peak, PeriodKind::Flat, PeriodKind::Valley};
const TariffScope kScopes[] = {TariffScope::Global, TariffScope::Site, TariffScope::Station, TariffScope::Department};

int minuteOf(const QTime &time)
{
    return time.hour() * 60 + time.minute();
}

QTime timeOf(int minute)
{
    return QTime((minute / 60) % 24, minute % 60);
}

QLabel *errorLabel(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setStyleSheet(u"color: #b42318;"_s);
    return label;
}

}  // namespace

TariffEditor::TariffEditor(QWidget *parent) : QWidget(parent)
{
    m_heading = new QLabel(this);
    m_heading->setObjectName(u"tariffEditorHeading"_s);
    m_heading->setFont(style::subheadingFont(font()));
    m_name = new QLineEdit(this);
    m_name->setObjectName(u"tariffName"_s);
    m_name->setMaxLength(200);
    m_scope = new QComboBox(this);
    m_scope->setObjectName(u"tariffScope"_s);
    for (const TariffScope scope : kScopes)
        m_scope->addItem(QString(), int(scope));
    m_scopeTarget = new QComboBox(this);
    m_scopeTarget->setObjectName(u"tariffScopeTarget"_s);
    m_scopeTarget->setMinimumContentsLength(16);
    m_scopeTarget->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_currency = new QLineEdit(u"UAH"_s, this);
    m_currency->setObjectName(u"tariffCurrency"_s);
    m_currency->setMaxLength(3);
    m_currency->setMaximumWidth(80);
    m_timeZone = new QComboBox(this);
    m_timeZone->setObjectName(u"tariffTimeZone"_s);
    m_timeZone->setEditable(true);
    m_timeZone->setInsertPolicy(QComboBox::NoInsert);
    for (const QByteArray &zone : QTimeZone::availableTimeZoneIds())
        m_timeZone->addItem(QString::fromLatin1(zone));
    m_timeZone->setCurrentText(u"UTC"_s);
    m_validFrom = new QDateTimeEdit(QDateTime::currentDateTime(), this);
    m_validFrom->setObjectName(u"tariffValidFrom"_s);
    m_validFrom->setCalendarPopup(true);
    m_validFrom->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
    m_energyPrice = new QLineEdit(u"0"_s, this);
    m_energyPrice->setObjectName(u"tariffEnergyPrice"_s);
    m_serviceFee = new QLineEdit(u"0"_s, this);
    m_serviceFee->setObjectName(u"tariffServiceFee"_s);
    m_idleFee = new QLineEdit(u"0"_s, this);
    m_idleFee->setObjectName(u"tariffIdleFee"_s);
    m_freeMinutes = new QSpinBox(this);
    m_freeMinutes->setObjectName(u"tariffFreeMinutes"_s);
    m_freeMinutes->setRange(0, 24 * 60);

    m_periods = new QTableWidget(0, PeriodColumnCount, this);
    m_periods->setObjectName(u"tariffPeriods"_s);
    m_periods->verticalHeader()->hide();
    m_periods->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_periods->setSelectionMode(QAbstractItemView::SingleSelection);
    m_periods->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_periods->setMinimumHeight(120);
    m_addPeriod = new QPushButton(this);
    m_addPeriod->setObjectName(u"addTariffPeriod"_s);
    m_removePeriod = new QPushButton(this);
    m_removePeriod->setObjectName(u"removeTariffPeriod"_s);
    m_problems = errorLabel(this, u"tariffProblems"_s);

    m_previewKwh = new QSpinBox(this);
    m_previewKwh->setObjectName(u"tariffPreviewKwh"_s);
    m_previewKwh->setRange(1, 10000);
    m_previewKwh->setValue(40);
    m_previewKwh->setSuffix(u" kWh"_s);
    m_previewFrom = new QTimeEdit(QTime(18, 30), this);
    m_previewFrom->setObjectName(u"tariffPreviewFrom"_s);
    m_previewFrom->setDisplayFormat(u"HH:mm"_s);
    m_previewTo = new QTimeEdit(QTime(21, 10), this);
    m_previewTo->setObjectName(u"tariffPreviewTo"_s);
    m_previewTo->setDisplayFormat(u"HH:mm"_s);
    m_previewHeadline = new QLabel(this);
    m_previewHeadline->setObjectName(u"tariffPreview"_s);
    m_previewHeadline->setTextFormat(Qt::PlainText);
    m_previewHeadline->setWordWrap(true);
    QFont bold = m_previewHeadline->font();
    bold.setBold(true);
    m_previewHeadline->setFont(bold);
    m_previewLines = new QLabel(this);
    m_previewLines->setObjectName(u"tariffPreviewLines"_s);
    m_previewLines->setTextFormat(Qt::PlainText);
    m_previewLines->setWordWrap(true);
    m_previewLines->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_nameLabel = new QLabel(this);
    m_scopeLabel = new QLabel(this);
    m_currencyLabel = new QLabel(this);
    m_zoneLabel = new QLabel(this);
    m_validFromLabel = new QLabel(this);
    m_energyLabel = new QLabel(this);
    m_serviceLabel = new QLabel(this);
    m_idleLabel = new QLabel(this);
    m_freeLabel = new QLabel(this);
    m_periodsLabel = new QLabel(this);
    m_previewLabel = new QLabel(this);

    auto *scopeRow = new QHBoxLayout;
    scopeRow->addWidget(m_scope, 1);
    scopeRow->addWidget(m_scopeTarget, 2);
    auto *moneyRow = new QHBoxLayout;
    moneyRow->addWidget(m_currency);
    moneyRow->addSpacing(12);
    moneyRow->addWidget(m_zoneLabel);
    moneyRow->addWidget(m_timeZone, 1);
    auto *idleRow = new QHBoxLayout;
    idleRow->addWidget(m_idleFee, 1);
    idleRow->addSpacing(12);
    idleRow->addWidget(m_freeLabel);
    idleRow->addWidget(m_freeMinutes);
    auto *form = new QFormLayout;
    form->addRow(m_nameLabel, m_name);
    form->addRow(m_scopeLabel, scopeRow);
    form->addRow(m_currencyLabel, moneyRow);
    form->addRow(m_validFromLabel, m_validFrom);
    form->addRow(m_energyLabel, m_energyPrice);
    form->addRow(m_serviceLabel, m_serviceFee);
    form->addRow(m_idleLabel, idleRow);
    auto *periodButtons = new QHBoxLayout;
    periodButtons->addWidget(m_periodsLabel, 1);
    periodButtons->addWidget(m_addPeriod);
    periodButtons->addWidget(m_removePeriod);
    auto *previewRow = new QHBoxLayout;
    previewRow->addWidget(m_previewLabel);
    previewRow->addWidget(m_previewKwh);
    previewRow->addWidget(m_previewFrom);
    previewRow->addWidget(m_previewTo);
    previewRow->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_heading);
    layout->addLayout(form);
    layout->addLayout(periodButtons);
    layout->addWidget(m_periods, 1);
    layout->addWidget(m_problems);
    layout->addLayout(previewRow);
    layout->addWidget(m_previewHeadline);
    layout->addWidget(m_previewLines);

    for (QLineEdit *field : {m_name, m_currency, m_energyPrice, m_serviceFee, m_idleFee})
        connect(field, &QLineEdit::textChanged, this, &TariffEditor::refresh);
    connect(m_scope, &QComboBox::currentIndexChanged, this, [this] {
        fillScopeTargets(0);
        refresh();
    });
    connect(m_scopeTarget, &QComboBox::currentIndexChanged, this, &TariffEditor::refresh);
    connect(m_timeZone, &QComboBox::currentTextChanged, this, &TariffEditor::refresh);
    connect(m_validFrom, &QDateTimeEdit::dateTimeChanged, this, [this] {
        m_validFromTouched = true;
        refresh();
    });
    connect(m_freeMinutes, &QSpinBox::valueChanged, this, &TariffEditor::refresh);
    connect(m_previewKwh, &QSpinBox::valueChanged, this, &TariffEditor::refresh);
    connect(m_previewFrom, &QTimeEdit::timeChanged, this, &TariffEditor::refresh);
    connect(m_previewTo, &QTimeEdit::timeChanged, this, &TariffEditor::refresh);
    connect(m_addPeriod, &QPushButton::clicked, this, [this] {
        addPeriod(PeriodKind::Peak, 18 * 60, 22 * 60, moneyFieldText(0, currencyCode()));
    });
    connect(m_removePeriod, &QPushButton::clicked, this, [this] { removePeriod(m_periods->currentRow()); });
    retranslateUi();
    Tariff fresh;
    fresh.currency = u"UAH"_s;
    setTariff(fresh);
}

QString TariffEditor::currencyCode() const
{
    return m_currency->text().trimmed().toUpper();
}

std::optional<qint64> TariffEditor::money(const QLineEdit *field) const
{
    return moneyFieldValue(field, currencyCode());
}

void TariffEditor::setTariff(const Tariff &tariff)
{
    const QSignalBlocker blockName(m_name);
    m_loaded = tariff;
    m_id = tariff.id;
    m_version = tariff.version;
    m_validFromTouched = false;
    const QString currency = tariff.currency.isEmpty() ? u"UAH"_s : tariff.currency;
    {
        const QSignalBlocker b1(m_currency), b2(m_energyPrice), b3(m_serviceFee), b4(m_idleFee), b5(m_scope),
            b6(m_scopeTarget), b7(m_timeZone), b8(m_validFrom), b9(m_freeMinutes);
        m_name->setText(tariff.name);
        m_currency->setText(currency);
        m_scope->setCurrentIndex(qMax(0, m_scope->findData(int(tariff.scope))));
        fillScopeTargets(tariff.scopeId);
        m_timeZone->setCurrentText(tariff.timeZone.isEmpty() ? u"UTC"_s : tariff.timeZone);
        // A new version starts now by default; a new tariff too.
        m_validFrom->setDateTime(tariff.id == 0 && tariff.validFromMs > 0 ? QDateTime::fromMSecsSinceEpoch(tariff.validFromMs)
                                                                          : QDateTime::currentDateTime());
        m_energyPrice->setText(moneyFieldText(tariff.energyPriceMinorPerKwh, currency));
        m_serviceFee->setText(moneyFieldText(tariff.serviceFeeMinorPerKwh, currency));
        m_idleFee->setText(moneyFieldText(tariff.idleFeeMinorPerMinute, currency));
        m_freeMinutes->setValue(tariff.idleFreeMinutes);
    }
    m_periods->setRowCount(0);
    for (const TariffPeriod &p : tariff.periods)
        addPeriodRow(p, moneyFieldText(p.energyPriceMinorPerKwh, currency));
    retranslateUi();
    refresh();
}

void TariffEditor::addPeriodRow(const TariffPeriod &period, const QString &priceText)
{
    const int row = m_periods->rowCount();
    m_periods->insertRow(row);
    auto *kind = new QComboBox(m_periods);
    for (const PeriodKind k : kKinds)
        kind->addItem(TariffText::periodKindTitle(k), int(k));
    kind->setCurrentIndex(qMax(0, kind->findData(int(period.kind))));
    auto *from = new QTimeEdit(timeOf(period.startMinute), m_periods);
    from->setDisplayFormat(u"HH:mm"_s);
    auto *to = new QTimeEdit(timeOf(period.endMinute), m_periods);
    to->setDisplayFormat(u"HH:mm"_s);
    auto *price = new QLineEdit(priceText, m_periods);
    m_periods->setCellWidget(row, KindColumn, kind);
    m_periods->setCellWidget(row, FromColumn, from);
    m_periods->setCellWidget(row, ToColumn, to);
    m_periods->setCellWidget(row, PriceColumn, price);
    connect(kind, &QComboBox::currentIndexChanged, this, &TariffEditor::refresh);
    connect(from, &QTimeEdit::timeChanged, this, &TariffEditor::refresh);
    connect(to, &QTimeEdit::timeChanged, this, &TariffEditor::refresh);
    connect(price, &QLineEdit::textChanged, this, &TariffEditor::refresh);
}

std::optional<Tariff> TariffEditor::tariff() const
{
    Tariff t = m_loaded;
    t.id = m_id;
    t.name = m_name->text().trimmed();
    t.scope = TariffScope(m_scope->currentData().toInt());
    t.scopeId = t.scope == TariffScope::Global ? 0 : m_scopeTarget->currentData().toLongLong();
    t.currency = currencyCode();
    t.timeZone = m_timeZone->currentText().trimmed();
    // A new version of a stored tariff starts when it is saved (0: now), unless a time was set.
    t.validFromMs = m_id != 0 && !m_validFromTouched ? 0 : m_validFrom->dateTime().toMSecsSinceEpoch();
    t.validToMs.reset();
    const auto energy = money(m_energyPrice);
    const auto service = money(m_serviceFee);
    const auto idle = money(m_idleFee);
    if (!energy || !service || !idle)
        return std::nullopt;
    t.energyPriceMinorPerKwh = *energy;
    t.serviceFeeMinorPerKwh = *service;
    t.idleFeeMinorPerMinute = *idle;
    t.idleFreeMinutes = m_freeMinutes->value();
    t.periods.clear();
    for (int row = 0; row < m_periods->rowCount(); ++row) {
        const auto *kind = qobject_cast<QComboBox *>(m_periods->cellWidget(row, KindColumn));
        const auto *from = qobject_cast<QTimeEdit *>(m_periods->cellWidget(row, FromColumn));
        const auto *to = qobject_cast<QTimeEdit *>(m_periods->cellWidget(row, ToColumn));
        const auto *priceField = qobject_cast<QLineEdit *>(m_periods->cellWidget(row, PriceColumn));
        if (!kind || !from || !to || !priceField)
            return std::nullopt;
        const auto price = money(priceField);
        if (!price)
            return std::nullopt;
        TariffPeriod p;
        p.kind = PeriodKind(kind->currentData().toInt());
        p.startMinute = minuteOf(from->time());
        p.endMinute = minuteOf(to->time());
        if (p.endMinute == 0 && p.startMinute != 0)
            p.endMinute = 24 * 60;  // "until 00:00" is until midnight
        p.energyPriceMinorPerKwh = *price;
        t.periods.append(p);
    }
    return t;
}

QStringList TariffEditor::problems() const
{
    QStringList out;
    const QString currency = currencyCode();
    const int digits = payments::minorUnitDigits(currency);
    const auto unreadable = [&](const QLineEdit *field, const QString &what) {
        if (!money(field))
            out << tr("%1 must be an amount such as 1.20 (at most %n decimal place(s)).", nullptr, digits).arg(what);
    };
    unreadable(m_energyPrice, tr("The energy price"));
    unreadable(m_serviceFee, tr("The service fee"));
    unreadable(m_idleFee, tr("The idle fee"));
    for (int row = 0; row < m_periods->rowCount(); ++row) {
        if (const auto *price = qobject_cast<QLineEdit *>(m_periods->cellWidget(row, PriceColumn)); price && !money(price))
            out << tr("The price of period %1 must be an amount such as 1.20.").arg(row + 1);
    }
    if (!out.isEmpty())
        return out;
    const auto t = tariff();
    return t ? billing::validate(*t) : out;
}

QString TariffEditor::problemsText() const
{
    return m_problems->text();
}

QString TariffEditor::previewHeadline() const
{
    return m_previewHeadline->text();
}

QString TariffEditor::previewText() const
{
    return m_previewHeadline->text() + u'\n' + m_previewLines->text();
}

void TariffEditor::refresh()
{
    const QStringList found = problems();
    m_problems->setText(found.join(u'\n'));
    m_removePeriod->setEnabled(m_periods->rowCount() > 0);
    const auto t = tariff();
    if (!found.isEmpty() || !t) {
        m_previewHeadline->setText(tr("Correct the tariff to see what a session would cost."));
        m_previewLines->clear();
        emit changed();
        return;
    }
    const QDate day = QDate::currentDate();
    const qint64 startMs = billing::tariffLocalMs(*t, day, m_previewFrom->time());
    qint64 endMs = billing::tariffLocalMs(*t, day, m_previewTo->time());
    if (endMs <= startMs)
        endMs = billing::tariffLocalMs(*t, day.addDays(1), m_previewTo->time());  // charging past midnight
    const qint64 energyWh = qint64(m_previewKwh->value()) * 1000;
    const billing::BillResult result = billing::previewBill(*t, energyWh, startMs, endMs);
    //: the tariff editor's preview: %1 kWh, %2 and %3 local times, %4 the total
    m_previewHeadline->setText(tr("A %1 kWh session from %2 to %3 would cost %4.")
                                   .arg(QLocale().toString(m_previewKwh->value()), m_previewFrom->time().toString(u"HH:mm"_s),
                                        m_previewTo->time().toString(u"HH:mm"_s), amountText(result.totalMinor, t->currency)));
    m_previewLines->setText(billing::explain(result).join(u'\n'));
    emit changed();
}

void TariffEditor::setName(const QString &name)
{
    m_name->setText(name);
}

void TariffEditor::setScope(TariffScope scope, qint64 scopeId)
{
    {
        const QSignalBlocker blocker(m_scope);
        m_scope->setCurrentIndex(qMax(0, m_scope->findData(int(scope))));
    }
    fillScopeTargets(scopeId);
    refresh();
}

void TariffEditor::setScopeChoices(const billing::PlaceChoices &choices)
{
    m_choices = choices;
    fillScopeTargets(m_scopeTarget->currentData().toLongLong());
    refresh();
}

QString TariffEditor::scopeTargetText() const
{
    return m_scopeTarget->currentText();
}

void TariffEditor::fillScopeTargets(qint64 selectedId)
{
    const QSignalBlocker blocker(m_scopeTarget);
    const auto scope = TariffScope(m_scope->currentData().toInt());
    m_scopeTarget->clear();
    m_scopeTarget->setEnabled(scope != TariffScope::Global);
    if (scope == TariffScope::Global)
        return;
    //: the first entry of the list of sites, stations or departments a tariff can apply to
    m_scopeTarget->addItem(tr("Choose…"), qint64(0));
    for (const billing::ScopeTarget &target : m_choices.of(scope))
        m_scopeTarget->addItem(target.name, target.id);
    int index = m_scopeTarget->findData(selectedId);
    if (index < 0 && selectedId > 0) {
        // Not among the choices (not loaded yet, or gone since): still shown, and kept on save.
        //: a site, station or department known only by its number
        m_scopeTarget->addItem(tr("number %1").arg(selectedId), selectedId);
        index = m_scopeTarget->count() - 1;
    }
    m_scopeTarget->setCurrentIndex(qMax(0, index));
}

void TariffEditor::setCurrency(const QString &currency)
{
    m_currency->setText(currency);
}

void TariffEditor::setTimeZone(const QString &zone)
{
    m_timeZone->setCurrentText(zone);
}

void TariffEditor::setEnergyPriceText(const QString &price)
{
    m_energyPrice->setText(price);
}

void TariffEditor::setServiceFeeText(const QString &fee)
{
    m_serviceFee->setText(fee);
}

void TariffEditor::setIdleFeeText(const QString &fee)
{
    m_idleFee->setText(fee);
}

void TariffEditor::setIdleFreeMinutes(int minutes)
{
    m_freeMinutes->setValue(minutes);
}

void TariffEditor::setValidFromMs(qint64 ms)
{
    m_validFrom->setDateTime(QDateTime::fromMSecsSinceEpoch(ms));
}

int TariffEditor::periodCount() const
{
    return m_periods->rowCount();
}

void TariffEditor::addPeriod(PeriodKind kind, int startMinute, int endMinute, const QString &price)
{
    TariffPeriod p;
    p.kind = kind;
    p.startMinute = startMinute;
    p.endMinute = endMinute;
    addPeriodRow(p, price);
    m_periods->setCurrentCell(m_periods->rowCount() - 1, 0);
    refresh();
}

void TariffEditor::removePeriod(int row)
{
    if (row < 0 || row >= m_periods->rowCount())
        return;
    m_periods->removeRow(row);
    refresh();
}

void TariffEditor::setPreview(qint64 energyWh, const QTime &from, const QTime &to)
{
    m_previewKwh->setValue(int(energyWh / 1000));
    m_previewFrom->setTime(from);
    m_previewTo->setTime(to);
}

void TariffEditor::retranslateUi()
{
    if (m_id == 0)
        m_heading->setText(tr("New tariff"));
    else
        //: %1 the tariff's name, %2 its version number
        m_heading->setText(tr("%1, version %2: saving makes version %3").arg(m_loaded.name).arg(m_version).arg(m_version + 1));
    for (int i = 0; i < m_scope->count(); ++i)
        m_scope->setItemText(i, TariffText::scopeTitle(TariffScope(m_scope->itemData(i).toInt())));
    m_nameLabel->setText(tr("Name:"));
    m_scopeLabel->setText(tr("Applies to:"));
    m_currencyLabel->setText(tr("Currency:"));
    m_zoneLabel->setText(tr("Time zone:"));
    m_validFromLabel->setText(tr("Valid from:"));
    m_energyLabel->setText(tr("Energy price per kWh:"));
    m_serviceLabel->setText(tr("Service fee per kWh:"));
    m_idleLabel->setText(tr("Idle fee per minute:"));
    //: minutes after charging ends before the idle fee starts
    m_freeLabel->setText(tr("Free minutes:"));
    m_periodsLabel->setText(tr("Time-of-use periods (none: the energy price all day)"));
    m_addPeriod->setText(tr("Add period"));
    m_removePeriod->setText(tr("Remove period"));
    m_periods->setHorizontalHeaderLabels({tr("Kind"), tr("From"), tr("To"), tr("Price per kWh")});
    for (int row = 0; row < m_periods->rowCount(); ++row) {
        if (auto *kind = qobject_cast<QComboBox *>(m_periods->cellWidget(row, KindColumn))) {
            for (int i = 0; i < kind->count(); ++i)
                kind->setItemText(i, TariffText::periodKindTitle(PeriodKind(kind->itemData(i).toInt())));
        }
    }
    m_previewLabel->setText(tr("Preview:"));
    refresh();
}

}  // namespace cd::ui
