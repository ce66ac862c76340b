#pragma once
// Hides the controls of an action the operator's role does not include. Convenience only: the
// core services refuse the action anyway; hiding (not disabling) keeps the screens' own
// enable-on-selection logic untouched.

#include "core/access/actor.h"

#include <QWidget>

#include <initializer_list>

namespace cd::ui {

inline void showOnlyIfAllowed(const access::Actor &actor, access::Permission permission,
                              std::initializer_list<QWidget *> widgets)
{
    if (actor.allows(permission))
        return;
    for (QWidget *widget : widgets)
        widget->hide();
}

}  // namespace cd::ui
