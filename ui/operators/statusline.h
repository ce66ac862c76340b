#pragma once
// The line where the Operators screen says what went wrong (a list that did not load, a refusal):
// plain, wrapping text in the error colour; empty when all is well.

class QLabel;
class QString;
class QWidget;

namespace cd::ui {

QLabel *makeStatusLine(const QString &objectName, QWidget *parent);

}  // namespace cd::ui
