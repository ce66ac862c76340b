#include "ui/map/mappage.h"

#include "core/charging/chargingqueries.h"
#include "core/common/appsettings.h"
#include "core/storage/queryrunner.h"
#include "ui/map/mapsettings.h"
#include "ui/map/mapview.h"
#include "ui/shell/screen.h"
#include "ui/stations/stationfilterproxy.h"
#include "ui/stations/stationhistorydialog.h"
#include "ui/stations/stationtablemodel.h"
#include "ui/widgets/pageheader.h"
#include "ui/widgets/style.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QGeoCoordinate>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTimer>
#include <QVBoxLayout>

#include <map>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {

constexpr int kRefreshMs = 5000;
using StationList = Expected<QList<charging::StationOverview>>;
using charging::StationCondition;
constexpr StationCondition kLegend[] = {StationCondition::Charging, StationCondition::Online,
                                        StationCondition::Faulted, StationCondition::Offline};

QPixmap dot(const QColor &color, qreal ratio)
{
    QPixmap pixmap(QSize(12, 12) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(1, 1, 10, 10));
    return pixmap;
}

QComboBox *choice(const QString &objectName, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->setObjectName(objectName);
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    box->setMaximumWidth(320);
    return box;
}

}  // namespace

MapPage::MapPage(const ConsoleServices &services, QWidget *parent)
    : QWidget(parent), m_services(services), m_runner(std::make_unique<storage::QueryRunner>(services.database))
{
    m_header = new PageHeader(this);
    m_show = choice(u"mapShow"_s, this);
    for (int i = 0; i < StationFilterProxy::showTitles().size(); ++i)
        m_show->addItem(QString(), i);
    m_vendor = choice(u"mapVendor"_s, this);
    m_vendor->addItem(QString(), QString());
    m_site = choice(u"mapSite"_s, this);
    m_site->addItem(QString(), StationFilterProxy::kAnySite);
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"mapSummary"_s);
    style::makeMuted(m_summary);
    m_fit = new QPushButton(this);
    m_fit->setObjectName(u"mapFit"_s);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_show);
    bar->addWidget(m_vendor);
    bar->addWidget(m_site);
    bar->addStretch(1);
    bar->addWidget(m_fit);

    m_model = new StationTableModel(this);
    m_proxy = new StationFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    m_view = new MapView(this);
    m_view->setObjectName(u"mapView"_s);
    m_view->setModel(m_proxy);
    m_view->setTileSettings(MapSettings::load(appSettings()));

    auto *legend = new QHBoxLayout;
    legend->setSpacing(6);
    for (const StationCondition condition : kLegend) {
        auto *icon = new QLabel(this);
        icon->setPixmap(dot(StationTableModel::stateColor(condition), devicePixelRatioF()));
        auto *text = new QLabel(this);
        text->setObjectName(u"mapLegend%1"_s.arg(int(condition)));
        style::makeMuted(text);
        legend->addWidget(icon);
        legend->addWidget(text);
        legend->addSpacing(10);
        m_legend.append(text);
    }
    // The rest of the row, right-aligned: room for the summary in every language, whatever it
    // says after the next refresh.
    m_summary->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    legend->addWidget(m_summary, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    layout->addWidget(m_header);
    layout->addSpacing(8);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addLayout(legend);

    connect(m_show, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_proxy->setShow(static_cast<StationFilterProxy::Show>(index));
        retranslateUi();
    });
    connect(m_vendor, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setVendor(m_vendor->currentData().toString());
        retranslateUi();
    });
    connect(m_site, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setSite(m_site->currentData().toLongLong());
        retranslateUi();
    });
    connect(m_fit, &QPushButton::clicked, m_view, &MapView::fitToStations);
    connect(m_view, &MapView::stationActivated, this, [this](const QString &id) { openStation(id)->open(); });

    m_timer = new QTimer(this);
    m_timer->setInterval(kRefreshMs);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    m_timer->start();
    retranslateUi();
    refresh();
}

MapPage::~MapPage() = default;

void MapPage::refresh()
{
    if (m_loading)
        return;
    m_loading = true;
    m_runner->run<StationList>(
        this,
        [](const std::shared_ptr<storage::Database> &db) {
            charging::StationListFilter filter;
            filter.includeHidden = false;  // hidden: off the map, still in lists and reports
            filter.limit = 100000;
            return charging::ChargingQueries(db).stations(filter);
        },
        [this](StationList stations) {
            m_loading = false;
            if (!stations) {
                m_summary->setText(stations.error().message);
                return;
            }
            m_loadedAtMs = QDateTime::currentMSecsSinceEpoch();
            m_model->setStations(std::move(*stations), m_loadedAtMs);
            updateChoices();
            if (!m_fitted && !m_view->points().isEmpty()) {
                m_view->fitToStations();
                m_fitted = true;
            }
            retranslateUi();
            emit loaded(m_model->rowCount());
        });
}

