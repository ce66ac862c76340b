#include "ui/stations/stationhistorydialog.h"

#include "core/charging/chargingqueries.h"
#include "core/storage/queryrunner.h"
#include "ui/stations/connectorhistorymodel.h"
#include "ui/widgets/readonlytable.h"
#include "ui/widgets/style.h"
#include "ui/widgets/timetext.h"

#include <QBrush>
#include <QColor>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {

constexpr int kStateLimit = 5000;
constexpr int kConnectionLimit = 1000;
const QString kFaultsOnly = u"*"_s;

struct History {
    Expected<QList<storage::ConnectorStatusEntry>> states = QList<storage::ConnectorStatusEntry>();
    Expected<QList<storage::StationEvent>> connections = QList<storage::StationEvent>();
};

}  // namespace

StationHistoryDialog::StationHistoryDialog(QString chargePointId, storage::QueryRunner &runner, QWidget *parent)
    : QDialog(parent), m_chargePointId(std::move(chargePointId)), m_runner(runner)
{
    setObjectName(u"stationHistoryDialog"_s);
    //: %1 is the station's id
    setWindowTitle(tr("History of %1").arg(m_chargePointId));
    resize(980, 620);

    m_connector = new QComboBox(this);
    m_connector->setObjectName(u"historyConnector"_s);
    m_fault = new QComboBox(this);
    m_fault->setObjectName(u"historyFault"_s);
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"historySummary"_s);
    style::makeMuted(m_summary);
    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Connector:"), this));
    filters->addWidget(m_connector);
    filters->addSpacing(12);
    filters->addWidget(new QLabel(tr("Show:"), this));
    filters->addWidget(m_fault);
    filters->addSpacing(12);
    filters->addWidget(m_summary, 1);

    m_states = new ConnectorHistoryModel(this);
    m_stateTable = makeReadOnlyTable(u"historyStates"_s, this);
    m_stateTable->setModel(m_states);
    auto *statePage = new QWidget(this);
    auto *stateLayout = new QVBoxLayout(statePage);
    stateLayout->addLayout(filters);
    stateLayout->addWidget(m_stateTable, 1);

    m_connections = new QStandardItemModel(0, 3, this);
    m_connections->setHorizontalHeaderLabels({tr("Time (UTC)"), tr("Event"), tr("Reason")});
    m_connectionTable = makeReadOnlyTable(u"historyConnections"_s, this);
    m_connectionTable->setModel(m_connections);

    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(u"historyTabs"_s);
    tabs->addTab(statePage, tr("Connector states"));
    tabs->addTab(m_connectionTable, tr("Online and offline"));

    m_reload = new QPushButton(tr("Reload"), this);
    m_reload->setObjectName(u"historyReload"_s);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_reload, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(tabs, 1);
    layout->addWidget(buttons);

    connect(m_connector, &QComboBox::currentIndexChanged, this, &StationHistoryDialog::applyFilter);
    connect(m_fault, &QComboBox::currentIndexChanged, this, &StationHistoryDialog::applyFilter);
    connect(m_reload, &QPushButton::clicked, this, &StationHistoryDialog::reload);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_summary->setText(tr("Loading…"));
    reload();
}

StationHistoryDialog::~StationHistoryDialog() = default;

void StationHistoryDialog::reload()
{
    m_reload->setEnabled(false);
    m_runner.run<History>(
        this,
        [id = m_chargePointId](const std::shared_ptr<storage::Database> &db) {
            const charging::ChargingQueries queries(db);
            History h;
            h.states = queries.connectorHistory(id, std::nullopt, std::nullopt, std::nullopt, kStateLimit);
            QList<storage::StationEvent> events;
            for (const QString &kind : {u"connected"_s, u"disconnected"_s}) {
                auto some = queries.stationEvents(id, kind, kConnectionLimit);
                if (!some) {
                    h.connections = some.error();
                    return h;
                }
                events += *some;
            }
            std::sort(events.begin(), events.end(), [](const auto &a, const auto &b) {
                return a.atMs != b.atMs ? a.atMs > b.atMs : a.id > b.id;
            });
            h.connections = events.mid(0, kConnectionLimit);
            return h;
        },
        [this](History history) {
            m_reload->setEnabled(true);
            if (!history.states || !history.connections) {
                m_summary->setText(!history.states ? history.states.error().message : history.connections.error().message);
                return;
            }
            m_all = *history.states;
            std::reverse(m_all.begin(), m_all.end());  // newest first
            fillFilters();
            applyFilter();
            showConnections(*history.connections);
            emit loaded(int(m_all.size()), m_connections->rowCount());
        });
}

