#include "core/commands/commandnotifications.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlDriver>

namespace cd::commands {

namespace {

const QString kQueuedChannel = QStringLiteral("chargedesk_commands");
const QString kFinishedChannel = QStringLiteral("chargedesk_command_done");

// Announcements within this process, delivered to every CommandNotifications (any thread).
class LocalBus : public QObject {
    Q_OBJECT
public:
    static LocalBus &instance()
    {
        static LocalBus bus;
        return bus;
    }
signals:
    void queued(const QString &chargePointId);
    void finished(qint64 commandId);
};

void notify(const storage::Database &db, const QString &channel, const QString &payload)
{
    const QString sql = db.dialect().notifyStatement();
    if (sql.isEmpty())
        return;
    if (auto q = storage::Sql::run(db.connection(), sql, {channel, payload}); !q)
        qWarning("Cannot announce on %s: %s", qPrintable(channel), qPrintable(q.error().message));
}

// Without NOTIFY the poll is all there is: often enough for an operator waiting on a command.
constexpr std::chrono::milliseconds kPollWithoutNotify{1000};

}  // namespace

CommandNotifications::CommandNotifications(const storage::Database &db, std::chrono::milliseconds pollInterval,
                                           QObject *parent)
    : QObject(parent)
{
    connect(&LocalBus::instance(), &LocalBus::queued, this, &CommandNotifications::commandQueued);
    connect(&LocalBus::instance(), &LocalBus::finished, this, &CommandNotifications::commandFinished);

    if (db.dialect().isPostgres()) {
        m_driver = db.connection().driver();
        if (m_driver && m_driver->subscribeToNotification(kQueuedChannel)
            && m_driver->subscribeToNotification(kFinishedChannel)) {
            connect(m_driver, &QSqlDriver::notification, this,
                    [this](const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload) {
                        onDriverNotification(name, static_cast<int>(source), payload);
                    });
        } else {
            qWarning("PostgreSQL LISTEN failed; commands are picked up by polling only.");
            m_driver = nullptr;
            pollInterval = std::min(pollInterval, kPollWithoutNotify);
        }
    }
    m_poll.setInterval(pollInterval);
    connect(&m_poll, &QTimer::timeout, this, [this] {
        emit commandQueued(QString());
        emit commandFinished(0);
    });
    m_poll.start();
}

CommandNotifications::~CommandNotifications()
{
    if (m_driver) {
        m_driver->unsubscribeFromNotification(kQueuedChannel);
        m_driver->unsubscribeFromNotification(kFinishedChannel);
    }
}

void CommandNotifications::onDriverNotification(const QString &name, int, const QVariant &payload)
{
    if (name == kQueuedChannel)
        emit commandQueued(payload.toString());
    else if (name == kFinishedChannel)
        emit commandFinished(payload.toLongLong());
}

void CommandNotifications::announceQueued(const storage::Database &db, const QString &chargePointId)
{
    emit LocalBus::instance().queued(chargePointId);
    notify(db, kQueuedChannel, chargePointId);
}

void CommandNotifications::announceFinished(const storage::Database &db, qint64 commandId)
{
    emit LocalBus::instance().finished(commandId);
    notify(db, kFinishedChannel, QString::number(commandId));
}

}  // namespace cd::commands

#include "commandnotifications.moc"
