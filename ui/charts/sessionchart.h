#pragma once
// The Chart tab of the Operations screen: a row of toggles (the legend: one per quantity the
// session has, in its colour) with "Reset zoom", the session's chart (SessionChartView), and an
// empty state when there is nothing to draw yet.

#include "core/charging/sessionseries.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QLabel;
class QStackedWidget;
class QToolButton;

namespace cd::ui {

class SessionChartView;

class SessionChart : public QWidget {
    Q_OBJECT
public:
    explicit SessionChart(QWidget *parent = nullptr);

    // The selected session's meter values (again, as they grow, while it runs).
    void setSeries(const charging::SessionSeries &series);
    // Nothing selected.
    void clear();

    SessionChartView *view() const { return m_view; }
    QCheckBox *toggle(charging::ChartQuantity quantity) const { return m_toggles.value(int(quantity)); }
    bool isEmptyStateShown() const;
    QString emptyText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateState();

    bool m_hasSession = false;
    QHash<int, QCheckBox *> m_toggles;  // by ChartQuantity
    QToolButton *m_resetZoom = nullptr;
    QLabel *m_note = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_empty = nullptr;
    SessionChartView *m_view = nullptr;
};

}  // namespace cd::ui
