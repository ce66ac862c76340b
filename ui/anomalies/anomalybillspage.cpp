#include "ui/anomalies/anomalybillspage.h"

#include "core/anomalies/anomalydetailtexts.h"
#include "core/billing/billrepository.h"
#include "core/common/appsettings.h"
#include "core/storage/queryrunner.h"
#include "ui/anomalies/anomalybilldetail.h"
#include "ui/anomalies/anomalybilltablemodel.h"
#include "ui/anomalies/anomalyfilterbar.h"
#include "ui/anomalies/anomalystatisticsview.h"
#include "ui/shell/screen.h"
#include "ui/widgets/pageheader.h"
#include "ui/widgets/readonlytable.h"
#include "ui/widgets/style.h"
#include "ui/widgets/permittedwidgets.h"

#include <QAction>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

using anomalies::AnomalyBillPageRequest;
using anomalies::AnomalyBillQueries;
using anomalies::AnomalyBillRow;

namespace {

constexpr int kPage = 200;
constexpr qint64 kRefreshOnShowAfterMs = 5000;

using Rows = Expected<QList<AnomalyBillRow>>;
using Count = Expected<qint64>;
using Ids = Expected<QList<qint64>>;
using Choices = Expected<anomalies::AnomalyFilterChoices>;
// A bill's lines and its anomalies' sentences, both in the current language.
struct BillDetail {
    Expected<QStringList> lines = QStringList();
    QMap<int, QString> details;
};

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

}  // namespace

AnomalyBillsPage::AnomalyBillsPage(const ConsoleServices &services, QWidget *parent)
    : QWidget(parent), m_db(services.database), m_runner(std::make_unique<storage::QueryRunner>(services.database))
{
    m_header = new PageHeader(this);
    m_filterBar = new AnomalyFilterBar(this);
    m_filterBar->setObjectName(u"anomalyFilterBar"_s);

    m_summary = new QLabel(this);
    m_summary->setObjectName(u"anomalySummary"_s);
    m_summary->setTextFormat(Qt::PlainText);
    m_selectAll = new QPushButton(this);
    m_selectAll->setObjectName(u"selectAllMatchingButton"_s);
    m_clear = new QPushButton(this);
    m_clear->setObjectName(u"clearSelectionButton"_s);
    m_correct = new QPushButton(this);
    m_correct->setObjectName(u"correctButton"_s);
    showOnlyIfAllowed(services.actor, access::Permission::BillsCorrect, {m_correct});
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_summary, 1);
    actions->addWidget(m_selectAll);
    actions->addWidget(m_clear);
    actions->addSpacing(12);
    actions->addWidget(m_correct);

    m_model = new AnomalyBillTableModel(this);
    m_table = makeReadOnlyTable(u"anomalyBillTable"_s, this);
    m_table->setModel(m_model);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setWordWrap(false);  // one line per bill: dates elide rather than wrap into a clipped second line
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSortIndicator(AnomalyBillTableModel::Session, Qt::DescendingOrder);
    m_table->setSortingEnabled(true);
    // Space checks (or unchecks) every selected row: bulk selection from the keyboard.
    auto *toggle = new QAction(m_table);
    toggle->setShortcut(Qt::Key_Space);
    toggle->setShortcutContext(Qt::WidgetShortcut);
    connect(toggle, &QAction::triggered, this, [this] {
        const QModelIndexList rows = m_table->selectionModel()->selectedRows();
        bool anyUnchecked = false;
        for (const QModelIndex &i : rows)
            anyUnchecked |= !m_model->isChecked(i.data(AnomalyBillTableModel::BillIdRole).toLongLong());
        for (const QModelIndex &i : rows)
            m_model->setChecked(i.data(AnomalyBillTableModel::BillIdRole).toLongLong(), anyUnchecked);
    });
    m_table->addAction(toggle);

    m_detail = new AnomalyBillDetail(this);
    m_detail->setObjectName(u"anomalyBillDetail"_s);
    auto *detailScroll = new QScrollArea(this);
    detailScroll->setObjectName(u"anomalyDetailScroll"_s);
    detailScroll->setWidget(m_detail);
    detailScroll->setWidgetResizable(true);
    detailScroll->setFrameShape(QFrame::NoFrame);
    detailScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // The splitter hands out room by size hints, which leave the detail a few lines; the
    // bill's lines are why an accountant opens it, so it keeps room for about a dozen.
    detailScroll->setMinimumHeight(fontMetrics().lineSpacing() * 13);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 8, 0, 0);
    topLayout->addLayout(actions);
    topLayout->addWidget(m_table, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(u"anomalySplit"_s);
    split->setChildrenCollapsible(false);
    split->addWidget(top);
    split->addWidget(detailScroll);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    m_statistics = new AnomalyStatisticsView(services.database, this);
    m_statistics->setObjectName(u"anomalyStatistics"_s);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"anomalyTabs"_s);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(split, QString());
    m_tabs->addTab(m_statistics, QString());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    layout->addWidget(m_header);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_tabs, 1);

    connect(m_filterBar, &AnomalyFilterBar::filterChanged, this, &AnomalyBillsPage::filterChanged);
    connect(m_model, &AnomalyBillTableModel::moreRequested, this, &AnomalyBillsPage::loadMore);
    connect(m_model, &AnomalyBillTableModel::sortRequested, this, &AnomalyBillsPage::sortRequested);
    connect(m_model, &AnomalyBillTableModel::checksChanged, this, &AnomalyBillsPage::updateSelectionText);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AnomalyBillsPage::loadDetail);
    connect(m_model, &QAbstractItemModel::modelReset, this, &AnomalyBillsPage::loadDetail);
    connect(m_selectAll, &QPushButton::clicked, this, &AnomalyBillsPage::selectAllMatching);
    connect(m_clear, &QPushButton::clicked, this, &AnomalyBillsPage::clearSelection);
    connect(m_correct, &QPushButton::clicked, this, &AnomalyBillsPage::requestCorrection);

    m_filter = m_filterBar->filter();
    m_statistics->setFilter(m_filter);
    retranslateUi();
    load(false);
    loadCount();
    loadChoices();
}

