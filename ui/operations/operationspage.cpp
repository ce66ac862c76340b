#include "ui/operations/operationspage.h"

#include "core/charging/chargingqueries.h"
#include "core/storage/queryrunner.h"
#include "ui/charts/sessionchart.h"
#include "ui/operations/operationssettings.h"
#include "ui/operations/sessionactiondialog.h"
#include "ui/operations/sessioncard.h"
#include "ui/operations/sessionlogmodel.h"
#include "ui/operations/sessiontablemodel.h"
#include "ui/shell/screen.h"
#include "ui/widgets/pageheader.h"
#include "ui/widgets/readonlytable.h"
#include "ui/widgets/style.h"
#include "ui/widgets/wrappinglabel.h"

#include <QAction>
#include <QDate>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollArea>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {
constexpr int kRefreshMs = 3000;
constexpr int kSearchDelayMs = 250;
constexpr int kListLimit = 100;   // "Last 100"
constexpr int kPageSize = 200;    // the other lists: a page, the next when the operator scrolls to the end
constexpr qint64 kHourMs = 3600 * 1000;

using SessionList = Expected<QList<charging::SuspiciousSession>>;
using Detail = Expected<std::optional<charging::SessionDetail>>;
// The session and, from the same meter samples, its chart series (built on the worker thread).
struct DetailLoad {
    Detail detail;
    charging::SessionSeries series;
};

QList<charging::SuspiciousSession> plain(QList<storage::Session> sessions)
{
    QList<charging::SuspiciousSession> out;
    out.reserve(sessions.size());
    for (storage::Session &s : sessions)
        out.append(charging::SuspiciousSession{std::move(s), {}});
    return out;
}

}  // namespace

bool OperationsPage::ListQuery::operator==(const ListQuery &other) const
{
    return tab == other.tab && search == other.search && oldAfterMs == other.oldAfterMs;
}

Expected<QList<charging::SuspiciousSession>> OperationsPage::loadList(const std::shared_ptr<storage::Database> &db,
                                                                   const ListQuery &q, int offset, int limit)
{
    const charging::ChargingQueries queries(db);
    if (q.tab == Suspicious)
        return queries.suspiciousSessions(limit, charging::SuspiciousSessions::kDefaultNoEnergyMs, offset);
    storage::SessionFilter filter;
    filter.search = q.search;
    filter.limit = limit;
    filter.offset = offset;
    filter.openOnly = q.tab == Open;
    if (q.tab == Today)
        filter.createdFromMs = q.todayStartMs;
    if (q.tab == OldOpen)
        filter.createdBeforeMs = QDateTime::currentMSecsSinceEpoch() - q.oldAfterMs;
    auto sessions = queries.sessions(filter);
    if (!sessions)
        return sessions.error();
    return plain(std::move(*sessions));
}


