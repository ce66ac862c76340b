#include "ui/alerts/alertspage.h"

#include "core/alerts/alertservice.h"
#include "core/storage/queryrunner.h"
#include "ui/alerts/alerttablemodel.h"
#include "ui/shell/screen.h"
#include "ui/widgets/pageheader.h"
#include "ui/widgets/readonlytable.h"
#include "ui/widgets/style.h"
#include "ui/widgets/permittedwidgets.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

using alerts::Alert;
using alerts::AlertFilter;
using alerts::AlertService;

namespace {

constexpr int kPage = 200;
constexpr int kRefreshMs = 5000;

using Page = Expected<QList<Alert>>;
using Detail = Expected<alerts::AlertDetail>;

const AlertFilter::Show kShows[] = {AlertFilter::Show::Active, AlertFilter::Show::Open, AlertFilter::Show::Acknowledged,
                                    AlertFilter::Show::Resolved, AlertFilter::Show::All};

}  // namespace

AlertsPage::AlertsPage(const ConsoleServices &services, QWidget *parent)
    : QWidget(parent),
      m_runner(std::make_unique<storage::QueryRunner>(services.database)),
      m_actor(services.actor)
{
    m_header = new PageHeader(this);

    m_showLabel = new QLabel(this);
    m_filter = new QComboBox(this);
    m_filter->setObjectName(u"alertFilter"_s);
    m_filter->setSizeAdjustPolicy(QComboBox::AdjustToContents);  // the texts change with the language
    for (const AlertFilter::Show show : kShows)
        m_filter->addItem(QString(), int(show));
    m_showLabel->setBuddy(m_filter);
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"alertSummary"_s);
    style::makeMuted(m_summary);
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_showLabel);
    filterRow->addWidget(m_filter);
    filterRow->addSpacing(12);
    filterRow->addWidget(m_summary, 1);

    m_model = new AlertTableModel(this);
    m_table = makeReadOnlyTable(u"alertTable"_s, this);
    m_table->setModel(m_model);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(AlertTableModel::Details, QHeaderView::Stretch);

    m_acknowledge = new QPushButton(this);
    m_acknowledge->setObjectName(u"acknowledgeButton"_s);
    m_assign = new QPushButton(this);
    m_assign->setObjectName(u"assignButton"_s);
    m_resolve = new QPushButton(this);
    m_resolve->setObjectName(u"resolveButton"_s);
    showOnlyIfAllowed(services.actor, access::Permission::AlertsHandle, {m_acknowledge, m_assign, m_resolve});
    m_status = new QLabel(this);
    m_status->setObjectName(u"alertStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_acknowledge);
    buttons->addWidget(m_assign);
    buttons->addWidget(m_resolve);
    buttons->addSpacing(12);
    buttons->addWidget(m_status, 1);

    m_detailTitle = new QLabel(this);
    m_detailTitle->setObjectName(u"alertDetailTitle"_s);
    m_detailTitle->setFont(style::subheadingFont(font()));
    m_detail = new QLabel(this);
    m_detail->setObjectName(u"alertDetail"_s);
    m_detail->setTextFormat(Qt::PlainText);
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_history = new AlertHistoryModel(this);
    m_historyView = makeReadOnlyTable(u"alertHistory"_s, this);
    m_historyView->setModel(m_history);
    m_historyView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_historyView->horizontalHeader()->setSectionResizeMode(AlertHistoryModel::Note, QHeaderView::Stretch);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(filterRow);
    topLayout->addWidget(m_table, 1);
    topLayout->addLayout(buttons);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 8, 0, 0);
    bottomLayout->addWidget(m_detailTitle);
    bottomLayout->addWidget(m_detail);
    bottomLayout->addWidget(m_historyView, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(u"alertSplit"_s);
    split->setChildrenCollapsible(false);
    split->addWidget(top);
    split->addWidget(bottom);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    layout->addWidget(m_header);
    layout->addWidget(split, 1);

    connect(m_filter, &QComboBox::currentIndexChanged, this, [this] {
        ++m_generation;
        m_loading = false;
        m_model->setAlerts({}, false);
        refresh();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateButtons();
        loadDetail();
    });
    connect(m_model, &AlertTableModel::moreRequested, this, &AlertsPage::loadMore);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        updateButtons();
        loadDetail();
    });
    connect(m_acknowledge, &QPushButton::clicked, this, [this] { openAction(AlertActionDialog::Action::Acknowledge); });
    connect(m_assign, &QPushButton::clicked, this, [this] { openAction(AlertActionDialog::Action::Assign); });
    connect(m_resolve, &QPushButton::clicked, this, [this] { openAction(AlertActionDialog::Action::Resolve); });

    m_timer = new QTimer(this);
    m_timer->setInterval(kRefreshMs);
    connect(m_timer, &QTimer::timeout, this, &AlertsPage::refresh);
    m_timer->start();
    retranslateUi();
    updateButtons();
    refresh();
}

