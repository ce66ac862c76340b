#include "ui/anomalies/anomalystatisticsview.h"

#include "core/anomalies/anomalystatisticscsv.h"
#include "core/storage/queryrunner.h"
#include "ui/anomalies/anomalystatisticsmodel.h"
#include "ui/widgets/readonlytable.h"
#include "ui/widgets/style.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace cd::ui {

using anomalies::AnomalyStatistics;
using anomalies::StatisticsPeriod;

namespace {

using Result = Expected<AnomalyStatistics>;

const StatisticsPeriod kPeriods[] = {StatisticsPeriod::Day, StatisticsPeriod::Week, StatisticsPeriod::Month};

}  // namespace

AnomalyStatisticsView::AnomalyStatisticsView(std::shared_ptr<storage::Database> db, QWidget *parent)
    : QWidget(parent), m_runner(std::make_unique<storage::QueryRunner>(std::move(db)))
{
    m_periodLabel = new QLabel(this);
    m_period = new QComboBox(this);
    m_period->setObjectName(u"statisticsPeriod"_s);
    m_period->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (const StatisticsPeriod p : kPeriods)
        m_period->addItem(QString(), int(p));
    m_period->setCurrentIndex(2);  // month
    m_periodLabel->setBuddy(m_period);
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"statisticsSummary"_s);
    style::makeMuted(m_summary);
    m_export = new QPushButton(this);
    m_export->setObjectName(u"statisticsExportButton"_s);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"statisticsExportProgress"_s);
    m_progress->setMaximumWidth(160);
    m_progress->hide();
    m_exportStatus = new QLabel(this);
    m_exportStatus->setObjectName(u"statisticsExportStatus"_s);
    m_exportStatus->setTextFormat(Qt::PlainText);
    m_exportStatus->setWordWrap(true);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_periodLabel);
    bar->addWidget(m_period);
    bar->addSpacing(12);
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_progress);
    bar->addWidget(m_export);

    m_model = new AnomalyStatisticsModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(AnomalyStatisticsModel::SortRole);
    m_table = makeReadOnlyTable(u"statisticsTable"_s, this);
    m_table->setModel(m_proxy);
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);  // as computed: newest period first
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_exportStatus);

    connect(m_period, &QComboBox::currentIndexChanged, this, [this] {
        m_stale = true;
        if (isVisible())
            refresh();
    });
    connect(m_export, &QPushButton::clicked, this, [this] { makeExportDialog()->open(); });
    connect(&m_exportWatcher, &QFutureWatcher<Status>::finished, this, [this] {
        m_exporting = false;
        m_progress->hide();
        const Status result = m_exportWatcher.result();
        const QString message =
            result ? tr("Saved %n row(s) to %1.", nullptr, int(m_model->statistics().rows.size())).arg(QDir::toNativeSeparators(m_exportPath))
                   : result.error().message;
        m_exportStatus->setText(message);
        updateSummary();
        emit exportFinished(result.ok(), message);
    });
    retranslateUi();
}

AnomalyStatisticsView::~AnomalyStatisticsView()
{
    if (m_cancelExport)
        m_cancelExport->store(true);
    m_exportWatcher.waitForFinished();
}

StatisticsPeriod AnomalyStatisticsView::period() const
{
    return static_cast<StatisticsPeriod>(m_period->currentData().toInt());
}

void AnomalyStatisticsView::setPeriod(StatisticsPeriod period)
{
    m_period->setCurrentIndex(m_period->findData(int(period)));
}

void AnomalyStatisticsView::setTimeZone(const QTimeZone &zone)
{
    m_zone = zone;
    m_stale = true;
}

void AnomalyStatisticsView::setFilter(const anomalies::AnomalyBillFilter &filter)
{
    m_filter = filter;
    m_stale = true;
    if (isVisible())
        refresh();
}

void AnomalyStatisticsView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

