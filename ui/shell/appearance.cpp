#include "ui/shell/appearance.h"

#include <QApplication>
#include <QColor>
#include <QIcon>
#include <QPalette>
#include <QStyleFactory>

using namespace Qt::StringLiterals;

namespace cd::ui {
namespace {

QPalette consolePalette()
{
    const QColor window(0xf7, 0xf8, 0xfa);
    const QColor base(0xff, 0xff, 0xff);
    const QColor text(0x1f, 0x29, 0x33);
    const QColor accent(0x0e, 0x6f, 0x8a);
    const QColor disabledText(0x9a, 0xa4, 0xae);

    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0xf1, 0xf4, 0xf6));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(0xf1, 0xf3, 0xf5));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, Qt::white);
    palette.setColor(QPalette::Highlight, accent);
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, accent);
    palette.setColor(QPalette::ToolTipBase, QColor(0x1f, 0x29, 0x33));
    palette.setColor(QPalette::ToolTipText, Qt::white);
    palette.setColor(QPalette::PlaceholderText, disabledText);
    palette.setColor(QPalette::Light, Qt::white);
    palette.setColor(QPalette::Midlight, QColor(0xe6, 0xea, 0xee));
    palette.setColor(QPalette::Mid, QColor(0xc9, 0xd1, 0xd8));
    palette.setColor(QPalette::Dark, QColor(0x9a, 0xa4, 0xae));
    palette.setColor(QPalette::Shadow, QColor(0x5c, 0x66, 0x70));
    for (const QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, disabledText);
    return palette;
}

QString consoleStyleSheet()
{
    return uR"(
#sidebar {
    background: #eef2f5;
    border-right: 1px solid #dbe2e8;
}
#brandName {
    color: #0b4f63;
}
#navigation {
    background: transparent;
    border: none;
    outline: 0;
}
#navigation::item {
    padding: 7px 10px;
    border-radius: 6px;
    color: #27323a;
}
#navigation::item:hover {
    background: #e2e9ee;
}
#navigation::item:selected {
    background: #d3e8ef;
    color: #0b4f63;
}
QFrame[card="true"] {
    background: #ffffff;
    border: 1px solid #dde3e8;
    border-radius: 8px;
}
#databaseLocation {
    background: transparent;
    border: none;
    padding: 0px;
}
#emptyStateIcon {
    background: #e7eef2;
    border-radius: 44px;
}
)"_s;
}

}  // namespace

QIcon applicationIcon()
{
    return QIcon(u":/icons/chargedesk.svg"_s);
}

void applyAppearance(QApplication &app)
{
    if (QStyle *fusion = QStyleFactory::create(u"Fusion"_s))
        QApplication::setStyle(fusion);
    QApplication::setPalette(consolePalette());
    app.setStyleSheet(consoleStyleSheet());
    QApplication::setWindowIcon(applicationIcon());
}

}  // namespace cd::ui
