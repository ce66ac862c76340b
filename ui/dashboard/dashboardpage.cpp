#include "ui/dashboard/dashboardpage.h"

#include "core/charging/sessiontimeline.h"
#include "core/storage/queryrunner.h"
#include "ui/dashboard/dashboardtile.h"
#include "ui/shell/screen.h"
#include "ui/stations/stationtablemodel.h"
#include "ui/widgets/moneytext.h"
#include "ui/widgets/pageheader.h"
#include "ui/widgets/style.h"

#include <QDate>
#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {

constexpr int kRefreshMs = 3000;
constexpr int kColumns = 4;

using Figures = Expected<storage::DashboardFigures>;

QString figureKey(DashboardPage::Figure figure)
{
    switch (figure) {
    case DashboardPage::Figure::Online:
        return u"online"_s;
    case DashboardPage::Figure::Offline:
        return u"offline"_s;
    case DashboardPage::Figure::Faulted:
        return u"faulted"_s;
    case DashboardPage::Figure::Charging:
        return u"charging"_s;
    case DashboardPage::Figure::SessionsToday:
        return u"sessionsToday"_s;
    case DashboardPage::Figure::EnergyToday:
        return u"energyToday"_s;
    case DashboardPage::Figure::RevenueToday:
        return u"revenueToday"_s;
    case DashboardPage::Figure::AnomalyBills:
        return u"anomalyBills"_s;
    case DashboardPage::Figure::OpenAlerts:
        return u"openAlerts"_s;
    }
    return {};
}

QLabel *sectionTitle(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setFont(style::subheadingFont(parent->font()));
    return label;
}

}  // namespace

DashboardPage::DashboardPage(const ConsoleServices &services, QWidget *parent)
    : QWidget(parent), m_runner(std::make_unique<storage::QueryRunner>(services.database))
{
    m_header = new PageHeader(this);
    m_stationsTitle = sectionTitle(u"dashboardStationsTitle"_s, this);
    m_todayTitle = sectionTitle(u"dashboardTodayTitle"_s, this);
    m_waitingTitle = sectionTitle(u"dashboardWaitingTitle"_s, this);
    m_updated = new QLabel(this);
    m_updated->setObjectName(u"dashboardUpdated"_s);
    style::makeMuted(m_updated);

    for (int i = 0; i < kFigureCount; ++i) {
        const auto figure = static_cast<Figure>(i);
        auto *tile = new DashboardTile(this);
        tile->setObjectName(figureKey(figure) + u"Tile"_s);
        tile->setValue(u"—"_s);
        connect(tile, &QAbstractButton::clicked, this, [this, figure] { emit figureOpened(figure); });
        m_tiles.at(static_cast<size_t>(i)) = tile;
    }
    using StationState = StationTableModel::StationState;
    tile(Figure::Online)->setAccent(StationTableModel::stateColor(StationState::Online));
    tile(Figure::Offline)->setAccent(StationTableModel::stateColor(StationState::Offline));
    tile(Figure::Faulted)->setAccent(StationTableModel::stateColor(StationState::Faulted));
    tile(Figure::Charging)->setAccent(StationTableModel::stateColor(StationState::Charging));
    tile(Figure::OpenAlerts)->setAccent(StationTableModel::stateColor(StationState::Faulted));

    auto grid = [this](std::initializer_list<Figure> figures) {
        auto *row = new QGridLayout;
        row->setHorizontalSpacing(12);
        int column = 0;
        for (const Figure figure : figures)
            row->addWidget(tile(figure), 0, column++);
        for (int c = 0; c < kColumns; ++c)
            row->setColumnStretch(c, 1);
        return row;
    };

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    layout->addWidget(m_header);
    layout->addSpacing(8);
    layout->addWidget(m_stationsTitle);
    layout->addLayout(grid({Figure::Online, Figure::Offline, Figure::Faulted, Figure::Charging}));
    layout->addSpacing(12);
    layout->addWidget(m_todayTitle);
    layout->addLayout(grid({Figure::SessionsToday, Figure::EnergyToday, Figure::RevenueToday}));
    layout->addSpacing(12);
    layout->addWidget(m_waitingTitle);
    layout->addLayout(grid({Figure::OpenAlerts, Figure::AnomalyBills}));
    layout->addSpacing(12);
    layout->addWidget(m_updated);
    layout->addStretch(1);

    m_timer = new QTimer(this);
    m_timer->setInterval(kRefreshMs);
    connect(m_timer, &QTimer::timeout, this, &DashboardPage::refresh);
    m_timer->start();
    retranslateUi();
    refresh();
}

