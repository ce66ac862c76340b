#include "ui/stations/stationspage.h"

#include "core/charging/chargingqueries.h"
#include "core/ocpp/protocolversion.h"
#include "core/storage/queryrunner.h"
#include "ui/shell/screen.h"
#include "ui/stations/commanddialog.h"
#include "ui/stations/configurationdialog.h"
#include "ui/stations/devicemodeldialog.h"
#include "ui/stations/placementdialog.h"
#include "ui/stations/stationhistorydialog.h"
#include "ui/stations/startlatencydialog.h"
#include "ui/stations/stationtablemodel.h"
#include "ui/stations/stationtexts.h"
#include "ui/widgets/pageheader.h"
#include "ui/widgets/readonlytable.h"
#include "ui/widgets/style.h"
#include "ui/widgets/wrappinglabel.h"
#include "ui/widgets/permittedwidgets.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {
constexpr int kRefreshMs = 3000;
const QString kOcpp201 = ocpp::subprotocolName(ocpp::ProtocolVersion::Ocpp201);
// The station answers GetBaseReport first and sends its NotifyReport messages after: the
// device model is read again a little later, and once more for a slow station.
constexpr int kReportSettleMs[] = {2000, 8000};

using StationList = Expected<QList<charging::StationOverview>>;
}  // namespace

StationsPage::StationsPage(const ConsoleServices &services, QWidget *parent)
    : QWidget(parent), m_services(services), m_runner(std::make_unique<storage::QueryRunner>(services.database))
{
    m_header = new PageHeader(this);

    m_search = new QLineEdit(this);
    m_search->setObjectName(u"stationSearch"_s);
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(260);
    m_search->setMaximumWidth(560);  // the Ukrainian hint is long
    m_show = new QComboBox(this);
    m_show->setObjectName(u"stationShow"_s);
    for (int i = 0; i < 5; ++i)
        m_show->addItem(QString());
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"stationSummary"_s);
    style::makeMuted(m_summary);
    m_command = new QPushButton(this);
    m_command->setObjectName(u"stationCommand"_s);
    m_command->setEnabled(false);
    m_deviceModel = new QPushButton(this);
    m_deviceModel->setObjectName(u"stationDeviceModel"_s);
    m_deviceModel->setEnabled(false);
    m_configuration = new QPushButton(this);
    m_configuration->setObjectName(u"stationConfiguration"_s);
    m_configuration->setEnabled(false);
    m_history = new QPushButton(this);
    m_history->setObjectName(u"stationHistory"_s);
    m_history->setEnabled(false);
    m_place = new QPushButton(this);
    m_place->setObjectName(u"stationPlace"_s);
    m_place->setEnabled(false);
    m_latency = new QPushButton(this);
    m_latency->setObjectName(u"stationLatency"_s);
    showOnlyIfAllowed(services.actor, access::Permission::StationsCommand, {m_command, m_configuration});
    showOnlyIfAllowed(services.actor, access::Permission::StationsEdit, {m_place});
    // Above the list what is about the list; below it, next to the selected station's detail,
    // what acts on that station.
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 1);
    bar->addWidget(m_show);
    bar->addStretch(1);
    bar->addWidget(m_summary);
    bar->addWidget(m_latency);

    m_model = new StationTableModel(this);
    m_proxy = new StationFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    m_table = new QTableView(this);
    m_table->setObjectName(u"stationTable"_s);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(StationTableModel::Station, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setAlternatingRowColors(true);

    m_empty = new WrappingLabel(this);
    m_empty->setObjectName(u"stationsEmpty"_s);
    style::makeMuted(m_empty);
    m_detail = new WrappingLabel(this);
    m_detail->setObjectName(u"stationDetail"_s);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    layout->addWidget(m_header);
    layout->addSpacing(8);
    layout->addLayout(bar);
    layout->addWidget(m_empty);
    layout->addWidget(m_table, 1);
    auto *footer = new QHBoxLayout;
    footer->addWidget(m_detail, 1);
    for (QPushButton *button : {m_place, m_history, m_deviceModel, m_configuration, m_command})
        footer->addWidget(button, 0, Qt::AlignTop);
    layout->addLayout(footer);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        retranslateUi();
    });
    connect(m_show, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_proxy->setShow(static_cast<StationFilterProxy::Show>(std::max(0, index)));
        retranslateUi();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &StationsPage::updateSelectionDetail);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &StationsPage::updateSelectionDetail);
    connect(m_command, &QPushButton::clicked, this, [this] {
        if (CommandDialog *dialog = openCommandDialog())
            dialog->open();
    });
    connect(m_history, &QPushButton::clicked, this, [this] {
        if (StationHistoryDialog *dialog = openHistoryDialog())
            dialog->open();
    });
    connect(m_latency, &QPushButton::clicked, this, [this] { openStartLatencyDialog()->open(); });
    connect(m_place, &QPushButton::clicked, this, [this] {
        if (PlacementDialog *dialog = openPlacementDialog())
            dialog->open();
    });
    connect(m_configuration, &QPushButton::clicked, this, [this] {
        if (ConfigurationDialog *dialog = openConfigurationDialog())
            dialog->open();
    });
    connect(m_deviceModel, &QPushButton::clicked, this, [this] {
        if (DeviceModelDialog *dialog = openDeviceModelDialog())
            dialog->open();
    });

    m_timer = new QTimer(this);
    m_timer->setInterval(kRefreshMs);
    connect(m_timer, &QTimer::timeout, this, &StationsPage::refresh);
    m_timer->start();
    retranslateUi();
    refresh();
}

