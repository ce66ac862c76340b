#include "ui/widgets/wrappinglabel.h"

namespace cd::ui {

WrappingLabel::WrappingLabel(QWidget *parent) : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
}

int WrappingLabel::heightForWidth(int width) const
{
    return QLabel::heightForWidth(qMin(width, maximumWidth()));
}

}  // namespace cd::ui