DashboardPage::~DashboardPage() = default;

void DashboardPage::refresh()
{
    if (m_loading)
        return;  // one load at a time; the timer comes back
    m_loading = true;
    // The operator's day: from local midnight to the next one (23 or 25 hours on a DST change).
    const QDate today = QDate::currentDate();
    const qint64 dayStartMs = today.startOfDay().toMSecsSinceEpoch();
    const qint64 dayEndMs = today.addDays(1).startOfDay().toMSecsSinceEpoch();
    m_runner->run<Figures>(
        this,
        [dayStartMs, dayEndMs](const std::shared_ptr<storage::Database> &db) {
            return storage::DashboardRepository(*db).figures(dayStartMs, dayEndMs);
        },
        [this](Figures figures) {
            m_loading = false;
            if (!figures) {
                m_updated->setText(figures.error().message);
                return;
            }
            m_figures = std::move(*figures);
            m_loadedAtMs = QDateTime::currentMSecsSinceEpoch();
            retranslateUi();
            emit loaded();
        });
}

void DashboardPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void DashboardPage::retranslateUi()
{
    m_header->setTitle(Screens::title(Screen::Dashboard));
    m_header->setDescription(Screens::description(Screen::Dashboard));
    m_stationsTitle->setText(tr("Stations"));
    m_todayTitle->setText(tr("Today"));
    m_waitingTitle->setText(tr("Waiting for you"));

    const storage::DashboardFigures &f = m_figures;
    const bool loaded = m_loadedAtMs > 0;
    const QLocale locale;
    auto number = [&](qint64 value) { return loaded ? locale.toString(value) : u"—"_s; };

    QStringList revenue;
    for (const storage::CurrencyAmount &amount : f.revenueToday)
        revenue << amountText(amount.amountMinor, amount.currency);
    const QString todaysSessions = tr("Show today's sessions");
    struct Text {
        Figure figure;
        QString caption;
        QString value;
        QString detail;
        QString toolTip;
    };
    const Text texts[] = {
        {Figure::Online, tr("Online"), number(f.online), tr("of %n station(s)", nullptr, f.stations),
         tr("Show the stations connected now")},
        {Figure::Offline, tr("Offline"), number(f.offline), tr("not connected now"),
         tr("Show the stations that are not connected")},
        {Figure::Faulted, tr("Faulted"), number(f.faulted), tr("a connector reports a fault"),
         tr("Show the stations with a faulted connector")},
        {Figure::Charging, tr("Charging now"), number(f.charging), tr("stations delivering energy"),
         tr("Show the stations that are charging a vehicle")},
        {Figure::SessionsToday, tr("Sessions"), number(f.sessionsToday), tr("started since midnight"), todaysSessions},
        {Figure::EnergyToday, tr("Energy"), loaded ? charging::SessionTimeline::energyText(f.energyTodayWh) : u"—"_s,
         tr("in today's sessions, running ones included"), todaysSessions},
        {Figure::RevenueToday, tr("Amount"),
         !loaded ? u"—"_s : revenue.isEmpty() ? amountText(0) : revenue.join(u" · "_s), tr("billed for today's sessions"),
         todaysSessions},
        {Figure::AnomalyBills, tr("Anomaly bills"), number(f.anomalyBillsWaiting), tr("waiting for a correction"),
         tr("Open the anomaly bills")},
        {Figure::OpenAlerts, tr("Open alerts"), number(f.openAlerts), tr("not yet resolved"), tr("Open the alerts")},
    };
    for (const Text &t : texts) {
        DashboardTile *target = tile(t.figure);
        target->setCaption(t.caption);
        target->setValue(t.value);
        target->setDetail(t.detail);
        target->setToolTip(t.toolTip);
    }

    if (loaded) {
        //: %1 the time of the last refresh
        m_updated->setText(tr("Updated %1 · every few seconds")
                               .arg(locale.toString(QDateTime::fromMSecsSinceEpoch(m_loadedAtMs).time(),
                                                    QLocale::LongFormat)));
    } else {
        m_updated->setText(tr("Loading…"));
    }
}

}  // namespace cd::ui
