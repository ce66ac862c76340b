#pragma once
// In-process writers of one SQLCipher file take turns here, first come first served, before
// BEGIN IMMEDIATE. SQLite's own busy handler polls with growing sleeps, and a busy group-commit
// writer that starts its next transaction at once can starve such a poller past any timeout: an
// operator's command could fail with "database is locked" while stations are busy. Writers of
// other processes still meet SQLite's busy timeout.

#include <QMutex>
#include <QString>
#include <QWaitCondition>

namespace cd::storage {

class WriterGate {
public:
    // The gate of the database file at `path` (one per file per process).
    static WriterGate &forFile(const QString &path);

    // Re-entrant for the thread that holds it (a nested BEGIN then fails in SQLite, as it would
    // without the gate, instead of waiting for itself).
    void lock();
    void unlock();

private:
    QMutex m_mutex;
    QWaitCondition m_turn;
    quint64 m_nextTicket = 0;
    quint64 m_serving = 0;
    Qt::HANDLE m_owner = nullptr;
    int m_depth = 0;
};

}  // namespace cd::storage
