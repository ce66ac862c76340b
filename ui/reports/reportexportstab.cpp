#include "ui/reports/reportexportstab.h"

#include "core/reports/reportcatalog.h"
#include "core/reports/reportwriter.h"
#include "core/storage/queryrunner.h"
#include "ui/accounts/texttablemodel.h"
#include "ui/reports/reportcelltext.h"
#include "ui/widgets/readonlytable.h"
#include "ui/widgets/style.h"

#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

using namespace reports;

namespace {

constexpr int kPageSize = 100;

struct Page {
    QList<ReportExport> rows;
    bool more = false;
};

QString reportTitle(const QString &name)
{
    const auto info = ReportCatalog::info(name);
    return info ? info->title : name;
}

}  // namespace

ReportExportsTab::ReportExportsTab(storage::QueryRunner &list, storage::QueryRunner &jobs, QWidget *parent)
    : QWidget(parent), m_list(list), m_jobs(jobs)
{
    m_listTitle = new QLabel(this);
    m_listTitle->setObjectName(u"reportExportsTitle"_s);
    m_listTitle->setFont(style::subheadingFont(font()));
    m_model = new TextTableModel(this);
    m_model->setNumericColumns({0, 4});
    m_view = makeReadOnlyTable(u"reportExports"_s, this);
    m_view->setModel(m_model);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_changesButton = new QPushButton(this);
    m_changesButton->setObjectName(u"reportChangesButton"_s);
    m_olderButton = new QPushButton(this);
    m_olderButton->setObjectName(u"reportExportsOlderButton"_s);
    m_refreshButton = new QPushButton(this);
    m_refreshButton->setObjectName(u"reportExportsRefreshButton"_s);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_changesButton);
    actions->addStretch(1);
    actions->addWidget(m_refreshButton);
    actions->addWidget(m_olderButton);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_listTitle);
    topLayout->addWidget(m_view, 1);
    topLayout->addLayout(actions);

    m_changesTitle = new QLabel(this);
    m_changesTitle->setObjectName(u"reportChangesTitle"_s);
    m_changesTitle->setFont(style::subheadingFont(font()));
    m_changesTitle->setWordWrap(true);
    m_changesTitle->setTextFormat(Qt::PlainText);
    m_totals = new QLabel(this);
    m_totals->setObjectName(u"reportChangesTotals"_s);
    m_totals->setWordWrap(true);
    m_totals->setTextFormat(Qt::PlainText);
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_changesModel = new TextTableModel(this);
    m_changesView = makeReadOnlyTable(u"reportChanges"_s, this);
    m_changesView->setModel(m_changesModel);
    m_changesView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 8, 0, 0);
    bottomLayout->addWidget(m_changesTitle);
    bottomLayout->addWidget(m_totals);
    bottomLayout->addWidget(m_changesView, 1);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(top);
    split->addWidget(bottom);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->addWidget(split);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { m_changesButton->setEnabled(selectedExport() != 0); });
    connect(m_changesButton, &QPushButton::clicked, this, &ReportExportsTab::showChanges);
    connect(m_olderButton, &QPushButton::clicked, this, &ReportExportsTab::showOlder);
    connect(m_refreshButton, &QPushButton::clicked, this, &ReportExportsTab::refresh);
    m_changesButton->setEnabled(false);
    m_olderButton->setEnabled(false);
    retranslateUi();
}

void ReportExportsTab::refresh()
{
    const int limit = std::max(kPageSize, int(m_rows.size()));
    const int generation = ++m_generation;
    m_list.run<Expected<Page>>(
        this,
        [limit](const std::shared_ptr<storage::Database> &db) -> Expected<Page> {
            auto listed = ReportExportRepository(*db).list(limit + 1);
            if (!listed)
                return listed.error();
            Page page;
            page.more = listed->size() > limit;
            page.rows = listed->mid(0, limit);
            return page;
        },
        [this, generation](Expected<Page> page) {
            if (generation != m_generation)
                return;
            if (!page) {
                m_error = page.error().message;
                m_changesTitle->setText(m_error);
                return;
            }
            const qint64 selected = selectedExport();
            m_rows = page->rows;
            m_hasOlder = page->more;
            showRows();
            if (selected != 0)
                selectExport(selected);
            emit loaded(int(m_rows.size()));
        });
}

bool ReportExportsTab::showOlder()
{
    if (!m_hasOlder || m_rows.isEmpty())
        return false;
    const qint64 before = m_rows.constLast().id;
    const int generation = m_generation;
    m_list.run<Expected<Page>>(
        this,
        [before](const std::shared_ptr<storage::Database> &db) -> Expected<Page> {
            auto listed = ReportExportRepository(*db).list(kPageSize + 1, before);
            if (!listed)
                return listed.error();
            Page page;
            page.more = listed->size() > kPageSize;
            page.rows = listed->mid(0, kPageSize);
            return page;
        },
        [this, generation, before](Expected<Page> page) {
            if (generation != m_generation || m_rows.isEmpty() || m_rows.constLast().id != before)
                return;
            if (!page) {
                m_changesTitle->setText(page.error().message);
                return;
            }
            const qint64 selected = selectedExport();
            m_rows += page->rows;
            m_hasOlder = page->more;
            showRows();
            if (selected != 0)
                selectExport(selected);
            emit loaded(int(m_rows.size()));
        });
    return true;
}

