#include "ui/charts/sessionchart.h"

#include "ui/charts/chartquantity.h"
#include "ui/charts/sessionchartview.h"
#include "ui/widgets/style.h"
#include "ui/widgets/wrappinglabel.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPixmap>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {

QIcon swatch(const QColor &colour)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    painter.drawRoundedRect(QRectF(1, 6, 14, 4), 2, 2);
    return QIcon(pixmap);
}

}  // namespace

SessionChart::SessionChart(QWidget *parent) : QWidget(parent)
{
    setObjectName(u"sessionChart"_s);
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->setSpacing(10);
    for (const charging::ChartQuantity q : ChartQuantities::all()) {
        auto *toggle = new QCheckBox(this);
        toggle->setObjectName(u"chartToggle_"_s + ChartQuantities::key(q));
        toggle->setIcon(swatch(ChartQuantities::colour(q)));
        toggle->setChecked(ChartQuantities::shownByDefault(q));
        toggle->hide();
        bar->addWidget(toggle);
        m_toggles.insert(int(q), toggle);
    }
    bar->addStretch(1);
    m_note = new QLabel(this);
    m_note->setObjectName(u"chartNote"_s);
    style::makeMuted(m_note);
    m_note->hide();
    bar->addWidget(m_note);
    m_resetZoom = new QToolButton(this);
    m_resetZoom->setObjectName(u"chartResetZoom"_s);
    m_resetZoom->setEnabled(false);
    bar->addWidget(m_resetZoom);

    m_view = new SessionChartView(this);
    m_empty = new WrappingLabel(this);
    m_empty->setObjectName(u"chartEmpty"_s);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    style::makeMuted(m_empty);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_empty);
    m_stack->addWidget(m_view);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);

    for (auto it = m_toggles.cbegin(); it != m_toggles.cend(); ++it) {
        const auto q = charging::ChartQuantity(it.key());
        connect(*it, &QCheckBox::toggled, this, [this, q](bool on) { m_view->setQuantityVisible(q, on); });
    }
    connect(m_resetZoom, &QToolButton::clicked, m_view, &SessionChartView::resetZoom);
    connect(m_view, &SessionChartView::zoomChanged, m_resetZoom, &QToolButton::setEnabled);

    retranslateUi();
    updateState();
}

void SessionChart::setSeries(const charging::SessionSeries &series)
{
    m_hasSession = series.sessionId != 0;
    m_view->setSeries(series);
    updateState();
}

void SessionChart::clear()
{
    m_hasSession = false;
    m_view->clear();
    updateState();
}

bool SessionChart::isEmptyStateShown() const
{
    return m_stack->currentWidget() == m_empty;
}

QString SessionChart::emptyText() const
{
    return m_empty->text();
}

void SessionChart::updateState()
{
    const charging::SessionSeries &shown = m_view->data();
    for (auto it = m_toggles.cbegin(); it != m_toggles.cend(); ++it)
        (*it)->setVisible(m_view->hasQuantity(charging::ChartQuantity(it.key())));
    bool thinned = false;
    for (const charging::MeterSeries &s : shown.series)
        thinned = thinned || s.thinned();
    m_note->setVisible(thinned);
    m_resetZoom->setVisible(!shown.isEmpty());
    if (!m_hasSession)
        m_empty->setText(tr("Select a session to see its power, energy, current, voltage and state of charge over time."));
    else if (shown.open)
        m_empty->setText(tr("No meter values yet. The chart fills in as the station reports them."));
    else
        m_empty->setText(tr("The station reported no meter values for this session."));
    m_stack->setCurrentWidget(shown.isEmpty() ? static_cast<QWidget *>(m_empty) : m_view);
}

void SessionChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void SessionChart::retranslateUi()
{
    for (auto it = m_toggles.cbegin(); it != m_toggles.cend(); ++it) {
        const auto q = charging::ChartQuantity(it.key());
        (*it)->setText(ChartQuantities::name(q));
        (*it)->setToolTip(ChartQuantities::description(q));
    }
    //: the button that undoes the zoom of the chart
    m_resetZoom->setText(tr("Whole session"));
    m_resetZoom->setToolTip(tr("Drag across the chart, turn the mouse wheel or press + and - to zoom in time; "
                               "double-click, right-click or Esc shows the whole session again"));
    //: shown when a very long session is drawn with fewer points than it has
    m_note->setText(tr("Simplified"));
    m_note->setToolTip(tr("This session has more meter values than the chart draws: each stretch of time shows "
                          "its lowest and highest value, so peaks and dips stay visible."));
    updateState();
}

}  // namespace cd::ui
