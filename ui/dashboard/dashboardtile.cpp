#include "ui/dashboard/dashboardtile.h"

#include "ui/widgets/style.h"

#include <QEvent>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionFocusRect>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {
constexpr qreal kRadius = 8;
}

DashboardTile::DashboardTile(QWidget *parent)
    : QAbstractButton(parent), m_value(new QLabel(this)), m_caption(new QLabel(this)), m_detail(new QLabel(this))
{
    setCursor(Qt::PointingHandCursor);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_Hover);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_value->setObjectName(u"tileValue"_s);
    m_caption->setObjectName(u"tileCaption"_s);
    m_detail->setObjectName(u"tileDetail"_s);
    QFont big = style::headingFont(font());
    big.setPointSizeF(big.pointSizeF() * 1.4);
    m_value->setFont(big);
    m_caption->setFont(style::subheadingFont(font()));
    m_caption->setWordWrap(true);
    m_detail->setWordWrap(true);
    style::makeMuted(m_detail);
    for (QLabel *label : {m_value, m_caption, m_detail}) {
        label->setTextFormat(Qt::PlainText);
        label->setAttribute(Qt::WA_TransparentForMouseEvents);
    }
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(2);
    layout->addWidget(m_value);
    layout->addWidget(m_caption);
    layout->addWidget(m_detail);
    layout->addStretch(1);
}

void DashboardTile::setValue(const QString &value)
{
    m_value->setText(value);
    updateAccessibleName();
}

QString DashboardTile::value() const
{
    return m_value->text();
}

void DashboardTile::setCaption(const QString &caption)
{
    m_caption->setText(caption);
    updateAccessibleName();
}

QString DashboardTile::caption() const
{
    return m_caption->text();
}

void DashboardTile::setDetail(const QString &detail)
{
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
}

QString DashboardTile::detail() const
{
    return m_detail->text();
}

void DashboardTile::setAccent(const QColor &accent)
{
    m_accent = accent;
    QPalette palette = m_value->palette();
    palette.setColor(QPalette::WindowText, accent.isValid() ? accent : this->palette().color(QPalette::WindowText));
    m_value->setPalette(palette);
}

QSize DashboardTile::sizeHint() const
{
    return layout()->sizeHint().expandedTo(QSize(180, 0));
}

QSize DashboardTile::minimumSizeHint() const
{
    return layout()->minimumSize();
}

void DashboardTile::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const bool hovered = underMouse() || isDown();
    QColor fill = pal.color(QPalette::Base);
    if (hovered)
        fill = pal.color(QPalette::AlternateBase);
    QColor border = pal.color(QPalette::Mid);
    if (hasFocus() || hovered)
        border = pal.color(QPalette::Highlight);
    QPainterPath path;
    path.addRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), kRadius, kRadius);
    painter.fillPath(path, fill);
    painter.setPen(QPen(border, hasFocus() ? 2 : 1));
    painter.drawPath(path);
    if (m_accent.isValid()) {
        // A stripe on the left in the state's colour.
        QPainterPath stripe;
        stripe.addRoundedRect(QRectF(1, 1, 5, height() - 2), 2, 2);
        painter.fillPath(stripe, m_accent);
    }
}

void DashboardTile::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        setAccent(m_accent);
    QAbstractButton::changeEvent(event);
}

void DashboardTile::updateAccessibleName()
{
    setAccessibleName(m_caption->text() + u": "_s + m_value->text());
}

}  // namespace cd::ui