void ReportExportsTab::showRows()
{
    QList<QStringList> rows;
    const QLocale locale;
    for (const ReportExport &e : std::as_const(m_rows)) {
        rows.append({QString::number(e.id),
                     locale.toString(QDateTime::fromMSecsSinceEpoch(e.createdMs), QLocale::ShortFormat),
                     reportTitle(e.report), e.format.toUpper(), locale.toString(e.rowCount), e.createdBy,
                     QDir::toNativeSeparators(e.fileName)});
    }
    m_model->setRows(rows);
    //: %1 how many exports are listed
    m_listTitle->setText(tr("Exports, newest first: %1 shown").arg(locale.toString(m_rows.size())));
    m_olderButton->setEnabled(m_hasOlder);
    m_changesButton->setEnabled(selectedExport() != 0);
}

bool ReportExportsTab::selectExport(qint64 id)
{
    return selectSourceRow(m_view, m_model, rowOfId(m_rows, id));
}

qint64 ReportExportsTab::selectedExport() const
{
    return currentRowId(m_view, m_rows);
}

bool ReportExportsTab::showChanges()
{
    const qint64 id = selectedExport();
    if (id == 0)
        return false;
    const int generation = ++m_changesGeneration;
    m_error.clear();
    m_changes.reset();
    m_changesModel->setRows({});
    //: %1 the export's number
    m_changesTitle->setText(tr("Running the report of export %1 again…").arg(id));
    m_totals->clear();
    m_changesButton->setEnabled(false);
    m_jobs.run<Expected<ReportChanges>>(
        this,
        [id](const std::shared_ptr<storage::Database> &db) { return ReportChangeQuery(*db).changesSince(id); },
        [this, generation](Expected<ReportChanges> changes) {
            if (generation != m_changesGeneration)
                return;
            m_changesButton->setEnabled(selectedExport() != 0);
            if (!changes) {
                m_error = changes.error().message;
                m_changesTitle->setText(m_error);
                return;
            }
            m_changes = std::move(*changes);
            showChangeRows();
            emit changesShown(int(m_changes->changes.size()));
        });
    return true;
}

void ReportExportsTab::showChangeRows()
{
    if (!m_changes) {
        m_changesTitle->setText(m_error.isEmpty() ? tr("Select an export and press \"What changed since…\".") : m_error);
        m_changesModel->setHeaders({});
        return;
    }
    const ReportChanges &c = *m_changes;
    QStringList headers{tr("Change"), tr("Row")};
    for (const ReportColumn &column : c.columns)
        headers << column.title;
    m_changesModel->setHeaders(headers);
    QList<QStringList> rows;
    for (const RowChange &change : c.changes) {
        QStringList row{ReportChangeText::display(change.kind), change.label};
        for (int i = 0; i < c.columns.size(); ++i)
            row << ReportCellText::cell(c.columns, change.now, i);
        rows.append(row);
    }
    m_changesModel->setRows(rows);
    const QLocale locale;
    const QString when = locale.toString(QDateTime::fromMSecsSinceEpoch(c.since.createdMs), QLocale::ShortFormat);
    if (c.unchanged())
        //: %1 the export's number, %2 the report, %3 when it was exported
        m_changesTitle->setText(tr("Nothing changed since export %1 (%2, %3).").arg(c.since.id).arg(reportTitle(c.since.report), when));
    else
        //: %1 added rows, %2 removed rows, %3 changed rows, %4 the export's number, %5 the report, %6 when
        m_changesTitle->setText(tr("Since export %4 (%5, %6): %1 added, %2 removed, %3 changed.")
                                    .arg(locale.toString(c.added), locale.toString(c.removed), locale.toString(c.changed))
                                    .arg(c.since.id)
                                    .arg(reportTitle(c.since.report), when));
    //: the totals of the rows as exported (%1) and as they are now (%2)
    m_totals->setText(tr("In the export: %1\nNow: %2")
                          .arg(ReportCellText::totals(c.columns, c.totalsThen), ReportCellText::totals(c.columns, c.totalsNow)));
}

QString ReportExportsTab::changesText() const
{
    return m_changesTitle->text();
}

QString ReportExportsTab::totalsText() const
{
    return m_totals->text();
}

void ReportExportsTab::retranslateUi()
{
    m_model->setHeaders({tr("No."), tr("Exported"), tr("Report"), tr("Format"), tr("Rows"), tr("By"), tr("File")});
    m_changesButton->setText(tr("What changed since…"));
    m_changesButton->setToolTip(tr("Run the selected export's report again now and compare it row by row with the file"));
    m_olderButton->setText(tr("Show older"));
    m_refreshButton->setText(tr("Refresh"));
    showRows();
    showChangeRows();
}

void ReportExportsTab::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

}  // namespace cd::ui
