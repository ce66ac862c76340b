#include "ui/reports/reportspage.h"

#include "core/billing/placechoices.h"
#include "core/reports/reportcatalog.h"
#include "core/storage/queryrunner.h"
#include "ui/reports/reportchartview.h"
#include "ui/reports/reportexporter.h"
#include "ui/reports/reportexportstab.h"
#include "ui/reports/reportparameterform.h"
#include "ui/reports/reporttablemodel.h"
#include "ui/shell/screen.h"
#include "ui/widgets/pageheader.h"
#include "ui/widgets/readonlytable.h"
#include "ui/widgets/style.h"
#include "ui/widgets/permittedwidgets.h"

#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QShowEvent>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

using namespace reports;

namespace {

constexpr int kNameRole = Qt::UserRole + 1;

struct Shown {
    QString title;
    QString parametersText;
    QString parametersJson;
    QList<ReportColumn> columns;
    ReportChart chart;
    QList<ReportRow> rows;
    qint64 total = 0;
};

struct Choices {
    QStringList subOperators;
    QStringList sites;
};

QStringList namesOf(const QList<billing::ScopeTarget> &targets)
{
    QStringList names;
    for (const billing::ScopeTarget &t : targets)
        names << t.name;
    return names;
}

}  // namespace

// The report as last run, its rows read a page at a time on the worker's connection.
struct ReportsPage::OpenReport {
    std::optional<ReportTable> table;
};

ReportsPage::ReportsPage(const ConsoleServices &services, QWidget *parent)
    : QWidget(parent),
      m_database(services.database),
      m_runner(std::make_unique<storage::QueryRunner>(services.database)),
      m_open(std::make_shared<OpenReport>())
{
    m_exporter = new ReportExporter(services.database, services.actor, this);
    build();
    showOnlyIfAllowed(services.actor, access::Permission::ReportsExport, {m_export});
    fillReports();
    retranslateUi();
}

ReportsPage::~ReportsPage()
{
    // The open report's cursor belongs to the worker's connection: it goes there, first.
    m_runner->run<int>(
        nullptr,
        [open = m_open](const std::shared_ptr<storage::Database> &) {
            open->table.reset();
            return 0;
        },
        [](int) {});
    delete m_exporter;  // stops a running export and its worker
    m_exporter = nullptr;
    m_runner.reset();
}

