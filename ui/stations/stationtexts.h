#pragma once
// OCPP status names as operators read them, in their language: connector statuses (1.6 and
// 2.0.1) and registration statuses. Unknown names come back as sent.

#include <QCoreApplication>
#include <QString>

namespace cd::ui {

class StationTexts {
    Q_DECLARE_TR_FUNCTIONS(cd::ui::StationTexts)
public:
    static QString connectorStatus(const QString &ocppName);
    static QString registrationStatus(const QString &ocppName);
};

}  // namespace cd::ui
