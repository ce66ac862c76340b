#pragma once
// Told when a station message about a session has been committed and answered: the seam through
// which what follows a start, a meter value or a stop (payment holds, balance protection) learns of
// it without ever delaying the station's answer. "Commit first, then answer, then tell."

#include <QList>
#include <QString>

namespace cd::charging {

struct SessionNotice {
    qint64 sessionId = 0;
    QString action;  // the OCPP action that touched the session: "StartTransaction", "MeterValues",
                     // "StopTransaction", "TransactionEvent", …
};

class SessionObserver {
public:
    virtual ~SessionObserver() = default;
    // Runs on the commit thread, outside any transaction, after the station's answer is on its
    // way. Must return at once: post the work to another thread.
    virtual void sessionCommitted(const SessionNotice &notice) = 0;
};

// Tells several observers, in the order they were added. Add them all before registering it.
class SessionObserverFanout final : public SessionObserver {
public:
    void add(SessionObserver *observer) { m_observers.append(observer); }
    void sessionCommitted(const SessionNotice &notice) override
    {
        for (SessionObserver *o : std::as_const(m_observers))
            o->sessionCommitted(notice);
    }

private:
    QList<SessionObserver *> m_observers;
};

}  // namespace cd::charging
