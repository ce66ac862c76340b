#pragma once
// The dashboard's numbers in a handful of aggregate statements (cheap with a million sessions:
// "today" is a range on the indexed created_ms). Station states follow
// charging::stationCondition (core/charging/stationcondition.h): offline, faulted, charging.

#include "core/common/expected.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace cd::storage {

class Database;

struct CurrencyAmount {
    QString currency;
    qint64 amountMinor = 0;
};

struct DashboardFigures {
    int stations = 0;
    int online = 0;        // connected now (faulted and charging ones included)
    int offline = 0;
    int faulted = 0;       // online with a Faulted connector
    int charging = 0;      // online, not faulted, a connector charging
    int sessionsToday = 0;             // sessions created in [dayStartMs, dayEndMs)
    qint64 energyTodayWh = 0;          // their energy so far (running ones included)
    QList<CurrencyAmount> revenueToday;  // their amounts per currency, by currency code
    int anomalyBillsWaiting = 0;       // bills with an anomaly not yet resolved
    int openAlerts = 0;                // alerts open or acknowledged, not yet resolved (core/alerts)
};

class DashboardRepository {
    Q_DECLARE_TR_FUNCTIONS(cd::storage::DashboardRepository)
public:
    explicit DashboardRepository(const Database &db);

    Expected<DashboardFigures> figures(qint64 dayStartMs, qint64 dayEndMs) const;

private:
    const Database &m_db;
};

}  // namespace cd::storage