AnomalyBillsPage::~AnomalyBillsPage() = default;

void AnomalyBillsPage::setCurrentTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

void AnomalyBillsPage::showOpenBills()
{
    m_filterBar->setStatus(anomalies::AnomalyStatus::Open);
    setCurrentTab(BillsTab);
}

void AnomalyBillsPage::filterChanged()
{
    const anomalies::AnomalyBillFilter filter = m_filterBar->filter();
    if (filter == m_filter)
        return;
    m_filter = filter;
    m_model->clearChecks();
    ++m_generation;
    m_loading = false;
    m_matching = -1;
    m_model->setRows({}, false);
    load(false);
    loadCount();
    m_statistics->setFilter(m_filter);
}

void AnomalyBillsPage::refresh()
{
    load(true);
    loadCount();
}

void AnomalyBillsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Back on the screen: what other operators (or the wizard) corrected meanwhile shows.
    if (m_loadedOnce && !m_loading && nowMs() - m_loadedAtMs > kRefreshOnShowAfterMs)
        refresh();
}

void AnomalyBillsPage::load(bool keepRows)
{
    if (m_loading)
        return;
    m_loading = true;
    m_error.clear();
    AnomalyBillPageRequest request;
    request.filter = m_filter;
    request.sort = m_sort;
    request.descending = m_descending;
    // A refresh loads the pages shown so far again, so the scroll position and selection survive.
    const int limit = keepRows ? std::max(kPage, m_model->rowCount()) : kPage;
    request.limit = limit + 1;
    const int generation = m_generation;
    updateSelectionText();
    m_runner->run<Rows>(
        this, [request](const std::shared_ptr<storage::Database> &db) { return AnomalyBillQueries(*db).page(request); },
        [this, generation, limit](Rows rows) {
            if (generation != m_generation)
                return;
            m_loading = false;
            m_loadedOnce = true;
            m_loadedAtMs = nowMs();
            if (!rows) {
                m_error = rows.error().message;
                m_model->setRows({}, false);
                updateSelectionText();
                emit loaded(0);
                return;
            }
            const qint64 current = m_detail->row() ? m_detail->row()->sessionId : 0;
            const bool more = rows->size() > limit;
            if (more)
                rows->removeLast();
            m_model->setRows(std::move(*rows), more);
            if (current != 0 && m_model->rowOfSession(current) >= 0)
                selectSession(current);
            else
                loadDetail();
            updateSelectionText();
            emit loaded(m_model->rowCount());
        });
}

