#pragma once
// The console's look: Fusion style, a calm light palette, the application icon and the
// few style-sheet rules for the navigation side bar and the empty-state panels.

class QApplication;
class QIcon;

namespace cd::ui {

void applyAppearance(QApplication &app);
QIcon applicationIcon();

}  // namespace cd::ui
