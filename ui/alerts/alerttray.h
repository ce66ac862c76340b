#pragma once
// Tells the operator when a new alert opens, wherever it was found (this console's station
// server, a headless server on the same PostgreSQL database): polls the newest alerts every few
// seconds and shows a tray notification where the desktop has a system tray. The alerts that
// existed when the console started are not announced. Clicking the notification asks for the
// Alerts screen (openRequested).

#include "core/alerts/alerttypes.h"
#include "ui/shell/consoleservices.h"

#include <QObject>

#include <memory>
#include <optional>

class QSystemTrayIcon;
class QTimer;

namespace cd::storage {
class QueryRunner;
}

namespace cd::ui {

class AlertTray : public QObject {
    Q_OBJECT
public:
    explicit AlertTray(const ConsoleServices &services, QObject *parent = nullptr);
    ~AlertTray() override;

    // Looks for new alerts now (also every few seconds).
    void poll();
    // Whether notifications go to a system tray icon (false on desktops without one, offscreen).
    bool hasTrayIcon() const { return m_icon != nullptr; }

signals:
    void alertsOpened(const QList<cd::alerts::Alert> &alerts);
    void openRequested();

private:
    std::unique_ptr<storage::QueryRunner> m_runner;
    QSystemTrayIcon *m_icon = nullptr;
    QTimer *m_timer = nullptr;
    std::optional<qint64> m_newestSeen;  // unset until the first poll
    bool m_polling = false;
};

}  // namespace cd::ui
