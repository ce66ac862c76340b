#pragma once
// Sites and sub-operators: where stations stand and which partner runs them. The reconciliation
// reports compare a site's meter with what its stations billed, and the partner export settles
// per sub-operator; a station belongs to at most one site, a site to at most one sub-operator.
// Names are what operators type: a sub-operator's name is unique, a site's is unique when
// added here (older data may repeat one; then "#id" names it).

#include "core/common/clock.h"
#include "core/common/expected.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace cd::storage {

class Database;

struct SubOperatorRow {
    qint64 id = 0;
    QString name;
    QString settlementMode;  // billing::SettlementText::modeName
    qint64 sites = 0;
};

struct SiteRow {
    qint64 id = 0;
    QString name;
    QString address;
    qint64 subOperatorId = 0;  // 0: none
    QString subOperator;
    qint64 stations = 0;
};

class SiteRepository {
    Q_DECLARE_TR_FUNCTIONS(cd::storage::SiteRepository)
public:
    explicit SiteRepository(const Database &db, const Clock &clock = Clock::system());

    // A site by its name, or by "#id".
    Expected<qint64> siteId(const QString &site) const;
    // A sub-operator by its name, or by its id.
    Expected<qint64> subOperatorId(const QString &subOperator) const;

    Expected<qint64> addSubOperator(const QString &name, const QString &settlementMode);
    Expected<qint64> addSite(const QString &name, const QString &address, std::optional<qint64> subOperatorId);
    // Both return what was there before (nullopt: none), for the audit log.
    Expected<std::optional<qint64>> setSiteSubOperator(qint64 siteId, std::optional<qint64> subOperatorId);
    // The station's site; nullopt takes it off its site.
    Expected<std::optional<qint64>> setStationSite(const QString &chargePointId, std::optional<qint64> siteId);

    Expected<QList<SubOperatorRow>> subOperators() const;
    Expected<QList<SiteRow>> sites() const;

private:
    const Database &m_db;
    const Clock &m_clock;
};

}  // namespace cd::storage