void ReportsPage::build()
{
    m_header = new PageHeader(this);

    m_reportsTitle = new QLabel(this);
    m_reportsTitle->setFont(style::subheadingFont(font()));
    m_reports = new QStandardItemModel(this);
    m_reportList = new QListView(this);
    m_reportList->setObjectName(u"reportList"_s);
    m_reportList->setModel(m_reports);
    m_reportList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_reportList->setUniformItemSizes(true);
    m_reportList->setSpacing(1);
    m_description = new QLabel(this);
    m_description->setObjectName(u"reportDescription"_s);
    m_description->setWordWrap(true);
    m_description->setTextFormat(Qt::PlainText);
    style::makeMuted(m_description);
    m_parametersTitle = new QLabel(this);
    m_parametersTitle->setFont(style::subheadingFont(font()));
    m_form = new ReportParameterForm(this);
    m_form->setObjectName(u"reportParameters"_s);
    m_run = new QPushButton(this);
    m_run->setObjectName(u"runReportButton"_s);
    m_run->setDefault(true);
    m_export = new QPushButton(this);
    m_export->setObjectName(u"exportReportButton"_s);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_export);
    buttons->addStretch(1);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 8, 0);
    leftLayout->addWidget(m_reportsTitle);
    leftLayout->addWidget(m_reportList, 1);
    leftLayout->addWidget(m_description);
    leftLayout->addSpacing(8);
    leftLayout->addWidget(m_parametersTitle);
    leftLayout->addWidget(m_form);
    leftLayout->addLayout(buttons);

    m_tableTitle = new QLabel(this);
    m_tableTitle->setObjectName(u"reportTitle"_s);
    m_tableTitle->setFont(style::subheadingFont(font()));
    m_tableTitle->setTextFormat(Qt::PlainText);
    m_parameters = new QLabel(this);
    m_parameters->setObjectName(u"reportParametersText"_s);
    m_parameters->setWordWrap(true);
    m_parameters->setTextFormat(Qt::PlainText);
    m_parameters->setTextInteractionFlags(Qt::TextSelectableByMouse);
    style::makeMuted(m_parameters);
    m_model = new ReportTableModel(this);
    m_view = makeReadOnlyTable(u"reportTable"_s, this);
    m_view->setModel(m_model);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    // Every column as wide as its title and cells (a scroll bar when they are more than the width).
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_chart = new ReportChartView(this);
    m_chart->setObjectName(u"reportChart"_s);
    m_chart->hide();
    auto *tableAndChart = new QSplitter(Qt::Vertical, this);
    tableAndChart->setChildrenCollapsible(false);
    tableAndChart->addWidget(m_view);
    tableAndChart->addWidget(m_chart);
    tableAndChart->setStretchFactor(0, 3);
    tableAndChart->setStretchFactor(1, 2);
    m_status = new QLabel(this);
    m_status->setObjectName(u"reportStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_more = new QPushButton(this);
    m_more->setObjectName(u"showMoreReportRowsButton"_s);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_more);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(8, 0, 0, 0);
    rightLayout->addWidget(m_tableTitle);
    rightLayout->addWidget(m_parameters);
    rightLayout->addWidget(tableAndChart, 1);
    rightLayout->addLayout(bottom);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setChildrenCollapsible(false);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({320, 680});
    left->setMinimumWidth(300);
    left->setMaximumWidth(420);

    m_exportsTab = new ReportExportsTab(*m_runner, m_exporter->jobs(), this);
    m_exportsTab->setObjectName(u"reportExportsTab"_s);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"reportTabs"_s);
    m_tabs->setDocumentMode(true);
    auto *reportTab = new QWidget(this);
    auto *reportLayout = new QVBoxLayout(reportTab);
    reportLayout->setContentsMargins(0, 8, 0, 0);
    reportLayout->addWidget(split);
    m_tabs->addTab(reportTab, QString());
    m_tabs->addTab(m_exportsTab, QString());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    layout->addWidget(m_header);
    layout->addWidget(m_tabs, 1);

    connect(m_reportList->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ReportsPage::reportChanged);
    connect(m_reportList, &QListView::doubleClicked, this, &ReportsPage::run);
    connect(m_run, &QPushButton::clicked, this, &ReportsPage::run);
    connect(m_export, &QPushButton::clicked, this, &ReportsPage::exportReport);
    connect(m_more, &QPushButton::clicked, this, &ReportsPage::showMore);
    connect(m_exporter, &ReportExporter::finished, this, &ReportsPage::exported);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == ExportsTab)
            m_exportsTab->refresh();
    });
}

void ReportsPage::loadChoices()
{
    m_runner->run<Expected<Choices>>(
        this,
        [](const std::shared_ptr<storage::Database> &db) -> Expected<Choices> {
            auto places = billing::PlaceChoices::load(*db);
            if (!places)
                return places.error();
            return Choices{namesOf(places->subOperators), namesOf(places->sites)};
        },
        [this](Expected<Choices> choices) {
            if (!choices) {
                m_status->setText(choices.error().message);
                return;
            }
            m_form->setChoices(choices->subOperators, choices->sites);
        });
}

void ReportsPage::fillReports()
{
    const QString selected = selectedReport();
    const QList<ReportInfo> infos = ReportCatalog::reports();
    if (m_reports->rowCount() != infos.size()) {
        m_reports->clear();
        for (int i = 0; i < infos.size(); ++i)
            m_reports->appendRow(new QStandardItem);
    }
    for (int i = 0; i < infos.size(); ++i) {
        QStandardItem *item = m_reports->item(i);
        item->setText(infos.at(i).title);
        item->setToolTip(infos.at(i).description);
        item->setData(infos.at(i).name, kNameRole);
    }
    if (!selected.isEmpty())
        selectReport(selected);
    else if (m_reports->rowCount() > 0)
        m_reportList->setCurrentIndex(m_reports->index(0, 0));
    reportChanged();
}

bool ReportsPage::selectReport(const QString &name)
{
    for (int i = 0; i < m_reports->rowCount(); ++i) {
        if (m_reports->item(i)->data(kNameRole).toString() == name) {
            m_reportList->setCurrentIndex(m_reports->index(i, 0));
            return true;
        }
    }
    return false;
}

QString ReportsPage::selectedReport() const
{
    return m_reportList->currentIndex().data(kNameRole).toString();
}

