#pragma once
// Keeps the console's login session alive: resumes it on a timer well within the service's idle
// timeout (which also refreshes the operator's role), says when it has ended (an administrator
// disabled the account or ended the session, or the database was unreachable for longer than the
// timeout), and logs out when the console logs out or quits. All of it on a worker thread.

#include "core/access/accessservice.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace cd::storage {
class Database;
class QueryRunner;
}  // namespace cd::storage

namespace cd::ui {

class LoginKeeper : public QObject {
    Q_OBJECT
public:
    LoginKeeper(std::shared_ptr<storage::Database> db, access::LoginSession session,
                access::AccessOptions options = {}, QObject *parent = nullptr);
    // Logs out unless logout() already did; waits for the worker.
    ~LoginKeeper() override;

    // The operator as of the last resume (role and permissions refreshed).
    const access::Actor &actor() const { return m_session.actor; }
    // Ends the login session in the database (once).
    void logout();

    // Resumes now rather than at the next tick (tests, waking from sleep).
    void resumeNow();

Q_SIGNALS:
    // The session can no longer be used; `reason` is the service's sentence.
    void ended(const QString &reason);
    // The role or its permissions changed since the last resume.
    void actorChanged(const cd::access::Actor &actor);

private:
    void resumed(Expected<access::Actor> actor);

    access::LoginSession m_session;
    std::unique_ptr<storage::QueryRunner> m_runner;
    QTimer m_timer;
    bool m_loggedOut = false;
};

}  // namespace cd::ui