OperationsPage::OperationsPage(const ConsoleServices &services, QWidget *parent)
    : QWidget(parent), m_services(services), m_runner(std::make_unique<storage::QueryRunner>(services.database))
{
    m_header = new PageHeader(this);

    m_tabs = new QTabBar(this);
    m_tabs->setObjectName(u"operationsTabs"_s);
    m_tabs->setDrawBase(false);
    m_tabs->setExpanding(false);
    for (int i = 0; i < TabCount; ++i)
        m_tabs->addTab(QString());
    m_search = new QLineEdit(this);
    m_search->setObjectName(u"sessionSearch"_s);
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(260);
    auto *find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    addAction(find);
    m_ageLabel = new QLabel(this);
    m_ageLabel->setObjectName(u"oldOpenAgeLabel"_s);
    m_age = new QSpinBox(this);
    m_age->setObjectName(u"oldOpenAge"_s);
    m_age->setRange(1, OperationsSettings::kMaxOldOpenHours);
    m_age->setValue(OperationsSettings::oldOpenHours());
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"sessionSummary"_s);
    style::makeMuted(m_summary);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_tabs);
    bar->addSpacing(12);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_ageLabel);
    bar->addWidget(m_age);
    bar->addWidget(m_summary);

    m_model = new SessionTableModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SessionTableModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_table = makeReadOnlyTable(u"sessionTable"_s, this);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(SessionTableModel::Started, Qt::DescendingOrder);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    m_empty = new WrappingLabel(this);
    m_empty->setObjectName(u"sessionsEmpty"_s);
    style::makeMuted(m_empty);

    m_card = new SessionCard(this);
    m_card->setActionsAvailable(m_services.sessionActions != nullptr);
    m_card->setActor(m_services.actor);
    connect(m_card, &SessionCard::actionRequested, this, &OperationsPage::openAction);
    auto *cardScroll = new QScrollArea(this);
    cardScroll->setObjectName(u"sessionCardScroll"_s);
    cardScroll->setWidget(m_card);
    cardScroll->setWidgetResizable(true);
    cardScroll->setFrameShape(QFrame::NoFrame);
    cardScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    cardScroll->setMinimumWidth(300);
    cardScroll->setMaximumWidth(380);

    m_log = new SessionLogModel(this);
    m_logTitle = new QLabel(this);  // says why the session could not be read; hidden otherwise
    m_logTitle->setObjectName(u"sessionLogTitle"_s);
    m_logTitle->setWordWrap(true);
    m_logTitle->hide();
    m_logView = makeReadOnlyTable(u"sessionLog"_s, this);
    m_logView->setModel(m_log);
    m_logView->setWordWrap(true);  // the explanation is the point: never elided
    m_logView->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_logView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_logView->horizontalHeader()->setSectionResizeMode(SessionLogModel::What, QHeaderView::Stretch);
    auto *logBox = new QWidget(this);
    auto *logLayout = new QVBoxLayout(logBox);
    logLayout->setContentsMargins(0, 0, 0, 0);
    logLayout->setSpacing(6);
    // The session log and the chart of the same session share the space right of the card.
    m_chart = new SessionChart(this);
    m_detailTabs = new QTabWidget(this);
    m_detailTabs->setObjectName(u"sessionDetailTabs"_s);
    m_detailTabs->setDocumentMode(true);
    m_detailTabs->addTab(m_logView, QString());
    m_detailTabs->addTab(m_chart, QString());
    logLayout->addWidget(m_logTitle);
    logLayout->addWidget(m_detailTabs, 1);

    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QHBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->setSpacing(12);
    bottomLayout->addWidget(cardScroll);
    bottomLayout->addWidget(logBox, 1);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_empty);
    topLayout->addWidget(m_table, 1);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(u"operationsSplit"_s);
    split->setChildrenCollapsible(false);
    split->addWidget(top);
    split->addWidget(bottom);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    layout->addWidget(m_header);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(m_tabs, &QTabBar::currentChanged, this, [this] {
        m_table->setColumnHidden(SessionTableModel::Why, currentTab() != Suspicious);
        m_proxy->setFilterFixedString(currentTab() == Suspicious ? m_search->text().trimmed() : QString());
        retranslateUi();
        refresh();
    });
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(kSearchDelayMs);
    connect(m_searchDelay, &QTimer::timeout, this, &OperationsPage::refresh);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (currentTab() == Suspicious)
            m_proxy->setFilterFixedString(text.trimmed());  // the suspicious list is searched as shown
        else
            m_searchDelay->start();
    });
    connect(m_search, &QLineEdit::returnPressed, this, &OperationsPage::refresh);
    connect(m_age, &QSpinBox::valueChanged, this, [this](int hours) {
        OperationsSettings::setOldOpenHours(hours);
        m_searchDelay->start();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const qint64 id = selectedSession();
        if (id != m_log->sessionId())
            loadDetail();
    });

    connect(m_model, &SessionTableModel::moreRequested, this, &OperationsPage::loadMore);
    m_timer = new QTimer(this);
    m_timer->setInterval(kRefreshMs);
    connect(m_timer, &QTimer::timeout, this, [this] {
        refresh();
        loadDetail();
    });
    m_timer->start();
    m_table->setColumnHidden(SessionTableModel::Why, true);
    retranslateUi();
    refresh();
}

OperationsPage::~OperationsPage() = default;

OperationsPage::Tab OperationsPage::currentTab() const
{
    return static_cast<Tab>(std::clamp(m_tabs->currentIndex(), 0, TabCount - 1));
}

void OperationsPage::setCurrentTab(Tab tab)
{
    m_tabs->setCurrentIndex(tab);
}

