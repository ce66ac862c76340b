#pragma once
// A station's device model (OCPP 2.0.1 NotifyReport): one row per component, variable and
// attribute type. A newer report of the same attribute replaces the row.

#include "core/common/expected.h"

#include <QList>
#include <QString>

#include <optional>

namespace cd::storage {

class Database;

struct DeviceVariable {
    QString component;
    QString componentInstance;
    std::optional<int> evseId;
    std::optional<int> connectorId;
    QString variable;
    QString variableInstance;
    QString attributeType = QStringLiteral("Actual");  // Actual, Target, MinSet, MaxSet
    std::optional<QString> value;                       // absent: the station did not report one
    QString mutability;                                 // ReadOnly, WriteOnly, ReadWrite
    std::optional<bool> persistent;
    std::optional<bool> constant;
    QString dataType;
    QString unit;
    QString valuesList;
    std::optional<qint64> reportRequestId;
    qint64 updatedMs = 0;
};

class DeviceModelRepository {
public:
    explicit DeviceModelRepository(const Database &db);

    // Replaces each variable's row (same component, instance, EVSE, connector, variable,
    // instance and attribute type) with the given one. Runs in the caller's transaction.
    Status store(qint64 stationId, const QList<DeviceVariable> &variables);
    // Sorted by component, EVSE, connector, variable, attribute type.
    Expected<QList<DeviceVariable>> list(qint64 stationId) const;

private:
    const Database &m_db;
};

}  // namespace cd::storage
