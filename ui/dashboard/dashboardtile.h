#pragma once
// One number on the dashboard: a big value, what it counts, and a line under it; a button, so
// a click (or Space/Enter with the keyboard) opens the list behind the number.

#include <QAbstractButton>
#include <QColor>

class QLabel;

namespace cd::ui {

class DashboardTile : public QAbstractButton {
    Q_OBJECT
public:
    explicit DashboardTile(QWidget *parent = nullptr);

    void setValue(const QString &value);
    QString value() const;
    void setCaption(const QString &caption);
    QString caption() const;
    void setDetail(const QString &detail);
    QString detail() const;
    // The value's colour: a state colour (faulted red, charging blue) or none for plain text.
    void setAccent(const QColor &accent);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void updateAccessibleName();

    QLabel *m_value;
    QLabel *m_caption;
    QLabel *m_detail;
    QColor m_accent;
};

}  // namespace cd::ui
