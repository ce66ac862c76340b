#pragma once
// Building blocks of the Settings screen's sections: a heading above a card that holds a form.

#include <QString>

class QFormLayout;
class QFrame;
class QLabel;
class QWidget;

namespace cd::ui::settingsform {

// A selectable plain-text value.
QLabel *valueLabel(const QString &objectName, QWidget *parent);
// A muted, wrapping explanation under a form.
QLabel *noteLabel(const QString &objectName, QWidget *parent);
QLabel *sectionHeading(const QString &objectName, QWidget *parent);
// A card (a QFrame styled as one) named `objectName`.
QFrame *card(const QString &objectName, QWidget *parent);
// The section: its heading, then the card.
QWidget *section(QLabel *heading, QFrame *card);
// The card's form layout.
QFormLayout *cardForm(QFrame *card);
// A label for `field`, added as a row; its text is set on retranslation.
QLabel *addRow(QFormLayout *form, const QString &objectName, QWidget *field);

}  // namespace cd::ui::settingsform
