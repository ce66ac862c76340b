#pragma once
// The server side of commands: for every station connected to this process, claim its
// queued commands, send them over the station's RPC endpoint (one outstanding CALL per
// station; the endpoint queues the rest), and write the answer back.

#include "core/common/clock.h"
#include "core/server/stationlink.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <chrono>

namespace cd::storage {
class Database;
struct CommandRecord;
}

namespace cd::commands {

class CommandNotifications;

struct ExecutorOptions {
    QString nodeName;  // identifies this process in commands.owner_node; stable across restarts
    std::chrono::milliseconds pollInterval{1000};
    std::chrono::milliseconds callTimeout{60000};
};

class CommandExecutor : public QObject, public server::StationSessionHandler {
    Q_OBJECT
public:
    CommandExecutor(const storage::Database &db, ExecutorOptions options, const Clock &clock = Clock::system(),
                    QObject *parent = nullptr);
    ~CommandExecutor() override;

    // Fails the commands a previous run of this node left in "sent" (nobody can answer them
    // now) and starts listening for new commands. (Whether a station is online is the charging
    // service's record, stations.connected_since_ms.)
    void start();

    void stationConnected(server::StationLink &link) override;
    void stationDisconnected(server::StationLink &link, const QString &reason) override;

    qsizetype connectedCount() const { return m_links.size(); }

signals:
    void commandFinished(qint64 id);

private:
    void dispatch(const QString &chargePointId);
    void execute(server::StationLink &link, const storage::CommandRecord &command);

    const storage::Database &m_db;
    ExecutorOptions m_options;
    const Clock &m_clock;
    CommandNotifications *m_notifications = nullptr;
    QHash<QString, QPointer<server::StationLink>> m_links;
};

}  // namespace cd::commands