void AnomalyStatisticsView::refresh()
{
    m_stale = false;
    m_loading = true;
    m_error.clear();
    const int generation = ++m_generation;
    updateSummary();
    m_runner->run<Result>(
        this,
        [filter = m_filter, period = period(), zone = m_zone](const std::shared_ptr<storage::Database> &db) {
            return anomalies::AnomalyStatisticsQuery(*db).compute(filter, period, zone);
        },
        [this, generation](Result result) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (!result) {
                m_error = result.error().message;
                m_model->setStatistics({});
            } else {
                m_computed = true;
                m_model->setStatistics(std::move(*result));
            }
            updateSummary();
            emit loaded(m_model->rowCount());
        });
}

QFileDialog *AnomalyStatisticsView::makeExportDialog()
{
    auto *dialog = new QFileDialog(this, tr("Export anomaly statistics"));
    dialog->setObjectName(u"statisticsExportDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->setNameFilter(tr("CSV files (*.csv)"));
    dialog->setDefaultSuffix(u"csv"_s);
    dialog->setDirectory(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    dialog->selectFile(u"anomaly-statistics-%1.csv"_s.arg(anomalies::statisticsPeriodName(period())));
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &file) { exportCsv(file); });
    return dialog;
}

bool AnomalyStatisticsView::exportCsv(const QString &path)
{
    if (m_exporting || !m_computed || m_loading)
        return false;
    m_exporting = true;
    m_exportPath = path;
    m_cancelExport = std::make_shared<std::atomic_bool>(false);
    const qint64 total = m_model->statistics().rows.size();
    m_progress->setRange(0, int(std::max<qint64>(1, total)));
    m_progress->setValue(0);
    m_progress->show();
    m_exportStatus->setText(tr("Saving %1…").arg(QDir::toNativeSeparators(path)));
    // The destructor cancels and waits for the writer, so `this` outlives every call it posts.
    m_exportWatcher.setFuture(QtConcurrent::run([this, statistics = m_model->statistics(), path,
                                                 cancel = m_cancelExport]() -> Status {
        return anomalies::AnomalyStatisticsCsv::writeFile(statistics, path, [&](qint64 done, qint64) {
            QMetaObject::invokeMethod(this, [this, done] { m_progress->setValue(int(done)); }, Qt::QueuedConnection);
            return !cancel->load();
        });
    }));
    return true;
}

void AnomalyStatisticsView::updateSummary()
{
    m_export->setEnabled(m_computed && !m_loading && !m_exporting && m_model->rowCount() > 0);
    if (m_loading) {
        m_summary->setText(tr("Counting…"));
        return;
    }
    if (!m_error.isEmpty()) {
        m_summary->setText(m_error);
        return;
    }
    const AnomalyStatistics &s = m_model->statistics();
    if (s.rows.isEmpty()) {
        m_summary->setText(m_computed ? tr("No anomaly bills match the filter.") : QString());
        return;
    }
    //: %1 anomaly bills (a bill with two codes counts once), %2 rows of code × station × period
    m_summary->setText(tr("%1 anomaly bills in %2 rows").arg(QLocale().toString(s.anomalyBills), QLocale().toString(s.rows.size())));
}

void AnomalyStatisticsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void AnomalyStatisticsView::retranslateUi()
{
    m_periodLabel->setText(tr("&Group by:"));
    for (int i = 0; i < m_period->count(); ++i) {
        switch (static_cast<StatisticsPeriod>(m_period->itemData(i).toInt())) {
        case StatisticsPeriod::Day:
            m_period->setItemText(i, tr("Day"));
            break;
        case StatisticsPeriod::Week:
            m_period->setItemText(i, tr("Week"));
            break;
        case StatisticsPeriod::Month:
            m_period->setItemText(i, tr("Month"));
            break;
        }
    }
    m_export->setText(tr("&Export CSV…"));
    m_table->setToolTip(tr("Share: anomaly bills with the code among all sessions of the station started in the period"));
    m_model->retranslate();
    updateSummary();
}

}  // namespace cd::ui
