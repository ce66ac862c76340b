#pragma once
// One operator command for a window: queued on the window's QueryRunner (never on the GUI
// thread), then followed until the station answered, it failed or it expired. Woken when any
// command finishes (this process's bus, NOTIFY on PostgreSQL, a short poll on SQLCipher); the row
// then says whether it was this one.

#include "core/commands/commandqueue.h"

#include <QObject>

#include <optional>

namespace cd::storage {
class QueryRunner;
}

namespace cd::commands {

class CommandNotifications;

class CommandCall : public QObject {
    Q_OBJECT
public:
    // `runner` must outlive the call.
    explicit CommandCall(storage::QueryRunner &runner, QObject *parent = nullptr);

    // Queues it (once per call object).
    void submit(const CommandRequest &request);
    std::optional<qint64> commandId() const { return m_commandId; }
    bool isDone() const { return m_done; }

signals:
    void queued(qint64 commandId);
    // `state`: "succeeded", "failed", "expired"; empty when it could not be queued. `result`: the
    // station's answer (JSON text) or why it failed.
    void finished(const QString &state, const QString &result);

private:
    void check();
    void finish(const QString &state, const QString &result);

    storage::QueryRunner &m_runner;
    std::optional<qint64> m_commandId;
    bool m_submitted = false;
    bool m_done = false;
    CommandNotifications *m_wakeups = nullptr;
};

}  // namespace cd::commands