void AnomalyBillsPage::loadMore()
{
    const AnomalyBillRow *last = m_model->row(m_model->rowCount() - 1);
    if (!last)
        return;
    AnomalyBillPageRequest request;
    request.filter = m_filter;
    request.sort = m_sort;
    request.descending = m_descending;
    request.after = AnomalyBillQueries::cursorAfter(*last, m_sort);
    request.limit = kPage + 1;
    const int generation = m_generation;
    m_runner->run<Rows>(
        this, [request](const std::shared_ptr<storage::Database> &db) { return AnomalyBillQueries(*db).page(request); },
        [this, generation](Rows rows) {
            if (generation != m_generation)
                return;
            if (!rows) {
                m_error = rows.error().message;
                m_model->appendRows({}, false);
                updateSelectionText();
                return;
            }
            const bool more = rows->size() > kPage;
            if (more)
                rows->removeLast();
            m_model->appendRows(std::move(*rows), more);
            updateSelectionText();
        });
}

void AnomalyBillsPage::loadCount()
{
    const int generation = m_generation;
    m_runner->run<Count>(
        this,
        [filter = m_filter](const std::shared_ptr<storage::Database> &db) { return AnomalyBillQueries(*db).count(filter); },
        [this, generation](Count count) {
            if (generation != m_generation)
                return;
            if (!count) {
                m_error = count.error().message;
                updateSelectionText();
                return;
            }
            m_matching = *count;
            m_model->setMatchingCount(m_matching);
            updateSelectionText();
            emit counted(m_matching);
        });
}

void AnomalyBillsPage::loadChoices()
{
    m_runner->run<Choices>(
        this, [](const std::shared_ptr<storage::Database> &db) { return AnomalyBillQueries(*db).filterChoices(); },
        [this](Choices choices) {
            if (choices)
                m_filterBar->setChoices(*choices);
        });
}

void AnomalyBillsPage::loadDetail()
{
    const AnomalyBillRow *row = m_model->row(m_table->currentIndex().row());
    if (!row) {
        m_detail->setRow(std::nullopt);
        updateSelectionText();
        return;
    }
    m_detail->setRow(*row);
    updateSelectionText();
    const qint64 sessionId = row->sessionId;
    const qint64 billId = row->billId;
    if (billId == 0) {
        m_detail->setExplanation({});
        emit detailLoaded(sessionId);
        return;
    }
    m_runner->run<BillDetail>(
        this,
        [sessionId, billId](const std::shared_ptr<storage::Database> &db) -> BillDetail {
            BillDetail detail;
            auto bill = billing::BillRepository(*db).find(billId);
            if (!bill)
                detail.lines = bill.error();
            else if (bill->has_value() && (*bill)->detail)
                detail.lines = (*bill)->detail->explanation();
            // A failure here only costs the translation: the stored sentences stay.
            if (auto texts = anomalies::AnomalyDetailTexts::current(*db, sessionId, billId,
                                                                    anomalies::AnomalyThresholds::load(appSettings())))
                detail.details = *texts;
            return detail;
        },
        [this, sessionId, billId](const BillDetail &detail) {
            if (!m_detail->row() || m_detail->row()->billId != billId)
                return;
            m_detail->setCurrentDetails(detail.details);
            m_detail->setExplanation(detail.lines ? *detail.lines : QStringList{detail.lines.error().message});
            emit detailLoaded(sessionId);
        });
}

void AnomalyBillsPage::sortRequested(int column, Qt::SortOrder order)
{
    const auto sort = AnomalyBillTableModel::sortFor(column);
    if (!sort) {
        // Not a server-side sort: the header keeps showing the order the list is in.
        const QSignalBlocker blocker(m_table->horizontalHeader());
        m_table->horizontalHeader()->setSortIndicator(AnomalyBillTableModel::columnFor(m_sort),
                                                      m_descending ? Qt::DescendingOrder : Qt::AscendingOrder);
        return;
    }
    const bool descending = order == Qt::DescendingOrder;
    if (*sort == m_sort && descending == m_descending)
        return;
    m_sort = *sort;
    m_descending = descending;
    ++m_generation;
    m_loading = false;
    load(false);
    loadCount();  // the generation moved on: the count is asked again
}

