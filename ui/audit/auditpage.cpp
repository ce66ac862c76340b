#include "ui/audit/auditpage.h"

#include "core/access/auditbrowser.h"
#include "core/storage/queryrunner.h"
#include "ui/audit/auditchangesmodel.h"
#include "ui/audit/audittablemodel.h"
#include "ui/audit/audittext.h"
#include "ui/shell/screen.h"
#include "ui/widgets/pageheader.h"
#include "ui/widgets/readonlytable.h"
#include "ui/widgets/style.h"
#include "ui/widgets/timetext.h"
#include "ui/widgets/wrappinglabel.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

AuditPage::AuditPage(const ConsoleServices &services, QWidget *parent)
    : QWidget(parent),
      m_actor(services.actor),
      m_runner(services.database ? std::make_unique<storage::QueryRunner>(services.database) : nullptr),
      m_model(new AuditTableModel(this)),
      m_changes(new AuditChangesModel(this))
{
    m_header = new PageHeader(this);

    m_subjectLabel = new QLabel(this);
    m_subjectType = new QComboBox(this);
    m_subjectType->setObjectName(u"auditSubjectType"_s);
    m_subjectType->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_subjectType->setMinimumContentsLength(18);  // the longest kind ("Site meter reading") without jumping
    m_subjectLabel->setBuddy(m_subjectType);
    m_subjectId = new QLineEdit(this);
    m_subjectId->setObjectName(u"auditSubjectId"_s);
    m_subjectId->setMaxLength(200);
    m_subjectId->setClearButtonEnabled(true);
    m_operatorLabel = new QLabel(this);
    m_operator = new QLineEdit(this);
    m_operator->setObjectName(u"auditOperator"_s);
    m_operator->setMaxLength(200);
    m_operator->setClearButtonEnabled(true);
    m_operatorLabel->setBuddy(m_operator);
    m_periodLabel = new QLabel(this);
    m_period = new QComboBox(this);
    m_period->setObjectName(u"auditPeriod"_s);
    m_periodLabel->setBuddy(m_period);
    for (int i = 0; i < 4; ++i)
        m_period->addItem(QString(), i);
    m_refresh = new QPushButton(this);
    m_refresh->setObjectName(u"auditRefresh"_s);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_subjectLabel);
    filters->addWidget(m_subjectType);
    filters->addWidget(m_subjectId, 1);
    filters->addSpacing(12);
    filters->addWidget(m_operatorLabel);
    filters->addWidget(m_operator, 1);
    filters->addSpacing(12);
    filters->addWidget(m_periodLabel);
    filters->addWidget(m_period);
    filters->addWidget(m_refresh);

    m_table = makeReadOnlyTable(u"auditTable"_s, this);
    m_table->setModel(m_model);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);

    m_status = new QLabel(this);
    m_status->setObjectName(u"auditStatus"_s);
    style::makeMuted(m_status);

    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 8, 0, 0);
    m_entryTitle = new WrappingLabel(detail);
    m_entryTitle->setObjectName(u"auditEntryTitle"_s);
    m_entryTitle->setTextFormat(Qt::PlainText);
    m_entryTitle->setFont(style::subheadingFont(font()));
    m_entryReason = new WrappingLabel(detail);
    m_entryReason->setObjectName(u"auditEntryReason"_s);
    m_entryReason->setTextFormat(Qt::PlainText);
    m_entryReason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_changesTable = makeReadOnlyTable(u"auditChanges"_s, detail);
    m_changesTable->setModel(m_changes);
    m_changesTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    detailLayout->addWidget(m_entryTitle);
    detailLayout->addWidget(m_entryReason);
    detailLayout->addWidget(m_changesTable, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_table);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_header);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);

    connect(m_subjectType, &QComboBox::currentIndexChanged, this, &AuditPage::refresh);
    connect(m_period, &QComboBox::currentIndexChanged, this, &AuditPage::refresh);
    connect(m_subjectId, &QLineEdit::editingFinished, this, &AuditPage::refresh);
    connect(m_operator, &QLineEdit::editingFinished, this, &AuditPage::refresh);
    connect(m_refresh, &QPushButton::clicked, this, &AuditPage::refresh);
    connect(m_model, &AuditTableModel::moreRequested, this, &AuditPage::load);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AuditPage::showCurrentEntry);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AuditPage::showCurrentEntry);

    m_subjectType->addItem(QString(), QString());  // all subjects
    retranslateUi();
    showCurrentEntry();
}

AuditPage::~AuditPage() = default;

storage::AuditFilter AuditPage::filter() const
{
    storage::AuditFilter f;
    f.entityType = m_subjectType->currentData().toString();
    f.entityId = m_subjectId->text().trimmed();
    f.operatorName = m_operator->text().trimmed();
    f.limit = kPageSize;
    const QDateTime now = QDateTime::currentDateTime();
    const QDateTime startOfToday = now.date().startOfDay();
    switch (static_cast<Period>(m_period->currentData().toInt())) {
    case Period::Any:
        break;
    case Period::Today:
        f.fromMs = startOfToday.toMSecsSinceEpoch();
        break;
    case Period::Week:
        f.fromMs = startOfToday.addDays(-6).toMSecsSinceEpoch();
        break;
    case Period::Month:
        f.fromMs = startOfToday.addDays(-29).toMSecsSinceEpoch();
        break;
    }
    return f;
}

