#pragma once
// Finds visible texts that do not fit their widget: labels without word wrap whose text
// is wider or taller than the label's contents, word-wrapped labels too short for their
// text, buttons, combo boxes, group-box titles, read-only line edits, and item-view rows
// (the navigation) narrower than their delegate needs.

#include <QString>
#include <QStringList>

class QWidget;

namespace cd::test {

// One line per offender: "<objectName or class> \"<text>\": needs 212 px, has 180 px".
QStringList clippedTexts(QWidget *root);

}  // namespace cd::test
