#include "ui/stations/devicemodeldialog.h"

#include "core/charging/chargingqueries.h"
#include "core/storage/queryrunner.h"
#include "ui/stations/devicemodeltablemodel.h"
#include "ui/widgets/searchabletable.h"
#include "ui/widgets/style.h"
#include "ui/widgets/wrappinglabel.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {
using DeviceModel = Expected<std::optional<QList<storage::DeviceVariable>>>;
}

DeviceModelDialog::DeviceModelDialog(QString chargePointId, storage::QueryRunner &runner, QWidget *parent)
    : QDialog(parent), m_chargePointId(std::move(chargePointId)), m_runner(runner)
{
    setObjectName(u"deviceModelDialog"_s);
    //: %1 is the station's id
    setWindowTitle(tr("Device model of %1").arg(m_chargePointId));
    resize(980, 620);

    m_model = new DeviceModelTableModel(this);
    const SearchableTable list = makeSearchableTable(u"deviceModel"_s, m_model, this);
    m_search = list.search;
    m_summary = list.summary;
    m_proxy = list.proxy;
    m_table = list.table;
    m_search->setPlaceholderText(tr("Search by component, variable or value"));
    m_table->sortByColumn(-1, Qt::AscendingOrder);  // the order the core gives: by component

    m_reload = new QPushButton(tr("Reload"), this);
    m_reload->setObjectName(u"deviceModelReload"_s);
    m_askReport = new QPushButton(tr("Ask for a full report…"), this);
    m_askReport->setObjectName(u"deviceModelAskReport"_s);
    m_askReport->setToolTip(tr("Sends the station GetBaseReport (FullInventory); it answers with NotifyReport, "
                               "and the device model here is updated."));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_reload, QDialogButtonBox::ActionRole);
    buttons->addButton(m_askReport, QDialogButtonBox::ActionRole);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(list.bar);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);

    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &DeviceModelDialog::updateSummary);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &DeviceModelDialog::updateSummary);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &DeviceModelDialog::updateSummary);
    connect(m_reload, &QPushButton::clicked, this, &DeviceModelDialog::reload);
    connect(m_askReport, &QPushButton::clicked, this, [this] { emit fullReportRequested(m_chargePointId); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    updateSummary();
    reload();
}

void DeviceModelDialog::setSearch(const QString &text)
{
    m_search->setText(text);
}

void DeviceModelDialog::reload()
{
    m_reload->setEnabled(false);
    m_runner.run<DeviceModel>(
        this,
        [id = m_chargePointId](const std::shared_ptr<storage::Database> &db) {
            return charging::ChargingQueries(db).deviceModel(id);
        },
        [this](DeviceModel result) {
            m_reload->setEnabled(true);
            m_loaded = true;
            m_error.clear();
            if (!result)
                m_error = result.error().message;
            else if (!result->has_value())
                m_error = tr("No station with the id %1.").arg(m_chargePointId);
            m_model->setVariables(result && result->has_value() ? **result : QList<storage::DeviceVariable>());
            m_table->resizeColumnsToContents();
            updateSummary();
            emit loaded(m_model->rowCount());
        });
}

void DeviceModelDialog::updateSummary()
{
    if (!m_loaded) {
        m_summary->setText(tr("Loading…"));
        return;
    }
    if (!m_error.isEmpty()) {
        m_summary->setText(m_error);
        return;
    }
    const int all = m_model->rowCount();
    if (all == 0) {
        m_summary->setText(tr("The station has not reported its device model yet. Ask it for a full report."));
        return;
    }
    const int shown = m_proxy->rowCount();
    m_summary->setText(shown == all ? tr("%n variable(s)", nullptr, all)
                                    //: %1 shown of %n in all
                                    : tr("%1 of %n variable(s)", nullptr, all).arg(shown));
}

}  // namespace cd::ui
