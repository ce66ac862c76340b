#include "core/storage/devicemodelrepository.h"

#include "core/storage/database.h"
#include "core/storage/sqlhelpers.h"

#include <QSqlQuery>
#include <QVariant>

namespace cd::storage {

namespace {

QVariant optionalFlag(const std::optional<bool> &value)
{
    return value ? QVariant(*value ? 1 : 0) : QVariant();
}

}  // namespace

DeviceModelRepository::DeviceModelRepository(const Database &db) : m_db(db) {}

Status DeviceModelRepository::store(qint64 stationId, const QList<DeviceVariable> &variables)
{
    for (const DeviceVariable &v : variables) {
        auto removed = Sql::run(m_db.connection(),
                                QStringLiteral("DELETE FROM device_model WHERE station_id = ? AND component = ? AND "
                                               "component_instance = ? AND COALESCE(evse_id, -1) = ? AND "
                                               "COALESCE(connector_id, -1) = ? AND variable = ? AND variable_instance = ? "
                                               "AND attribute_type = ?"),
                                {stationId, v.component, v.componentInstance, v.evseId.value_or(-1),
                                 v.connectorId.value_or(-1), v.variable, v.variableInstance, v.attributeType});
        if (!removed)
            return removed.error();
        auto added = Sql::run(m_db.connection(),
                              QStringLiteral("INSERT INTO device_model (station_id, component, component_instance, evse_id, "
                                             "connector_id, variable, variable_instance, attribute_type, value, mutability, "
                                             "persistent, constant, data_type, unit, values_list, report_request_id, "
                                             "updated_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
                              {stationId, v.component, v.componentInstance, bindable(v.evseId),
                               bindable(v.connectorId), v.variable, v.variableInstance, v.attributeType,
                               bindable(v.value), v.mutability, optionalFlag(v.persistent), optionalFlag(v.constant),
                               v.dataType, v.unit, v.valuesList, bindable(v.reportRequestId), v.updatedMs});
        if (!added)
            return added.error();
    }
    return {};
}

Expected<QList<DeviceVariable>> DeviceModelRepository::list(qint64 stationId) const
{
    auto q = Sql::run(m_db.connection(),
                      QStringLiteral("SELECT component, component_instance, evse_id, connector_id, variable, "
                                     "variable_instance, attribute_type, value, mutability, persistent, constant, "
                                     "data_type, unit, values_list, report_request_id, updated_ms FROM device_model "
                                     "WHERE station_id = ? ORDER BY component, component_instance, evse_id, connector_id, "
                                     "variable, variable_instance, attribute_type"),
                      {stationId});
    if (!q)
        return q.error();
    QList<DeviceVariable> out;
    while (q->next()) {
        DeviceVariable v;
        v.component = q->value(0).toString();
        v.componentInstance = q->value(1).toString();
        if (!q->isNull(2))
            v.evseId = q->value(2).toInt();
        if (!q->isNull(3))
            v.connectorId = q->value(3).toInt();
        v.variable = q->value(4).toString();
        v.variableInstance = q->value(5).toString();
        v.attributeType = q->value(6).toString();
        if (!q->isNull(7))
            v.value = q->value(7).toString();
        v.mutability = q->value(8).toString();
        if (!q->isNull(9))
            v.persistent = q->value(9).toInt() != 0;
        if (!q->isNull(10))
            v.constant = q->value(10).toInt() != 0;
        v.dataType = q->value(11).toString();
        v.unit = q->value(12).toString();
        v.valuesList = q->value(13).toString();
        if (!q->isNull(14))
            v.reportRequestId = q->value(14).toLongLong();
        v.updatedMs = q->value(15).toLongLong();
        out.append(v);
    }
    return out;
}

}  // namespace cd::storage
