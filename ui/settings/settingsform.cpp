#include "ui/settings/settingsform.h"

#include "ui/widgets/style.h"
#include "ui/widgets/wrappinglabel.h"

#include <QFormLayout>
#include <QFrame>
#include <QLabel>
#include <QVBoxLayout>

namespace cd::ui::settingsform {

QLabel *valueLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QLabel *noteLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new WrappingLabel(parent);
    label->setObjectName(objectName);
    style::makeMuted(label);
    return label;
}

QLabel *sectionHeading(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setFont(style::subheadingFont(parent->font()));
    return label;
}

QWidget *section(QLabel *heading, QFrame *card)
{
    auto *widget = new QWidget(heading->parentWidget());
    auto *layout = new QVBoxLayout(widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    heading->setParent(widget);
    card->setParent(widget);
    layout->addWidget(heading);
    layout->addWidget(card);
    return widget;
}

QFormLayout *cardForm(QFrame *card)
{
    auto *form = new QFormLayout(card);
    form->setContentsMargins(20, 16, 20, 16);
    form->setHorizontalSpacing(20);
    form->setVerticalSpacing(10);
    form->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    return form;
}

QFrame *card(const QString &objectName, QWidget *parent)
{
    auto *frame = new QFrame(parent);
    frame->setObjectName(objectName);
    frame->setProperty("card", true);
    return frame;
}

QLabel *addRow(QFormLayout *form, const QString &objectName, QWidget *field)
{
    auto *label = new QLabel(field->parentWidget());
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setBuddy(field);
    form->addRow(label, field);
    return label;
}

}  // namespace cd::ui::settingsform
