#include "ui/widgets/style.h"

#include <QColor>
#include <QPalette>
#include <QWidget>

namespace cd::ui::style {
namespace {

QFont scaled(const QFont &base, qreal factor, QFont::Weight weight)
{
    QFont font = base;
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    else
        font.setPixelSize(qRound(font.pixelSize() * factor));
    font.setWeight(weight);
    return font;
}

QColor blend(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t),
                            float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

}  // namespace

QFont headingFont(const QFont &base)
{
    return scaled(base, 1.75, QFont::Bold);
}

QFont subheadingFont(const QFont &base)
{
    return scaled(base, 1.15, QFont::Bold);
}

void makeMuted(QWidget *widget)
{
    QPalette palette = widget->palette();
    for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive}) {
        const QColor text = palette.color(group, QPalette::WindowText);
        const QColor background = palette.color(group, QPalette::Window);
        palette.setColor(group, QPalette::WindowText, blend(text, background, 0.38));
    }
    widget->setPalette(palette);
}

void makeError(QWidget *widget)
{
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    widget->setPalette(palette);
}

}  // namespace cd::ui::style
