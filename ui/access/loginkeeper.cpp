#include "ui/access/loginkeeper.h"

#include "core/storage/queryrunner.h"

namespace cd::ui {

LoginKeeper::LoginKeeper(std::shared_ptr<storage::Database> db, access::LoginSession session,
                         access::AccessOptions options, QObject *parent)
    : QObject(parent), m_session(std::move(session)), m_runner(std::make_unique<storage::QueryRunner>(std::move(db)))
{
    // Three chances before the session would count as idle.
    m_timer.setInterval(std::chrono::milliseconds(qMax<qint64>(1000, options.idleTimeoutMs / 3)));
    connect(&m_timer, &QTimer::timeout, this, &LoginKeeper::resumeNow);
    m_timer.start();
}

LoginKeeper::~LoginKeeper()
{
    logout();
    m_runner.reset();  // waits for the logout to be written
}

void LoginKeeper::logout()
{
    if (m_loggedOut)
        return;
    m_loggedOut = true;
    m_timer.stop();
    m_runner->run<Status>(
        this,
        [token = m_session.token](const std::shared_ptr<storage::Database> &db) {
            return access::AccessService(*db).logout(token);
        },
        [](Status) {});
}

void LoginKeeper::resumeNow()
{
    if (m_loggedOut)
        return;
    m_runner->run<Expected<access::Actor>>(
        this,
        [token = m_session.token](const std::shared_ptr<storage::Database> &db) {
            return access::AccessService(*db).resume(token);
        },
        [this](Expected<access::Actor> actor) { resumed(std::move(actor)); });
}

void LoginKeeper::resumed(Expected<access::Actor> actor)
{
    if (m_loggedOut)
        return;
    if (!actor) {
        // A database that is only unreachable is retried at the next tick; a refusal says
        // "ended", "expired" or "disabled" in the service's words, which is all the operator needs.
        if (actor.error().code != ExitCode::Forbidden)
            return;
        m_loggedOut = true;
        m_timer.stop();
        Q_EMIT ended(actor.error().message);
        return;
    }
    const bool changed = actor->role() != m_session.actor.role() || actor->permissions() != m_session.actor.permissions();
    m_session.actor = std::move(actor.value());
    if (changed)
        Q_EMIT actorChanged(m_session.actor);
}

}  // namespace cd::ui