AlertsPage::~AlertsPage() = default;

AlertsPage::Show AlertsPage::show() const
{
    return static_cast<Show>(m_filter->currentData().toInt());
}

void AlertsPage::setShow(Show show)
{
    const int index = m_filter->findData(int(show));
    if (index >= 0)
        m_filter->setCurrentIndex(index);
}

void AlertsPage::refresh()
{
    if (m_loading)
        return;
    m_loading = true;
    AlertFilter filter;
    filter.show = show();
    // The pages loaded so far, refreshed together: scrolling position and selection survive.
    filter.limit = qMax(kPage, m_model->rowCount()) + 1;
    const int generation = m_generation;
    m_runner->run<Page>(
        this, [filter](const std::shared_ptr<storage::Database> &db) { return AlertService(*db).list(filter); },
        [this, generation, limit = filter.limit](Page rows) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (!rows) {
                m_status->setText(rows.error().message);
                return;
            }
            const qint64 selected = selectedAlert();
            const bool more = rows->size() >= limit;
            if (more)
                rows->removeLast();
            m_model->setAlerts(std::move(*rows), more);
            if (selected != 0 && selectedAlert() != selected)
                selectAlert(selected);
            retranslateUi();
            updateButtons();
            loadDetail();  // its history may have grown (another operator, the monitor)
            emit loaded(m_model->rowCount());
        });
}

void AlertsPage::loadMore(qint64 beforeId)
{
    AlertFilter filter;
    filter.show = show();
    filter.beforeId = beforeId;
    filter.limit = kPage + 1;
    const int generation = m_generation;
    m_runner->run<Page>(
        this, [filter](const std::shared_ptr<storage::Database> &db) { return AlertService(*db).list(filter); },
        [this, generation](Page rows) {
            if (generation != m_generation)
                return;
            if (!rows) {
                m_status->setText(rows.error().message);
                m_model->appendAlerts({}, false);
                return;
            }
            const bool more = rows->size() > kPage;
            if (more)
                rows->removeLast();
            m_model->appendAlerts(std::move(*rows), more);
            retranslateUi();
        });
}

bool AlertsPage::selectAlert(qint64 alertId)
{
    return selectSourceRow(m_table, m_model, m_model->rowOf(alertId));
}

qint64 AlertsPage::selectedAlert() const
{
    const Alert *a = m_model->alert(m_table->currentIndex().row());
    return a ? a->id : 0;
}

void AlertsPage::loadDetail()
{
    const qint64 id = selectedAlert();
    if (id == 0) {
        m_detailData.reset();
        m_history->setHistory({});
        showDetail();
        return;
    }
    m_runner->run<Detail>(
        this, [id](const std::shared_ptr<storage::Database> &db) { return AlertService(*db).detail(id); },
        [this, id](Detail detail) {
            if (selectedAlert() != id)
                return;
            if (!detail) {
                m_detailData.reset();
                m_detail->setText(detail.error().message);
                return;
            }
            m_detailData = *detail;
            showDetail();
            m_history->setHistory(detail->history);
            emit detailLoaded(id);
        });
}

void AlertsPage::showDetail()
{
    if (!m_detailData) {
        m_detail->setText(m_model->rowCount() == 0 ? QString() : tr("Select an alert to see its history."));
        return;
    }
    const Alert &a = m_detailData->alert;
    QStringList lines{a.summary(), a.describe()};
    if (a.sessionId)
        lines << tr("Session id %1").arg(*a.sessionId);
    QStringList sent;
    for (const alerts::AlertDelivery &d : m_detailData->deliveries) {
        const QString channel = d.channel == u"email" ? tr("e-mail") : tr("webhook");
        switch (d.status) {
        case alerts::AlertDelivery::Status::Sent:
            sent << tr("%1 sent").arg(channel);
            break;
        case alerts::AlertDelivery::Status::Failed:
            sent << tr("%1 failed: %2").arg(channel, d.lastError);
            break;
        default:
            sent << tr("%1 waiting (attempt %2)").arg(channel).arg(d.attempts);
            break;
        }
    }
    if (!sent.isEmpty())
        lines << sent.join(u" · "_s);
    m_detail->setText(lines.join(u'\n'));
}