OperationsPage::ListQuery OperationsPage::listQuery() const
{
    ListQuery q;
    q.tab = currentTab();
    q.search = q.tab == Suspicious ? QString() : m_search->text().trimmed();
    q.oldAfterMs = qint64(m_age->value()) * kHourMs;
    q.todayStartMs = QDate::currentDate().startOfDay().toMSecsSinceEpoch();
    return q;
}

void OperationsPage::refresh()
{
    if (m_loading) {
        m_reloadPending = true;  // the running load is for an older tab or search
        return;
    }
    m_loading = true;
    m_reloadPending = false;
    const ListQuery query = listQuery();
    // The live refresh keeps every page the operator has scrolled through.
    const bool sameList = m_shown && *m_shown == query;
    const int limit = query.tab == Last100 ? kListLimit : std::max(kPageSize, sameList ? m_model->rowCount() : 0);
    m_runner->run<SessionList>(
        this, [query, limit](const std::shared_ptr<storage::Database> &db) { return loadList(db, query, 0, limit); },
        [this, query, limit](SessionList sessions) {
            m_loading = false;
            if (m_reloadPending || !(query == listQuery())) {
                refresh();
                return;
            }
            if (!sessions) {
                m_summary->setText(sessions.error().message);
                return;
            }
            const qint64 selected = selectedSession();
            m_loadedAtMs = QDateTime::currentMSecsSinceEpoch();
            const bool more = query.tab != Last100 && sessions->size() >= limit;
            // Another list starts at its top (left at the bottom of the last one, the view would
            // ask for this one's second page at once).
            if (!m_shown || !(*m_shown == query))
                m_table->scrollToTop();
            m_shown = query;
            m_model->setSessions(std::move(*sessions), m_loadedAtMs, more);
            if (selected && selectedSession() != selected)
                selectSession(selected);
            updateSummary();
            emit loaded(m_model->rowCount());
        });
}

void OperationsPage::loadMore(qint64 offset)
{
    if (!m_shown)
        return;
    const ListQuery query = *m_shown;
    m_runner->run<SessionList>(
        this,
        [query, offset = int(offset)](const std::shared_ptr<storage::Database> &db) {
            return loadList(db, query, offset, kPageSize);
        },
        [this, query](SessionList sessions) {
            if (!m_shown || !(*m_shown == query))
                return;  // the list changed meanwhile; its own load has replaced the rows
            if (!sessions) {
                m_model->appendSessions({}, false);
                m_summary->setText(sessions.error().message);
                return;
            }
            const bool more = sessions->size() >= kPageSize;
            m_model->appendSessions(std::move(*sessions), more);
            updateSummary();
            emit loaded(m_model->rowCount());
        });
}

bool OperationsPage::selectSession(qint64 sessionId)
{
    return selectSourceRow(m_table, m_model, m_model->rowOf(sessionId));
}

qint64 OperationsPage::selectedSession() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(SessionTableModel::SessionIdRole).toLongLong();
}

void OperationsPage::openAction(sessions::ActionKind kind)
{
    const std::optional<storage::Session> &session = m_card->session();
    if (!m_services.sessionActions || !session)
        return;
    auto *dialog = new SessionActionDialog(kind, *session, m_services.sessionActions, m_services.actor, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SessionActionDialog::applied, this, [this] {
        refresh();
        loadDetail();
    });
    connect(dialog, &SessionActionDialog::outcomeFinal, this, &OperationsPage::loadDetail);
    dialog->open();
}