void ReportsPage::reportChanged()
{
    const auto info = ReportCatalog::info(selectedReport());
    if (info) {
        m_form->setInfo(*info);
        m_description->setText(info->description);
    } else {
        m_description->clear();
    }
    updateState();
}

int ReportsPage::shownRows() const
{
    return m_model->rowCount();
}

bool ReportsPage::isChartShown() const
{
    return !m_chart->isHidden();
}

QString ReportsPage::parametersText() const
{
    return m_parameters->text();
}

QString ReportsPage::statusText() const
{
    return m_status->text();
}

void ReportsPage::setCurrentTab(Tab tab)
{
    m_tabs->setCurrentIndex(tab);
}

void ReportsPage::run()
{
    const QString name = selectedReport();
    if (!name.isEmpty())
        runReport(name, m_form->parameters());
}

void ReportsPage::runReport(const QString &name, const ReportParameters &parameters)
{
    const int generation = ++m_generation;
    m_loading = true;
    m_error.clear();
    updateState();
    m_runner->run<Expected<Shown>>(
        this,
        [open = m_open, name, parameters](const std::shared_ptr<storage::Database> &db) -> Expected<Shown> {
            open->table.reset();
            auto table = ReportCatalog::open(*db, name, parameters);
            if (!table)
                return table.error();
            auto total = table->rows->countRows();
            if (!total)
                return total.error();
            auto rows = table->rows->nextPage(kPageSize);
            if (!rows)
                return rows.error();
            Shown shown{table->title, table->parametersText, table->parametersJson, table->columns, table->chart,
                        *rows, std::max<qint64>(*total, rows->size())};
            open->table = std::move(*table);
            return shown;
        },
        [this, generation, name, parameters](Expected<Shown> shown) {
            if (generation != m_generation)
                return;  // a newer run is on its way
            m_loading = false;
            if (!shown) {
                m_error = shown.error().message;
                m_shownName.clear();
                m_totalRows = 0;
                m_model->clear();
                m_chartHint = {};
                m_parametersText.clear();
                m_shownTitle.clear();
                showChart();
                updateState();
                return;
            }
            m_shownName = name;
            m_shownParameters = parameters;
            m_shownTitle = shown->title;
            m_shownParametersJson = shown->parametersJson;
            m_parametersText = shown->parametersText;
            m_chartHint = shown->chart;
            m_totalRows = shown->total;
            m_model->reset(shown->columns, shown->rows);
            m_view->horizontalHeader()->resizeSections(QHeaderView::ResizeToContents);
            showChart();
            updateState();
            emit reportShown(int(shown->rows.size()));
        });
}

bool ReportsPage::showMore()
{
    if (m_loading || m_shownName.isEmpty() || !hasMore())
        return false;
    const int generation = m_generation;
    m_loading = true;
    updateState();
    m_runner->run<Expected<QList<ReportRow>>>(
        this,
        [open = m_open](const std::shared_ptr<storage::Database> &) -> Expected<QList<ReportRow>> {
            if (!open->table)
                return QList<ReportRow>();
            return open->table->rows->nextPage(kPageSize);
        },
        [this, generation](Expected<QList<ReportRow>> rows) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (!rows) {
                m_error = rows.error().message;
            } else {
                m_model->append(*rows);
                if (rows->isEmpty())
                    m_totalRows = shownRows();  // rows went away meanwhile
                else
                    m_totalRows = std::max<qint64>(m_totalRows, shownRows());
                if (m_chartHint.kind != ReportChart::Kind::None && shownRows() - rows->size() < ReportChartView::kMaxPoints)
                    showChart();
            }
            updateState();
            emit rowsAppended(rows ? int(rows->size()) : 0);
        });
    return true;
}

void ReportsPage::showChart()
{
    const bool drawn = m_chart->draw(m_chartHint, m_model->columns(), m_model->rows());
    m_chart->setVisible(drawn && m_model->rowCount() > 0);
}