StationsPage::~StationsPage() = default;

void StationsPage::refresh()
{
    if (m_loading)
        return;  // one load at a time; the timer comes back
    m_loading = true;
    m_runner->run<StationList>(
        this,
        [](const std::shared_ptr<storage::Database> &db) {
            charging::StationListFilter filter;
            filter.limit = 100000;
            return charging::ChargingQueries(db).stations(filter);
        },
        [this](StationList stations) {
            m_loading = false;
            if (!stations) {
                m_summary->setText(stations.error().message);
                return;
            }
            const QString selected = selectedStation();
            m_loadedAtMs = QDateTime::currentMSecsSinceEpoch();
            m_model->setStations(std::move(*stations), m_loadedAtMs);
            if (!selected.isEmpty() && selectedStation() != selected)
                selectStation(selected);
            retranslateUi();
            emit loaded(m_model->rowCount());
        });
}

void StationsPage::showStations(StationFilterProxy::Show show)
{
    m_search->clear();
    m_show->setCurrentIndex(static_cast<int>(show));
}

StationFilterProxy::Show StationsPage::shownStations() const
{
    return m_proxy->show();
}

bool StationsPage::selectStation(const QString &chargePointId)
{
    return selectSourceRow(m_table, m_model, m_model->rowOf(chargePointId));
}

QString StationsPage::selectedStation() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(StationTableModel::StationIdRole).toString();
}