void AuditPage::refresh()
{
    ++m_generation;
    load(0);
}

void AuditPage::load(qint64 beforeId)
{
    if (!m_runner)
        return;
    storage::AuditFilter f = filter();
    f.beforeId = beforeId;
    m_runner->run<Expected<QList<storage::AuditEntry>>>(
        this,
        [f, actor = m_actor](const std::shared_ptr<storage::Database> &db) {
            return access::AuditBrowser(*db).page(actor, f);
        },
        [this, beforeId, generation = m_generation](Expected<QList<storage::AuditEntry>> page) {
            if (generation != m_generation)
                return;
            if (!page) {
                m_error = page.error().message;
                m_model->setEntries({}, false);
            } else {
                m_error.clear();
                const bool more = page->size() >= kPageSize;
                if (beforeId == 0) {
                    // A refresh keeps the entry the operator was reading, when it is still listed.
                    const qint64 shown = currentRowId(m_table, m_model->entries());
                    m_model->setEntries(std::move(page.value()), more);
                    if (const int row = rowOfId(m_model->entries(), shown); row >= 0)
                        m_table->selectRow(row);
                } else {
                    m_model->appendEntries(std::move(page.value()), more);
                }
            }
            showStatus();
        });
}

void AuditPage::loadSubjectTypes()
{
    if (!m_runner)
        return;
    m_runner->run<Expected<QStringList>>(
        this,
        [actor = m_actor](const std::shared_ptr<storage::Database> &db) {
            return access::AuditBrowser(*db).entityTypes(actor);
        },
        [this](Expected<QStringList> types) {
            if (!types)
                return;  // the list says why
            const QString current = m_subjectType->currentData().toString();
            const QSignalBlocker blocker(m_subjectType);
            while (m_subjectType->count() > 1)
                m_subjectType->removeItem(1);
            for (const QString &type : *types)
                m_subjectType->addItem(AuditText::subjectTypeTitle(type), type);
            m_subjectType->setCurrentIndex(qMax(0, m_subjectType->findData(current)));
        });
}

void AuditPage::showCurrentEntry()
{
    const storage::AuditEntry *e = m_model->entry(m_table->currentIndex().row());
    if (!e) {
        m_entryTitle->setText(tr("Select an entry to see what it changed."));
        m_entryReason->clear();
        m_entryReason->hide();
        m_changes->clear();
        return;
    }
    //: Audit entry heading: %1 the action ("refund.approve"), %2 the operator, %3 the local time
    m_entryTitle->setText(tr("%1 by %2 at %3")
                              .arg(AuditText::actionTitle(e->action), e->operatorName,
                                   millisecondText(e->atMs, QTimeZone::systemTimeZone())));
    m_entryReason->setText(e->reason.isEmpty() ? tr("No reason was given.") : tr("Reason: %1").arg(e->reason));
    m_entryReason->show();
    m_changes->setStates(e->beforeState, e->afterState);
    m_changesTable->resizeColumnToContents(AuditChangesModel::Field);
}

void AuditPage::showStatus()
{
    if (!m_error.isEmpty()) {
        m_status->setText(m_error);
        style::makeError(m_status);
        return;
    }
    style::makeMuted(m_status);
    const int shown = m_model->rowCount();
    m_status->setText(m_model->hasMore() ? tr("%n newest entries shown; scroll down for older ones.", nullptr, shown)
                                         : tr("%n entries.", nullptr, shown));
}

void AuditPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    loadSubjectTypes();
    refresh();
}

void AuditPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void AuditPage::retranslateUi()
{
    m_header->setTitle(Screens::title(Screen::Audit));
    m_header->setDescription(Screens::description(Screen::Audit));
    m_subjectLabel->setText(tr("&Subject:"));
    m_subjectType->setItemText(0, tr("All"));
    for (int i = 1; i < m_subjectType->count(); ++i)
        m_subjectType->setItemText(i, AuditText::subjectTypeTitle(m_subjectType->itemData(i).toString()));
    m_subjectId->setPlaceholderText(tr("Number or name"));
    m_operatorLabel->setText(tr("&Operator:"));
    m_operator->setPlaceholderText(tr("Login, as recorded"));
    m_periodLabel->setText(tr("&Period:"));
    m_period->setItemText(0, tr("Any time"));
    m_period->setItemText(1, tr("Today"));
    m_period->setItemText(2, tr("Last 7 days"));
    m_period->setItemText(3, tr("Last 30 days"));
    m_refresh->setText(tr("&Refresh"));
    m_model->retranslate();
    m_changes->retranslate();
    showCurrentEntry();
    if (m_runner)
        showStatus();
}

}  // namespace cd::ui
