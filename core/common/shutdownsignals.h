#pragma once
// Turns SIGINT/SIGTERM into a clean QCoreApplication::quit() through a self-pipe, so a
// headless process finishes its current transaction before it exits.

#include <QObject>

class QSocketNotifier;

namespace cd {

class ShutdownSignals : public QObject {
    Q_OBJECT
public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    ~ShutdownSignals() override;

signals:
    void shutdownRequested(int signalNumber);

private:
    void onReadable();
    QSocketNotifier *m_notifier = nullptr;
};

}  // namespace cd