CommandDialog *StationsPage::openCommandDialog()
{
    const int row = m_model->rowOf(selectedStation());
    const charging::StationOverview *station = m_model->station(row);
    if (!station)
        return nullptr;
    auto *dialog = new CommandDialog(station->station.chargePointId, station->station.protocol, *m_runner,
                                     m_services.actor, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    return dialog;
}

PlacementDialog *StationsPage::openPlacementDialog()
{
    const charging::StationOverview *station = m_model->station(m_model->rowOf(selectedStation()));
    if (!station)
        return nullptr;
    auto *dialog = new PlacementDialog(station->station.chargePointId, station->place, *m_runner, m_services.actor, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PlacementDialog::saved, this, &StationsPage::refresh);
    return dialog;
}

StationHistoryDialog *StationsPage::openHistoryDialog()
{
    const QString station = selectedStation();
    if (station.isEmpty())
        return nullptr;
    auto *dialog = new StationHistoryDialog(station, *m_runner, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    return dialog;
}

StartLatencyDialog *StationsPage::openStartLatencyDialog()
{
    auto *dialog = new StartLatencyDialog(*m_runner, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    return dialog;
}

ConfigurationDialog *StationsPage::openConfigurationDialog()
{
    const charging::StationOverview *station = m_model->station(m_model->rowOf(selectedStation()));
    if (!station || station->station.protocol == kOcpp201)
        return nullptr;
    auto *dialog = new ConfigurationDialog(station->station.chargePointId, *m_runner, m_services.actor, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    return dialog;
}

DeviceModelDialog *StationsPage::openDeviceModelDialog()
{
    const charging::StationOverview *station = m_model->station(m_model->rowOf(selectedStation()));
    if (!station || station->station.protocol != kOcpp201)
        return nullptr;
    auto *dialog = new DeviceModelDialog(station->station.chargePointId, *m_runner, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DeviceModelDialog::fullReportRequested, this, [this, dialog](const QString &chargePointId) {
        if (!selectStation(chargePointId))
            return;
        CommandDialog *command = openCommandDialog();
        if (!command)
            return;
        // A request id of our own, unique enough per station: the seconds of today.
        const qint64 requestId = (QDateTime::currentMSecsSinceEpoch() / 1000) % 86400;
        command->prepare(u"GetBaseReport"_s,
                         u"{\n  \"requestId\": %1,\n  \"reportBase\": \"FullInventory\"\n}"_s.arg(requestId));
        command->setReason(tr("Device model refresh"));
        connect(command, &CommandDialog::finished, dialog, [dialog] {
            for (const int afterMs : kReportSettleMs)
                QTimer::singleShot(afterMs, dialog, &DeviceModelDialog::reload);
        });
        command->open();
    });
    return dialog;
}

void StationsPage::updateSelectionDetail()
{
    const charging::StationOverview *station = m_model->station(m_model->rowOf(selectedStation()));
    m_command->setEnabled(station != nullptr);
    m_history->setEnabled(station != nullptr);
    m_place->setEnabled(station != nullptr);
    m_deviceModel->setEnabled(station != nullptr && station->station.protocol == kOcpp201);
    m_configuration->setEnabled(station != nullptr && station->station.protocol != kOcpp201);
    if (!station) {
        m_detail->setText(tr("Select a station to see its connectors and send it a command."));
        return;
    }
    QStringList connectors;
    for (const charging::ConnectorOverview &c : station->connectors) {
        if (c.connector.connectorId == 0 && c.connector.evseId == 0)
            continue;
        QString line =
            tr("Connector %1: %2").arg(c.connector.connectorId).arg(StationTexts::connectorStatus(c.connector.status));
        if (!c.connector.errorCode.isEmpty() && c.connector.errorCode != u"NoError")
            line += u" (" + c.connector.errorCode + u')';
        if (!c.openSessionNumber.isEmpty())
            line += u" · " + tr("session %1").arg(c.openSessionNumber);
        connectors << line;
    }
    const storage::StationState &s = station->station;
    //: %1 station id, %2 protocol, %3 registration status
    QString text = tr("%1 · %2 · registration %3")
                       .arg(s.chargePointId, s.protocol.isEmpty() ? u"—"_s : s.protocol,
                            StationTexts::registrationStatus(s.registrationStatus));
    if (!connectors.isEmpty())
        text += u'\n' + connectors.join(u"; "_s);
    m_detail->setText(text);
}

void StationsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_model->retranslate();
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void StationsPage::retranslateUi()
{
    m_header->setTitle(Screens::title(Screen::Stations));
    m_header->setDescription(Screens::description(Screen::Stations));
    m_search->setPlaceholderText(tr("Search by station, vendor, model or firmware"));
    const QStringList shows = StationFilterProxy::showTitles();
    for (int i = 0; i < shows.size(); ++i)
        m_show->setItemText(i, shows.at(i));
    m_command->setText(tr("Send command…"));
    m_deviceModel->setText(tr("Device model…"));
    m_configuration->setText(tr("Configuration…"));
    m_configuration->setToolTip(tr("Reads the configuration keys of the selected OCPP 1.6 station and changes them"));
    m_history->setText(tr("History…"));
    m_place->setText(tr("Place…"));
    m_place->setToolTip(tr("The station's site and its place on the map"));
    m_latency->setText(tr("Start latency…"));
    m_latency->setToolTip(tr("How long stations take from the start of a session to charging, by model and firmware"));
    m_history->setToolTip(tr("Every connector state the station reported, its faults, and when it was online"));
    m_deviceModel->setToolTip(tr("What an OCPP 2.0.1 station reported about its components and settings"));
    const int count = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    if (m_loadedAtMs > 0 && shown != count) {
        //: %1 stations shown of %n; %2 the time of the last refresh
        m_summary->setText(tr("%1 of %n station(s) · updated %2", nullptr, count)
                               .arg(shown)
                               .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(m_loadedAtMs).time(),
                                                       QLocale::ShortFormat)));
    } else if (m_loadedAtMs > 0) {
        //: %n stations in the list; %1 the time of the last refresh
        m_summary->setText(tr("%n station(s) · updated %1", nullptr, count)
                               .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(m_loadedAtMs).time(),
                                                       QLocale::ShortFormat)));
    } else {
        m_summary->setText(tr("Loading…"));
    }
    m_empty->setText(tr("No stations yet. A station appears here when it connects to the station server (Settings › "
                        "Station server) or is added with chargedesk-cli station add."));
    m_empty->setVisible(m_loadedAtMs > 0 && count == 0);
    updateSelectionDetail();
}

}  // namespace cd::ui
