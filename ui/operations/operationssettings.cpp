#include "ui/operations/operationssettings.h"

#include "core/common/appsettings.h"

#include <algorithm>

namespace cd::ui {

namespace {
const QString kOldOpenHours = QStringLiteral("operations/oldOpenHours");
}

int OperationsSettings::oldOpenHours()
{
    const int hours = appSettings().value(kOldOpenHours, kDefaultOldOpenHours).toInt();
    return hours >= 1 && hours <= kMaxOldOpenHours ? hours : kDefaultOldOpenHours;
}

void OperationsSettings::setOldOpenHours(int hours)
{
    appSettings().setValue(kOldOpenHours, std::clamp(hours, 1, kMaxOldOpenHours));
}

}  // namespace cd::ui
