#pragma once
// A word-wrapped label that honours its maximum width when a layout asks how tall it
// must be. QLabel answers heightForWidth() for the full width offered, even when it is
// capped narrower, so a capped label gets too few lines of height and is cut off.

#include <QLabel>

namespace cd::ui {

class WrappingLabel : public QLabel {
    Q_OBJECT
public:
    explicit WrappingLabel(QWidget *parent = nullptr);

    int heightForWidth(int width) const override;
};

}  // namespace cd::ui
