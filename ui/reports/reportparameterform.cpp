#include "ui/reports/reportparameterform.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace cd::ui {

using namespace reports;

namespace {

QDate utcDate(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).date();
}

qint64 utcStart(QDate date)
{
    return QDateTime(date, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}

QDateEdit *dateEdit(const QString &name, QWidget *parent)
{
    auto *edit = new QDateEdit(parent);
    edit->setObjectName(name);
    edit->setCalendarPopup(true);
    edit->setTimeSpec(Qt::UTC);
    edit->setDisplayFormat(u"yyyy-MM-dd"_s);
    return edit;
}

}  // namespace

ReportParameterForm::ReportParameterForm(QWidget *parent) : QWidget(parent)
{
    m_from = dateEdit(u"reportFrom"_s, this);
    m_to = dateEdit(u"reportTo"_s, this);
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const QDate first(today.year(), today.month(), 1);
    m_from->setDate(first);
    m_to->setDate(first.addMonths(1).addDays(-1));
    m_period = new QWidget(this);
    auto *period = new QHBoxLayout(m_period);
    period->setContentsMargins(0, 0, 0, 0);
    period->addWidget(m_from, 1);
    auto *dash = new QLabel(u"–"_s, m_period);
    dash->setObjectName(u"periodDash"_s);  // the same in every language
    period->addWidget(dash);
    period->addWidget(m_to, 1);

    m_subOperator = new QComboBox(this);
    m_subOperator->setObjectName(u"reportSubOperator"_s);
    m_site = new QComboBox(this);
    m_site->setObjectName(u"reportSite"_s);
    m_groupBy = new QComboBox(this);
    m_groupBy->setObjectName(u"reportGroupBy"_s);
    m_bucket = new QComboBox(this);
    m_bucket->setObjectName(u"reportBucket"_s);
    m_threshold = new QSpinBox(this);
    m_threshold->setObjectName(u"reportThreshold"_s);
    m_threshold->setRange(0, 100);
    m_threshold->setSuffix(u" %"_s);
    for (QComboBox *combo : {m_subOperator, m_site, m_groupBy, m_bucket}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(12);
        connect(combo, &QComboBox::currentIndexChanged, this, &ReportParameterForm::changed);
    }
    connect(m_from, &QDateEdit::dateChanged, this, &ReportParameterForm::changed);
    connect(m_to, &QDateEdit::dateChanged, this, &ReportParameterForm::changed);
    connect(m_threshold, &QSpinBox::valueChanged, this, &ReportParameterForm::changed);

    m_form = new QFormLayout(this);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (QWidget *field : {m_period, static_cast<QWidget *>(m_subOperator), static_cast<QWidget *>(m_site),
                           static_cast<QWidget *>(m_groupBy), static_cast<QWidget *>(m_bucket),
                           static_cast<QWidget *>(m_threshold)}) {
        auto *label = new QLabel(this);
        label->setBuddy(field == m_period ? m_from : field);
        m_form->addRow(label, field);
    }
    retranslateUi();
}

void ReportParameterForm::setInfo(const ReportInfo &info)
{
    const bool sameReport = m_info.name == info.name;
    m_info = info;
    const auto has = [&info](ReportParameterKind kind) { return info.parameters.contains(kind); };
    m_form->setRowVisible(m_period, has(ReportParameterKind::Period));
    m_form->setRowVisible(m_subOperator, has(ReportParameterKind::SubOperator));
    m_form->setRowVisible(m_site, has(ReportParameterKind::Site));
    m_form->setRowVisible(m_groupBy, has(ReportParameterKind::GroupBy));
    m_form->setRowVisible(m_bucket, has(ReportParameterKind::Bucket));
    m_form->setRowVisible(m_threshold, has(ReportParameterKind::ThresholdPercent));
    if (!sameReport)
        m_threshold->setValue(info.defaultThresholdPercent);
    fillChoiceTitles();
}

void ReportParameterForm::setChoices(const QStringList &subOperators, const QStringList &sites)
{
    m_subOperators = subOperators;
    m_sites = sites;
    retranslateUi();
}

void ReportParameterForm::fillCombo(QComboBox *combo, const QStringList &names, const QString &all)
{
    const QString current = combo->currentData().toString();
    const QSignalBlocker block(combo);
    combo->clear();
    combo->addItem(all, QString());
    for (const QString &name : names)
        combo->addItem(name, name);
    combo->setCurrentIndex(std::max(0, combo->findData(current)));
}

void ReportParameterForm::fillChoiceTitles()
{
    {
        const QString current = m_groupBy->currentData().toString();
        const QSignalBlocker block(m_groupBy);
        m_groupBy->clear();
        for (const QString &choice : std::as_const(m_info.groupByChoices))
            m_groupBy->addItem(ReportParameterText::groupByTitle(choice), choice);
        m_groupBy->setCurrentIndex(std::max(0, m_groupBy->findData(current)));
    }
    const QString current = m_bucket->currentData().toString();
    const QSignalBlocker block(m_bucket);
    m_bucket->clear();
    for (const QString &bucket : ReportParameterText::bucketChoices())
        m_bucket->addItem(ReportParameterText::bucketTitle(bucket), bucket);
    m_bucket->setCurrentIndex(std::max(0, m_bucket->findData(current)));
}

void ReportParameterForm::retranslateUi()
{
    const auto label = [this](QWidget *field, ReportParameterKind kind) {
        if (auto *l = qobject_cast<QLabel *>(m_form->labelForField(field)))
            l->setText(ReportParameterText::label(kind));
    };
    label(m_period, ReportParameterKind::Period);
    label(m_subOperator, ReportParameterKind::SubOperator);
    label(m_site, ReportParameterKind::Site);
    label(m_groupBy, ReportParameterKind::GroupBy);
    label(m_bucket, ReportParameterKind::Bucket);
    label(m_threshold, ReportParameterKind::ThresholdPercent);
    m_from->setToolTip(tr("The first day of the period (UTC)"));
    m_to->setToolTip(tr("The last day of the period, included (UTC)"));
    fillCombo(m_subOperator, m_subOperators, tr("All sub-operators"));
    fillCombo(m_site, m_sites, tr("All sites"));
    fillChoiceTitles();
}

ReportParameters ReportParameterForm::parameters() const
{
    ReportParameters p;
    const auto has = [this](ReportParameterKind kind) { return m_info.parameters.contains(kind); };
    if (has(ReportParameterKind::Period)) {
        p.fromMs = utcStart(m_from->date());
        p.toMs = utcStart(m_to->date().addDays(1));
    }
    if (has(ReportParameterKind::SubOperator))
        p.subOperator = m_subOperator->currentData().toString();
    if (has(ReportParameterKind::Site))
        p.site = m_site->currentData().toString();
    if (has(ReportParameterKind::GroupBy))
        p.groupBy = m_groupBy->currentData().toString();
    if (has(ReportParameterKind::Bucket))
        p.bucket = m_bucket->currentData().toString();
    if (has(ReportParameterKind::ThresholdPercent))
        p.thresholdPercent = m_threshold->value();
    return p;
}

void ReportParameterForm::setPeriod(qint64 fromMs, qint64 toMs)
{
    m_from->setDate(utcDate(fromMs));
    m_to->setDate(utcDate(toMs - 1));
}

void ReportParameterForm::setSubOperator(const QString &name)
{
    m_subOperator->setCurrentIndex(std::max(0, m_subOperator->findData(name)));
}

void ReportParameterForm::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

}  // namespace cd::ui
