#pragma once
// The stations that load the server together: created with ids CRASH-01…, each with its own id tag
// (TAG-01…), seed and meter register; connected, counted and checked as one.

#include "loadstation.h"

#include <QObject>
#include <QStringList>

#include <memory>
#include <vector>

namespace cd::test {

class StationFleet : public QObject {
    Q_OBJECT
public:
    StationFleet(int count, quint32 seed, qint64 clockStartMs, QObject *parent = nullptr);

    QStringList idTags() const;
    void connectTo(const QUrl &baseUrl);
    void setLoad(bool on);

    // StartTransaction, MeterValues and StopTransaction acknowledged so far, all stations.
    int acknowledged() const { return m_acknowledged; }
    int replaysAnswered() const;
    bool allClosed() const;
    bool allSettled() const;
    QStringList problems() const;
    QList<const StationLedger *> ledgers() const;

signals:
    void acknowledgedChanged(int total);

private:
    std::vector<std::unique_ptr<LoadStation>> m_stations;
    int m_acknowledged = 0;
};

}  // namespace cd::test