qint64 AnomalyBillsPage::selectedCount() const
{
    return m_model->checkedCount();
}

qint64 AnomalyBillsPage::currentBill() const
{
    const AnomalyBillRow *row = m_model->row(m_table->currentIndex().row());
    return row ? row->billId : 0;
}

bool AnomalyBillsPage::selectSession(qint64 sessionId)
{
    return selectSourceRow(m_table, m_model, m_model->rowOfSession(sessionId));
}

void AnomalyBillsPage::selectAllMatching()
{
    if (m_matching <= 0)
        return;
    m_model->checkAllMatching(m_matching);
}

void AnomalyBillsPage::clearSelection()
{
    m_model->clearChecks();
}

void AnomalyBillsPage::requestCorrection()
{
    if (m_model->allMatching()) {
        m_correct->setEnabled(false);
        const QSet<qint64> unchecked = m_model->uncheckedBillIds();
        m_runner->run<Ids>(
            this,
            [filter = m_filter](const std::shared_ptr<storage::Database> &db) { return AnomalyBillQueries(*db).billIds(filter); },
            [this, unchecked](Ids ids) {
                updateSelectionText();
                if (!ids) {
                    m_error = ids.error().message;
                    updateSelectionText();
                    return;
                }
                QList<qint64> chosen;
                chosen.reserve(ids->size());
                for (qint64 id : std::as_const(*ids)) {
                    if (!unchecked.contains(id))
                        chosen.append(id);
                }
                if (!chosen.isEmpty())
                    emit correctRequested(chosen);
            });
        return;
    }
    QList<qint64> chosen = m_model->checkedBillIds();
    if (chosen.isEmpty() && currentBill() != 0)
        chosen.append(currentBill());
    if (!chosen.isEmpty())
        emit correctRequested(chosen);
}

void AnomalyBillsPage::updateSelectionText()
{
    const qint64 selected = m_model->checkedCount();
    QString text;
    if (!m_error.isEmpty()) {
        text = m_error;
    } else if (m_matching < 0) {
        text = tr("Counting…");
    } else if (m_matching == 0) {
        text = tr("No anomaly bills match the filter.");
    } else {
        text = tr("%Ln bill(s) match", nullptr, int(std::min<qint64>(m_matching, INT_MAX)));
        if (m_model->allMatching() && selected == m_matching)
            text += u" · "_s + tr("all selected");
        else if (selected > 0)
            text += u" · "_s + tr("%Ln selected", nullptr, int(std::min<qint64>(selected, INT_MAX)));
    }
    m_summary->setText(text);
    m_selectAll->setEnabled(m_matching > 0 && !(m_model->allMatching() && selected == m_matching));
    m_clear->setEnabled(selected > 0);
    m_correct->setEnabled(selected > 0 || currentBill() != 0);
}

void AnomalyBillsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        loadDetail();  // the bill's lines are explained in the language of the moment
    }
    QWidget::changeEvent(event);
}

void AnomalyBillsPage::retranslateUi()
{
    m_header->setTitle(Screens::title(Screen::AnomalyBills));
    m_header->setDescription(Screens::description(Screen::AnomalyBills));
    m_tabs->setTabText(BillsTab, tr("Bills"));
    m_tabs->setTabText(StatisticsTab, tr("Statistics"));
    //: selects every bill the filter matches, also those not loaded yet
    m_selectAll->setText(tr("Select &all matching"));
    m_clear->setText(tr("C&lear selection"));
    m_correct->setText(tr("&Correct…"));
    m_correct->setToolTip(tr("Correct the selected bills (or the highlighted one) with a preview of every effect"));
    m_summary->setToolTip(tr("Tick bills to select them; Space ticks every highlighted row"));
    m_model->retranslate();
    updateSelectionText();
}

}  // namespace cd::ui
