#pragma once
// Small shared look helpers, derived from the widget's own font and palette so they
// follow the platform and the application style.

#include <QFont>

class QWidget;

namespace cd::ui::style {

// A page heading: the base font, larger and bold. (Bold rather than semi-bold: CJK
// fallback fonts often ship no semi-bold face and would fall back to regular.)
QFont headingFont(const QFont &base);
// A section heading inside a page: slightly larger than body text, bold.
QFont subheadingFont(const QFont &base);
// Secondary text: the widget's text colour blended towards its background.
void makeMuted(QWidget *widget);
// Text in the error colour (readable on light and dark backgrounds).
void makeError(QWidget *widget);

}  // namespace cd::ui::style
