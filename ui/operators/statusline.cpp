#include "ui/operators/statusline.h"

#include "ui/widgets/style.h"
#include "ui/widgets/wrappinglabel.h"

namespace cd::ui {

QLabel *makeStatusLine(const QString &objectName, QWidget *parent)
{
    auto *label = new WrappingLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    style::makeError(label);
    return label;
}

}  // namespace cd::ui
