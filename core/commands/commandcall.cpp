#include "core/commands/commandcall.h"

#include "core/commands/commandnotifications.h"
#include "core/storage/commandrepository.h"
#include "core/storage/database.h"
#include "core/storage/queryrunner.h"

namespace cd::commands {

namespace {

constexpr std::chrono::milliseconds kPoll{1000};

struct Outcome {
    QString state;   // "queued", "sent", "succeeded", ... or empty with an error
    QString result;  // the station's answer, or why it failed
    QString error;
};

}  // namespace

CommandCall::CommandCall(storage::QueryRunner &runner, QObject *parent) : QObject(parent), m_runner(runner)
{
}

void CommandCall::submit(const CommandRequest &request)
{
    if (m_submitted)
        return;
    m_submitted = true;
    m_runner.run<Expected<qint64>>(
        this, [request](const std::shared_ptr<storage::Database> &db) { return CommandQueue(*db).submit(request); },
        [this](Expected<qint64> id) {
            if (!id) {
                finish(QString(), id.error().message);
                return;
            }
            m_commandId = *id;
            emit queued(*id);
            m_wakeups = new CommandNotifications(*m_runner.database(), kPoll, this);
            connect(m_wakeups, &CommandNotifications::commandFinished, this, [this](qint64 finishedId) {
                if (finishedId == 0 || (m_commandId && finishedId == *m_commandId))
                    check();
            });
            check();
        });
}

void CommandCall::check()
{
    if (!m_commandId || m_done)
        return;
    const qint64 id = *m_commandId;
    m_runner.run<Outcome>(
        this,
        [id](const std::shared_ptr<storage::Database> &db) {
            auto record = CommandQueue(*db).get(id);
            if (!record)
                return Outcome{{}, {}, record.error().message};
            return Outcome{storage::CommandRecord::stateName(record->state), record->result, {}};
        },
        [this](Outcome outcome) {
            if (m_done)
                return;
            if (!outcome.error.isEmpty())
                finish(QString(), outcome.error);
            else if (outcome.state != u"queued" && outcome.state != u"sent")
                finish(outcome.state, outcome.result);
        });
}

void CommandCall::finish(const QString &state, const QString &result)
{
    m_done = true;
    if (m_wakeups)
        m_wakeups->deleteLater();
    m_wakeups = nullptr;
    emit finished(state, result);
}

}  // namespace cd::commands
