#include "ui/widgets/windowheight.h"

#include <QLayout>
#include <algorithm>
#include <QWidget>

namespace cd::ui {

void keepHeightForWidth(QWidget *window)
{
    QLayout *layout = window->layout();
    if (!layout || !layout->hasHeightForWidth())
        return;
    const int needed = std::max(layout->totalHeightForWidth(window->width()), layout->totalMinimumSize().height());
    if (needed > 0 && window->minimumHeight() != needed)
        window->setMinimumHeight(needed);  // grows the window when it is shorter
}

}  // namespace cd::ui
