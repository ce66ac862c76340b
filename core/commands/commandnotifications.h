#pragma once
// Wake-ups for the command table. In one process a queued or finished command is announced
// at once through a process-wide bus; across processes PostgreSQL NOTIFY carries it
// (channels chargedesk_commands and chargedesk_command_done). SQLCipher has no cross-process
// notification, so there a short poll covers the CLI talking to a running console/server.

#include "core/common/expected.h"

#include <QObject>
#include <QTimer>

#include <chrono>

class QSqlDriver;

namespace cd::storage {
class Database;
}

namespace cd::commands {

class CommandNotifications : public QObject {
    Q_OBJECT
public:
    // pollInterval: how often to look anyway (the only mechanism on SQLCipher across
    // processes; a safety net behind NOTIFY on PostgreSQL).
    CommandNotifications(const storage::Database &db, std::chrono::milliseconds pollInterval,
                         QObject *parent = nullptr);
    ~CommandNotifications() override;

    // Call after the row is committed.
    static void announceQueued(const storage::Database &db, const QString &chargePointId);
    static void announceFinished(const storage::Database &db, qint64 commandId);

signals:
    // chargePointId is empty when the poll timer fired: look at every station.
    void commandQueued(const QString &chargePointId);
    // commandId is 0 when the poll timer fired: look at every command you wait for.
    void commandFinished(qint64 commandId);

private:
    void onDriverNotification(const QString &name, int source, const QVariant &payload);

    QTimer m_poll;
    QSqlDriver *m_driver = nullptr;
};

}  // namespace cd::commands