void AlertsPage::updateButtons()
{
    const Alert *a = m_model->alert(m_table->currentIndex().row());
    const bool unresolved = a && a->state != alerts::AlertState::Resolved;
    m_acknowledge->setEnabled(unresolved && a->state == alerts::AlertState::Open);
    m_assign->setEnabled(unresolved);
    m_resolve->setEnabled(unresolved);
}

AlertActionDialog *AlertsPage::openAction(AlertActionDialog::Action action)
{
    const Alert *a = m_model->alert(m_table->currentIndex().row());
    if (!a)
        return nullptr;
    auto *dialog = new AlertActionDialog(action, a->summary(), a->assignee, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        switch (dialog->action()) {
        case AlertActionDialog::Action::Acknowledge:
            acknowledge(dialog->note());
            break;
        case AlertActionDialog::Action::Assign:
            assign(dialog->assignee(), dialog->note());
            break;
        case AlertActionDialog::Action::Resolve:
            resolve(dialog->note());
            break;
        }
    });
    dialog->open();
    return dialog;
}

void AlertsPage::run(std::function<Expected<Alert>(AlertService &)> action)
{
    m_status->clear();
    m_runner->run<Expected<Alert>>(
        this,
        [action = std::move(action)](const std::shared_ptr<storage::Database> &db) {
            AlertService service(*db);
            return action(service);
        },
        [this](Expected<Alert> result) {
            const QString message = result ? tr("Alert %1: %2").arg(result->id).arg(alerts::AlertText::stateTitle(result->state))
                                           : result.error().message;
            m_status->setText(message);
            m_loading = false;
            ++m_generation;  // the list reloads with the change
            refresh();
            emit actionFinished(result.ok(), message);
        });
}

void AlertsPage::acknowledge(const QString &note)
{
    const qint64 id = selectedAlert();
    if (id == 0)
        return;
    run([id, note, who = m_actor](AlertService &s) { return s.acknowledge(id, who, note); });
}

void AlertsPage::assign(const QString &assignee, const QString &note)
{
    const qint64 id = selectedAlert();
    if (id == 0)
        return;
    run([id, assignee, note, who = m_actor](AlertService &s) { return s.assign(id, assignee, who, note); });
}

void AlertsPage::resolve(const QString &note)
{
    const qint64 id = selectedAlert();
    if (id == 0)
        return;
    run([id, note, who = m_actor](AlertService &s) { return s.resolve(id, who, note); });
}

void AlertsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void AlertsPage::retranslateUi()
{
    m_header->setTitle(Screens::title(Screen::Alerts));
    m_header->setDescription(Screens::description(Screen::Alerts));
    m_showLabel->setText(tr("&Show:"));
    for (int i = 0; i < m_filter->count(); ++i) {
        switch (static_cast<Show>(m_filter->itemData(i).toInt())) {
        case Show::Active:
            m_filter->setItemText(i, tr("Open and acknowledged"));
            break;
        case Show::Open:
            m_filter->setItemText(i, tr("Open"));
            break;
        case Show::Acknowledged:
            m_filter->setItemText(i, tr("Acknowledged"));
            break;
        case Show::Resolved:
            m_filter->setItemText(i, tr("Resolved"));
            break;
        case Show::All:
            m_filter->setItemText(i, tr("All"));
            break;
        }
    }
    const int rows = m_model->rowCount();
    m_summary->setText(rows == 0 ? tr("No alerts here.")
                       : m_model->hasMore() ? tr("%1 alerts shown, more when you scroll down").arg(QLocale().toString(rows))
                                            : tr("%n alert(s)", nullptr, rows));
    m_acknowledge->setText(tr("&Acknowledge"));
    m_assign->setText(tr("Assi&gn…"));
    m_resolve->setText(tr("&Resolve…"));
    m_detailTitle->setText(tr("History"));
    m_model->retranslate();
    m_history->retranslate();
    showDetail();
}

}  // namespace cd::ui