void ReportsPage::updateState()
{
    const QLocale locale;
    m_run->setEnabled(!selectedReport().isEmpty() && !m_loading);
    m_export->setEnabled(!m_shownName.isEmpty() && !m_exporter->isRunning());
    m_more->setEnabled(!m_loading && hasMore());
    m_more->setVisible(hasMore());
    m_tableTitle->setText(m_shownTitle.isEmpty() ? tr("No report shown yet") : m_shownTitle);
    m_parameters->setText(m_parametersText.isEmpty() ? tr("Choose a report and its parameters on the left, then press Run.")
                                                     : m_parametersText);
    if (m_loading)
        m_status->setText(tr("Loading…"));
    else if (!m_error.isEmpty())
        m_status->setText(m_error);
    else if (m_shownName.isEmpty())
        m_status->clear();
    else if (m_totalRows == 0)
        m_status->setText(tr("The report has no rows for these parameters."));
    else
        //: %1 rows shown, %2 rows in the report
        m_status->setText(tr("%1 of %2 rows shown").arg(locale.toString(shownRows()), locale.toString(m_totalRows)));
}

std::optional<ReportsPage::ExportTarget> ReportsPage::chooseTarget(const QString &suggestedFileName)
{
    if (m_chooseTarget)
        return m_chooseTarget(suggestedFileName);
    const QList<std::pair<ReportFormat, QString>> formats = {
        {ReportFormat::Csv, tr("CSV, comma-separated text (*.csv)")},
        {ReportFormat::Xlsx, tr("Excel workbook (*.xlsx)")},
        {ReportFormat::Pdf, tr("PDF document (*.pdf)")},
        {ReportFormat::Json, tr("JSON data (*.json)")},
    };
    QStringList filters;
    for (const auto &f : formats)
        filters << f.second;
    QString selectedFilter = filters.constFirst();
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export report"), QDir(dir).filePath(suggestedFileName),
                                                      filters.join(u";;"_s), &selectedFilter);
    if (path.isEmpty())
        return std::nullopt;
    ExportTarget target{path, ReportFormat::Csv};
    // The file's suffix decides; else the chosen filter.
    if (auto bySuffix = ReportFormatText::fromName(QFileInfo(path).suffix().toLower())) {
        target.format = *bySuffix;
    } else {
        for (const auto &f : formats) {
            if (f.second == selectedFilter) {
                target.format = f.first;
                target.path += ReportFormatText::suffix(f.first);
            }
        }
    }
    return target;
}

bool ReportsPage::exportReport()
{
    if (m_shownName.isEmpty() || m_exporter->isRunning())
        return false;
    const QString suggested = m_shownName + u'-'
        + QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmm"_s) + ReportFormatText::suffix(ReportFormat::Csv);
    const auto target = chooseTarget(suggested);
    if (!target)
        return false;
    if (!m_exporter->start(m_shownName, m_shownTitle, m_shownParametersJson, target->path, target->format))
        return false;
    updateState();
    return true;
}

void ReportsPage::exported(bool ok, qint64 exportId, const QString &path, qint64 rows, const QString &message)
{
    updateState();
    const QLocale locale;
    QString text;
    if (ok)
        //: %1 the export's number, %2 rows, %3 the file
        text = tr("Export %1 done: %2 rows written to %3.")
                   .arg(QString::number(exportId), locale.toString(rows), QDir::toNativeSeparators(path));
    else
        //: %1 why the export stopped
        text = tr("The export stopped and left no file: %1").arg(message);
    m_status->setText(text);
    if (ok)
        m_exportsTab->refresh();
    if (m_showMessages) {
        auto *box = new QMessageBox(ok ? QMessageBox::Information : QMessageBox::Warning, tr("Export report"), text,
                                    QMessageBox::Ok, this);
        box->setObjectName(u"reportExportMessage"_s);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    emit exportFinished(ok, exportId, ok ? text : message);
}

void ReportsPage::retranslateUi()
{
    m_header->setTitle(Screens::title(Screen::Reports));
    m_header->setDescription(Screens::description(Screen::Reports));
    m_tabs->setTabText(ReportTab, tr("Report"));
    m_tabs->setTabText(ExportsTab, tr("Exports"));
    m_reportsTitle->setText(tr("Reports"));
    m_parametersTitle->setText(tr("Parameters"));
    m_run->setText(tr("&Run"));
    m_export->setText(tr("&Export…"));
    m_export->setToolTip(tr("Write the whole report to a CSV, Excel, PDF or JSON file"));
    m_more->setText(tr("Show &more"));
    fillReports();
    updateState();
}

void ReportsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!event->spontaneous()) {
        loadChoices();
        m_exportsTab->refresh();
    }
}

void ReportsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        // The report's titles and its question are in the language of its run: run it again.
        if (!m_shownName.isEmpty())
            runReport(m_shownName, m_shownParameters);
    }
    QWidget::changeEvent(event);
}

}  // namespace cd::ui
