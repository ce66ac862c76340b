#pragma once
// Qt sizes a top-level window from its layout's minimum size and size hint, and both
// assume some width of their own for word-wrapped labels. When the window is narrower
// than that, the wrapped labels need more lines than the window has room for and Qt
// squeezes the rows below them. keepHeightForWidth() raises the window's minimum height
// to what its layout needs at the window's current width. Call it from the window's
// event() on QEvent::LayoutRequest (posted once polished and whenever a text changes) and
// from resizeEvent() when the width changed.

class QWidget;

namespace cd::ui {

void keepHeightForWidth(QWidget *window);

}  // namespace cd::ui