void MapPage::applyTileSettings(const MapSettings &settings)
{
    m_view->setTileSettings(settings);
}

StationHistoryDialog *MapPage::openStation(const QString &chargePointId)
{
    auto *dialog = new StationHistoryDialog(chargePointId, *m_runner, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    return dialog;
}

void MapPage::updateChoices()
{
    // The vendors and sites of the stations read, in order; the choice made stays.
    QStringList vendors;
    std::map<QString, qint64> sites;
    bool unsited = false;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const charging::StationOverview *station = m_model->station(row);
        if (!station->station.identity.vendor.isEmpty() && !vendors.contains(station->station.identity.vendor))
            vendors << station->station.identity.vendor;
        if (station->place.siteId)
            sites.emplace(station->place.siteName, *station->place.siteId);
        else
            unsited = true;
    }
    vendors.sort(Qt::CaseInsensitive);
    {
        const QSignalBlocker blocker(m_vendor);
        const QString chosen = m_vendor->currentData().toString();
        while (m_vendor->count() > 1)
            m_vendor->removeItem(1);
        for (const QString &vendor : std::as_const(vendors))
            m_vendor->addItem(vendor, vendor);
        m_vendor->setCurrentIndex(std::max(0, m_vendor->findData(chosen)));
    }
    {
        const QSignalBlocker blocker(m_site);
        const qint64 chosen = m_site->currentData().toLongLong();
        while (m_site->count() > 1)
            m_site->removeItem(1);
        for (const auto &[name, id] : sites)
            m_site->addItem(name, id);
        if (unsited && !sites.empty())
            m_site->addItem(QString(), StationFilterProxy::kNoSite);  // named in retranslateUi
        m_site->setCurrentIndex(std::max(0, m_site->findData(chosen)));
    }
    m_proxy->setVendor(m_vendor->currentData().toString());
    m_proxy->setSite(m_site->currentData().toLongLong());
}

void MapPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void MapPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_model->retranslate();
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void MapPage::retranslateUi()
{
    m_header->setTitle(Screens::title(Screen::Map));
    m_header->setDescription(Screens::description(Screen::Map));
    const QStringList shows = StationFilterProxy::showTitles();
    for (int i = 0; i < shows.size(); ++i)
        m_show->setItemText(i, shows.at(i));
    m_vendor->setItemText(0, tr("All vendors"));
    m_site->setItemText(0, tr("All sites"));
    if (const int none = m_site->findData(StationFilterProxy::kNoSite); none > 0)
        m_site->setItemText(none, tr("No site"));
    m_fit->setText(tr("Show all"));
    m_fit->setToolTip(tr("Zoom so that every station shown fits on the map"));
    for (qsizetype i = 0; i < m_legend.size(); ++i)
        m_legend.at(i)->setText(StationTableModel::stateText(kLegend[i]));

    const int total = m_model->rowCount();
    int unlocated = 0;
    for (int row = 0; row < total; ++row)
        unlocated += m_model->station(row)->place.located() ? 0 : 1;
    const int onMap = int(m_view->points().size());
    if (m_loadedAtMs == 0) {
        m_summary->setText(tr("Loading…"));
    } else {
        //: %n stations drawn on the map; %1 the time of the last refresh
        QString text = tr("%n station(s) on the map · updated %1", nullptr, onMap)
                           .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(m_loadedAtMs).time(),
                                                   QLocale::ShortFormat));
        if (unlocated > 0)
            //: Appended to the map's summary: stations that have no coordinates
            text += tr(" · %n without a location", nullptr, unlocated);
        m_summary->setText(text);
    }
    m_summary->setToolTip(unlocated > 0 ? tr("A station without a location is not on the map. Give it one with: "
                                             "chargedesk-cli station set-location <station> --lat <latitude> "
                                             "--lon <longitude>")
                                        : QString());
    m_view->setEmptyText(total == 0 ? tr("No stations yet. A station appears here when it connects and has a "
                                         "location (chargedesk-cli station set-location).")
                                    : tr("No station shown has a location. Give one with chargedesk-cli station "
                                         "set-location, or choose other filters."));
}

}  // namespace cd::ui