void OperationsPage::loadDetail()
{
    const qint64 id = selectedSession();
    if (!id) {
        if (m_log->sessionId()) {
            m_log->setDetail(std::nullopt);
            m_card->setSession(std::nullopt, 0);
            m_chart->clear();
        }
        return;
    }
    if (m_detailLoading)
        return;  // the timer or the next selection change comes back
    m_detailLoading = true;
    m_runner->run<DetailLoad>(
        this,
        [id](const std::shared_ptr<storage::Database> &db) {
            const charging::ChargingQueries queries(db);
            DetailLoad load{queries.sessionDetail(id), {}};
            if (!load.detail || !load.detail->has_value())
                return load;
            const charging::SessionDetail &detail = **load.detail;
            if (detail.samples.size() < storage::MeterSampleFilter{}.limit) {
                load.series = charging::SessionSeriesBuilder::build(detail.session, detail.samples);
            } else if (auto all = queries.sessionSeries(id); all && all->has_value()) {
                load.series = std::move(**all);  // the detail stops at its sample limit; the chart needs the end too
            }
            return load;
        },
        [this, id](DetailLoad load) {
            m_detailLoading = false;
            if (id != selectedSession()) {
                loadDetail();
                return;
            }
            Detail &detail = load.detail;
            m_logTitle->setVisible(!detail);
            if (!detail) {
                m_logTitle->setText(detail.error().message);
                return;
            }
            if (!detail->has_value()) {
                m_log->setDetail(std::nullopt);
                m_card->setSession(std::nullopt, 0);
                m_chart->clear();
                return;
            }
            const bool atEnd = m_logView->verticalScrollBar() == nullptr
                || m_logView->verticalScrollBar()->value() == m_logView->verticalScrollBar()->maximum();
            m_card->setSession((*detail)->session, QDateTime::currentMSecsSinceEpoch());
            m_log->setDetail(std::move(*detail));
            m_chart->setSeries(load.series);
            if (atEnd)
                m_logView->scrollToBottom();
            emit detailLoaded(id);
        });
}

void OperationsPage::updateSummary()
{
    if (m_loadedAtMs <= 0) {
        m_summary->setText(tr("Loading…"));
        m_empty->hide();
        return;
    }
    const int count = m_model->rowCount();
    //: %n sessions in the list; %1 the time of the last refresh
    m_summary->setText(tr("%n session(s) · updated %1", nullptr, count)
                           .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(m_loadedAtMs).time(), QLocale::ShortFormat)));
    const bool searching = !m_search->text().trimmed().isEmpty();
    switch (currentTab()) {
    case Last100:
        m_empty->setText(searching ? tr("No session matches the search.")
                                   : tr("No sessions yet. A session appears here when a station starts charging."));
        break;
    case Today:
        m_empty->setText(searching ? tr("No session matches the search.") : tr("No sessions since midnight."));
        break;
    case Open:
        m_empty->setText(tr("No open sessions: nothing is charging now."));
        break;
    case OldOpen:
        m_empty->setText(tr("No old open sessions: every station reported the end of its sessions."));
        break;
    case Suspicious:
    case TabCount:
        m_empty->setText(tr("No suspicious sessions."));
        break;
    }
    m_empty->setVisible(count == 0);
}

void OperationsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_model->retranslate();
        m_log->retranslate();
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void OperationsPage::retranslateUi()
{
    m_header->setTitle(Screens::title(Screen::Operations));
    m_header->setDescription(Screens::description(Screen::Operations));
    m_tabs->setTabText(Last100, tr("Last 100"));
    m_tabs->setTabText(Today, tr("Today"));
    m_tabs->setTabToolTip(Today, tr("Sessions started since midnight"));
    m_tabs->setTabText(Open, tr("Open"));
    //: sessions open for longer than the age chosen next to the tabs
    m_tabs->setTabText(OldOpen, tr("OLD && OPEN"));
    m_tabs->setTabText(Suspicious, tr("Suspicious"));
    m_tabs->setTabToolTip(OldOpen, tr("Sessions still open after the chosen age: the station probably never sent Stop"));
    m_tabs->setTabToolTip(Suspicious,
                          tr("Sessions with anomalies: charging without an authorised card, missing station messages, "
                             "closed by the system, or no energy in a long session"));
    m_search->setPlaceholderText(tr("Session number, station, user, phone or card"));
    m_ageLabel->setText(tr("Open longer than"));
    //: the unit after the number of hours, e.g. "24 h"
    m_age->setSuffix(tr(" h"));
    const bool old = currentTab() == OldOpen;
    m_ageLabel->setVisible(old);
    m_age->setVisible(old);
    m_detailTabs->setTabText(0, tr("Session log"));
    //: the tab with the selected session's power, energy, current, voltage and SoC curves
    m_detailTabs->setTabText(1, tr("Chart"));
    updateSummary();
}

}  // namespace cd::ui