void StationHistoryDialog::fillFilters()
{
    const QVariant connector = m_connector->currentData();
    const QVariant fault = m_fault->currentData();
    QSet<int> connectors;
    QSet<QString> codes;
    for (const storage::ConnectorStatusEntry &e : std::as_const(m_all)) {
        connectors.insert(e.connectorId);
        if (ConnectorHistoryModel::isFault(e) && !e.errorCode.isEmpty() && e.errorCode != u"NoError")
            codes.insert(e.errorCode);
    }
    QList<int> sortedConnectors(connectors.cbegin(), connectors.cend());
    std::sort(sortedConnectors.begin(), sortedConnectors.end());
    QStringList sortedCodes(codes.cbegin(), codes.cend());
    sortedCodes.sort();

    const QSignalBlocker blockConnector(m_connector);
    const QSignalBlocker blockFault(m_fault);
    m_connector->clear();
    m_connector->addItem(tr("All"), QVariant());
    for (const int c : sortedConnectors)
        m_connector->addItem(c == 0 ? tr("0 (the station)") : QString::number(c), c);
    m_fault->clear();
    m_fault->addItem(tr("All states"), QString());
    m_fault->addItem(tr("Faults only"), kFaultsOnly);
    for (const QString &code : std::as_const(sortedCodes))
        m_fault->addItem(tr("Fault: %1").arg(code), code);
    m_connector->setCurrentIndex(std::max(0, m_connector->findData(connector)));
    m_fault->setCurrentIndex(std::max(0, m_fault->findData(fault)));
}

void StationHistoryDialog::setFilter(std::optional<int> connectorId, const QString &fault)
{
    m_connector->setCurrentIndex(std::max(0, connectorId ? m_connector->findData(*connectorId) : 0));
    m_fault->setCurrentIndex(std::max(0, m_fault->findData(fault)));
    applyFilter();
}

void StationHistoryDialog::applyFilter()
{
    const QVariant connector = m_connector->currentData();
    const QString fault = m_fault->currentData().toString();
    QList<storage::ConnectorStatusEntry> shown;
    int faults = 0;
    for (const storage::ConnectorStatusEntry &e : std::as_const(m_all)) {
        if (connector.isValid() && e.connectorId != connector.toInt())
            continue;
        const bool isFault = ConnectorHistoryModel::isFault(e);
        faults += isFault ? 1 : 0;
        if (fault == kFaultsOnly && !isFault)
            continue;
        if (!fault.isEmpty() && fault != kFaultsOnly && e.errorCode != fault)
            continue;
        shown.append(e);
    }
    m_states->setEntries(shown);
    m_stateTable->resizeColumnsToContents();
    //: %1 states shown; %2 faults among the states of the chosen connector
    m_summary->setText(tr("%1 shown · faults: %2").arg(shown.size()).arg(faults));
}

void StationHistoryDialog::showConnections(const QList<storage::StationEvent> &events)
{
    m_connections->removeRows(0, m_connections->rowCount());
    for (const storage::StationEvent &e : events) {
        const QJsonObject detail = QJsonDocument::fromJson(e.detail.toUtf8()).object();
        const bool online = e.kind == u"connected";
        auto *what = new QStandardItem(online ? tr("Connected") : tr("Disconnected"));
        if (!online)
            what->setForeground(QBrush(QColor(0xb4, 0x23, 0x18)));
        QString reason = detail.value(u"reason"_s).toString();
        if (online)
            reason = detail.value(u"protocol"_s).toString();
        m_connections->appendRow({new QStandardItem(millisecondText(e.atMs)), what,
                                  new QStandardItem(reason)});
    }
    m_connectionTable->resizeColumnsToContents();
}

}  // namespace cd::ui
