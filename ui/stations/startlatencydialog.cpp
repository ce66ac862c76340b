#include "ui/stations/startlatencydialog.h"

#include "core/charging/startlatency.h"
#include "core/storage/queryrunner.h"
#include "ui/stations/startlatencymodel.h"
#include "ui/widgets/readonlytable.h"
#include "ui/widgets/style.h"
#include "ui/widgets/wrappinglabel.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;
constexpr int kPeriods[] = {7, 30, 90, 365};

using Report = Expected<charging::StartLatencyReport>;

QTableView *latencyTable(const QString &objectName, StartLatencyModel *model, QWidget *parent)
{
    auto *proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(model);
    proxy->setSortRole(StartLatencyModel::SortRole);
    QTableView *table = makeReadOnlyTable(objectName, parent);
    table->setModel(proxy);
    table->setSortingEnabled(true);
    table->sortByColumn(-1, Qt::AscendingOrder);  // the core's order: slowest median first
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return table;
}

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setFont(style::subheadingFont(parent->font()));
    return label;
}

}  // namespace

StartLatencyDialog::StartLatencyDialog(storage::QueryRunner &runner, QWidget *parent) : QDialog(parent), m_runner(runner)
{
    setObjectName(u"startLatencyDialog"_s);
    setWindowTitle(tr("Start latency"));
    resize(980, 640);

    auto *explanation = new WrappingLabel(this);
    explanation->setText(tr("From the start of a session (the station's start message) to the first Charging state, "
                            "in the station's own time. A model or firmware that starts slowly stands out at the top."));
    m_period = new QComboBox(this);
    m_period->setObjectName(u"latencyPeriod"_s);
    for (const int days : kPeriods)
        m_period->addItem(tr("Last %n day(s)", nullptr, days), days);
    m_period->setCurrentIndex(1);
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"latencySummary"_s);
    style::makeMuted(m_summary);
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Sessions started:"), this));
    bar->addWidget(m_period);
    bar->addSpacing(12);
    bar->addWidget(m_summary, 1);

    m_models = new StartLatencyModel(StartLatencyModel::Grouping::Models, this);
    m_stations = new StartLatencyModel(StartLatencyModel::Grouping::Stations, this);
    m_modelTable = latencyTable(u"latencyModels"_s, m_models, this);
    m_modelTable->setColumnHidden(StartLatencyModel::Station, true);
    m_stationTable = latencyTable(u"latencyStations"_s, m_stations, this);
    m_stationTable->setColumnHidden(StartLatencyModel::Stations, true);

    m_reload = new QPushButton(tr("Reload"), this);
    m_reload->setObjectName(u"latencyReload"_s);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_reload, QDialogButtonBox::ActionRole);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addLayout(bar);
    layout->addWidget(heading(tr("By vendor, model and firmware"), this));
    layout->addWidget(m_modelTable, 2);
    layout->addWidget(heading(tr("By station"), this));
    layout->addWidget(m_stationTable, 3);
    layout->addWidget(buttons);

    connect(m_period, &QComboBox::currentIndexChanged, this, &StartLatencyDialog::reload);
    connect(m_reload, &QPushButton::clicked, this, &StartLatencyDialog::reload);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    reload();
}

StartLatencyDialog::~StartLatencyDialog() = default;

void StartLatencyDialog::setPeriodDays(int days)
{
    const int index = m_period->findData(days);
    if (index >= 0)
        m_period->setCurrentIndex(index);
}

void StartLatencyDialog::reload()
{
    m_reload->setEnabled(false);
    m_summary->setText(tr("Loading…"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 from = now - qint64(m_period->currentData().toInt()) * kDayMs;
    const int days = m_period->currentData().toInt();
    m_runner.run<Report>(
        this,
        [from, now](const std::shared_ptr<storage::Database> &db) { return charging::StartLatency::report(db, from, now + 1); },
        [this, days](Report report) {
            m_reload->setEnabled(true);
            if (days != m_period->currentData().toInt())
                return;  // the period changed meanwhile; its own load follows
            if (!report) {
                m_summary->setText(report.error().message);
                return;
            }
            int starts = 0;
            int leftOut = 0;
            for (const charging::StartLatencyGroup &g : std::as_const(report->stations)) {
                starts += g.sessions;
                leftOut += g.implausible;
            }
            m_models->setGroups(report->models);
            m_stations->setGroups(report->stations);
            QString summary = starts == 0 ? tr("No session reached Charging in this period.")
                                          : tr("%n start(s) measured", nullptr, starts);
            if (leftOut > 0)
                summary += u" · "_s + tr("%n left out: station clock jumped", nullptr, leftOut);
            m_summary->setText(summary);
            emit loaded(m_models->rowCount(), m_stations->rowCount());
        });
}

}  // namespace cd::ui
