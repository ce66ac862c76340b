#include "app/cli/dbcommands.h"

#include "core/storage/migrator.h"
#include "core/storage/sqlhelpers.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>

namespace cd::cli {

namespace {

class DbCommands {
    Q_DECLARE_TR_FUNCTIONS(cd::cli::DbCommands)
public:
    static int info(CommandContext &c)
    {
        const storage::Database &db = *c.db;
        const QString engine = db.engineDescription();
        const QString location = db.config().displayName();
        const int version = db.schemaVersion();
        QList<std::pair<QString, qint64>> counts;
        auto tables = storage::Sql::run(db.connection(), db.dialect().listTablesQuery());
        if (!tables) {
            c.out.error(tables.error().message);
            return static_cast<int>(tables.error().code);
        }
        QStringList names;
        while (tables->next())
            names.append(tables->value(0).toString());
        for (const QString &table : names) {
            // Table names come from the catalogue, not from the user.
            auto count = storage::Sql::run(db.connection(), QStringLiteral("SELECT COUNT(*) FROM ") + table);
            counts.append({table, count && count->next() ? count->value(0).toLongLong() : -1});
        }

        if (c.json) {
            QJsonObject tablesJson;
            for (const auto &[name, rows] : counts)
                tablesJson.insert(name, rows);
            c.out.json(QJsonObject{{QStringLiteral("engine"), engine},
                                   {QStringLiteral("location"), location},
                                   {QStringLiteral("schemaVersion"), version},
                                   {QStringLiteral("latestSchemaVersion"), storage::Migrator::latestVersion()},
                                   {QStringLiteral("encrypted"), !db.dialect().isPostgres()},
                                   {QStringLiteral("tables"), tablesJson}});
            return 0;
        }
        c.out.record({{tr("Engine"), engine},
                      {tr("Location"), location},
                      {tr("Schema version"), QString::number(version)},
                      {tr("Tables"), QString::number(counts.size())}});
        return 0;
    }

    static int migrate(CommandContext &c)
    {
        // Database::open already applied every pending migration.
        c.out.line(tr("Schema is at version %1.").arg(c.db->schemaVersion()));
        return 0;
    }
};

}  // namespace

QList<Command> dbCommands()
{
    return {{{QStringLiteral("db"), QStringLiteral("info")}, QString(),
             DbCommands::tr("Show the database engine, location, schema version and row counts."), true,
             &DbCommands::info, true},
            {{QStringLiteral("db"), QStringLiteral("migrate")}, QString(),
             DbCommands::tr("Open the database and apply pending schema migrations."), true, &DbCommands::migrate,
             true}};
}

}  // namespace cd::cli
