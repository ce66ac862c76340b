#include "app/cli/cliapp.h"

#include "app/cli/accountcommands.h"
#include "app/cli/alertcommands.h"
#include "app/cli/auditcommands.h"
#include "app/cli/billcommands.h"
#include "app/cli/billcorrectcommands.h"
#include "app/cli/commandcommands.h"
#include "app/cli/commandscreens.h"
#include "app/cli/sessioncommands.h"
#include "app/cli/tagcommands.h"
#include "app/cli/tariffcommands.h"
#include "app/cli/txactioncommands.h"
#include "app/cli/dbcommands.h"
#include "app/cli/keycommands.h"
#include "app/cli/operatorcommands.h"
#include "app/cli/passwordprompt.h"
#include "app/cli/refundcommands.h"
#include "app/cli/reconciliationcommands.h"
#include "app/cli/reportcommands.h"
#include "app/cli/sitecommands.h"
#include "app/cli/stationcommands.h"
#include "core/access/accessguard.h"
#include "core/access/accessservice.h"
#include "core/i18n/language.h"
#include "core/i18n/languageoption.h"
#include "core/i18n/languagesettings.h"
#include "core/i18n/translationmanager.h"
#include "core/storage/databaseoptions.h"

#include <QCommandLineParser>
#include <QProcessEnvironment>

namespace cd::cli {


CliApp::CliApp() = default;

QList<Command> CliApp::commands()
{
    return keyCommands() + dbCommands() + stationCommands() + auditCommands() + commandCommands() + sessionCommands()
           + txActionCommands() + tagCommands() + alertCommands() + billCommands() + billCorrectCommands() + accountCommands()
           + tariffCommands() + refundCommands() + reportCommands() + reconciliationCommands() + siteCommands()
           + operatorCommands();
}

void CliApp::addOptions(QCommandLineParser &parser) const
{
    parser.setApplicationDescription(tr("ChargeDesk command line: scripting and accounting.") + u"\n\n"
                                     + commandList());
    parser.addHelpOption();
    parser.addVersionOption();
    storage::DatabaseOptions::addTo(parser);
    parser.addOption({QStringLiteral("json"), tr("Print machine-readable JSON.")});
    parser.addOption(i18n::languageOption());
    parser.addOption({QStringLiteral("operator"),
                      tr("Name recorded in the audit log (default: cli:<user>); only while the database has no operators."),
                      tr("name")});
    parser.addOption({QStringLiteral("as"),
                      tr("Log in as this operator (password from CHARGEDESK_PASSWORD, or asked for); required once the "
                         "database has operators."),
                      tr("login")});
    parser.addOption({QStringLiteral("role"), tr("An operator's role: support, site_manager, accountant, administrator or a "
                                                 "custom one."),
                      tr("role")});
    parser.addOption({QStringLiteral("max-logins"), tr("How many times an operator may be logged in at once (default 1)."),
                      tr("N")});
    parser.addOption({QStringLiteral("out"), tr("Output file."), tr("path")});
    parser.addOption({QStringLiteral("name"), tr("Display name."), tr("text")});
    parser.addOption({QStringLiteral("vendor"), tr("Station vendor."), tr("text")});
    parser.addOption({QStringLiteral("model"), tr("Station model."), tr("text")});
    parser.addOption({QStringLiteral("firmware"), tr("Station firmware version."), tr("text")});
    parser.addOption({QStringLiteral("address"), tr("Street address."), tr("text")});
    parser.addOption({QStringLiteral("lat"), tr("Latitude in degrees."), tr("number")});
    parser.addOption({QStringLiteral("lon"), tr("Longitude in degrees."), tr("number")});
    parser.addOption({QStringLiteral("hidden"), tr("Hide the station from the public map (it stays in reports).")});
    parser.addOption({QStringLiteral("search"), tr("Only rows matching this text."), tr("text")});
    parser.addOption({QStringLiteral("last"), tr("Only the newest N rows."), tr("N")});
    parser.addOption({QStringLiteral("from"), tr("From this time on (ISO 8601, e.g. 2026-11-23T08:00:00Z)."), tr("time")});
    parser.addOption({QStringLiteral("to"), tr("Up to this time (ISO 8601)."), tr("time")});
    parser.addOption({QStringLiteral("param"), tr("A command parameter, key=value (repeatable; JSON values allowed)."),
                      tr("key=value")});
    parser.addOption({QStringLiteral("payload"), tr("A command's whole payload as a JSON object."), tr("json")});
    parser.addOption({QStringLiteral("wait-offline"), tr("Keep the command queued until the station connects.")});
    parser.addOption({QStringLiteral("timeout"), tr("Seconds to wait for the station's answer (default 90)."),
                      tr("seconds")});
    parser.addOption({QStringLiteral("open"), tr("Only open sessions.")});
    parser.addOption({QStringLiteral("old-open"), tr("Only sessions open for long (the station never sent Stop).")});
    parser.addOption({QStringLiteral("older-than-hours"), tr("What counts as old for --old-open (default 24)."),
                      tr("hours")});
    parser.addOption({QStringLiteral("kind"), tr("Id tag kind: card, app or department."), tr("kind")});
    parser.addOption({QStringLiteral("status"), tr("Id tag status: Accepted, Blocked or Expired; anomaly bills: open, resolved or all."),
                      tr("status")});
    parser.addOption({QStringLiteral("expires"), tr("When the id tag expires (ISO 8601)."), tr("date")});
    parser.addOption({QStringLiteral("parent"), tr("Parent id tag (a group or department)."), tr("tag")});
    parser.addOption({QStringLiteral("max-sessions"), tr("Sessions an id tag may run at once (department cards)."),
                      tr("N")});
    parser.addOption({QStringLiteral("password"), tr("The station's Basic-auth password (security profile 1)."),
                      tr("password")});
    parser.addOption({QStringLiteral("reason"), tr("Why the change is made (kept in the audit log)."), tr("text")});
    parser.addOption({QStringLiteral("dry-run"), tr("Show what would happen (to money too) and change nothing.")});
    parser.addOption({QStringLiteral("amount"), tr("An amount in the session's currency, e.g. 12.50."), tr("amount")});
    parser.addOption({QStringLiteral("energy-wh"), tr("An energy counter in Wh."), tr("Wh")});
    parser.addOption({QStringLiteral("energy-kwh"), tr("An energy in kWh, e.g. 12345.678 (meter readings)."), tr("kWh")});
    parser.addOption({QStringLiteral("recompute"), tr("Recompute the session's amount from the tariff.")});
    parser.addOption({QStringLiteral("mode"), tr("Status change mode: soft (keeps priorities) or override."), tr("mode")});
    parser.addOption({QStringLiteral("hard"), tr("A hard reset (1.6 Hard, 2.0.1 Immediate) instead of a soft one.")});
    parser.addOption({QStringLiteral("state"), tr("Alert state: open, acknowledged, resolved, active or all."),
                      tr("state")});
    parser.addOption({QStringLiteral("note"), tr("A note for the alert's history."), tr("text")});
    parser.addOption({QStringLiteral("phone"), tr("A member's phone number."), tr("number")});
    parser.addOption({QStringLiteral("email"), tr("A member's e-mail address."), tr("address")});
    parser.addOption({QStringLiteral("department"), tr("A department's id."), tr("id")});
    parser.addOption({QStringLiteral("member"), tr("A member's id."), tr("id")});
    parser.addOption({QStringLiteral("threshold"), tr("Auto-stop threshold: stop charging when this much is left."),
                      tr("amount")});
    parser.addOption({QStringLiteral("currency"), tr("ISO 4217 currency (default: the one in Settings › Payments)."),
                      tr("code")});
    parser.addOption({QStringLiteral("receipt"), tr("The top-up's receipt number."), tr("text")});
    parser.addOption({QStringLiteral("gateway"), tr("The payment gateway that took the money (default: manual)."),
                      tr("name")});
    parser.addOption({QStringLiteral("trigger"), tr("What issues the coupon: topup or new_member."), tr("trigger")});
    parser.addOption({QStringLiteral("min-topup"), tr("The top-up that earns the coupon, e.g. 100.00."), tr("amount")});
    parser.addOption({QStringLiteral("min-total-spend"),
                      tr("The spend in the rule's period that earns the coupon (trigger spend), e.g. 300.00."), tr("amount")});
    parser.addOption({QStringLiteral("min-spend"), tr("The bill a coupon needs to apply, e.g. 20.00."), tr("amount")});
    parser.addOption({QStringLiteral("sub-operator"), tr("A sub-operator: its name or its id."), tr("name")});
    parser.addOption({QStringLiteral("settlement-mode"),
                      tr("How a sub-operator's bills with anomalies settle: settle_first or hold_until_corrected."),
                      tr("mode")});
    parser.addOption({QStringLiteral("station-id"), tr("A station's id."), tr("id")});
    parser.addOption({QStringLiteral("site"), tr("A site's name (reports)."), tr("name")});
    parser.addOption({QStringLiteral("group-by"), tr("Report rows per site, station, vendor, firmware or sub-operator."),
                      tr("group")});
    parser.addOption({QStringLiteral("bucket"), tr("Split a report by day, week or month."), tr("bucket")});
    parser.addOption({QStringLiteral("threshold-percent"), tr("Flag report rows below this percentage."), tr("N")});
    parser.addOption({QStringLiteral("valid-days"), tr("Days a coupon stays valid after it is issued."), tr("N")});
    parser.addOption({QStringLiteral("method"),
                      tr("Bill correction method: estimate, station, manual, service-end, tariff or revert."), tr("method")});
    parser.addOption({QStringLiteral("tariff-id"), tr("A tariff version's id."), tr("id")});
    parser.addOption({QStringLiteral("to-bill"), tr("The bill version to go back to (bill correct --method revert)."),
                      tr("id")});
    parser.addOption({QStringLiteral("code"), tr("Anomaly code (repeatable, or several separated by commas)."), tr("N")});
    parser.addOption({QStringLiteral("station"), tr("A station's charge point id."), tr("id")});
    parser.addOption({QStringLiteral("limit"), tr("At most N rows."), tr("N")});
    parser.addOption({QStringLiteral("by"), tr("Statistics period: day, week or month."), tr("period")});
    parser.addOption({QStringLiteral("csv"), tr("Print CSV (or write it to --out).")});
    parser.addOption({QStringLiteral("history"), tr("Every version, not only the ones in force (tariff list).")});
    parser.addOption({QStringLiteral("commission"), tr("The commission kept from a refund, e.g. 2.00."), tr("amount")});
    parser.addOption({QStringLiteral("keep-coupons"), tr("Keep the coupons the refunded top-ups earned (default: revoke them).")});
    parser.addOption({QStringLiteral("not-paid"), tr("The cash refund was not paid at the desk: the money goes back to the member.")});
    parser.addOption({QStringLiteral("before"), tr("Only rows older than this id (paging, newest first)."), tr("id")});
    parser.addOption({QStringLiteral("format"), tr("Report file format: csv, xlsx, pdf or json."), tr("format")});
    parser.addPositionalArgument(QStringLiteral("command"), tr("What to do; see the list above."),
                                 tr("<group> <verb> [arguments]"));
}

QString CliApp::commandList() const
{
    QString text = tr("Commands:") + u'\n';
    for (const Command &c : m_commands) {
        const QString head = c.words.join(u' ') + (c.usage.isEmpty() ? QString() : u' ' + c.usage);
        // Long command lines put their summary on the next line, aligned with the others.
        if (head.size() > 34)
            text += QStringLiteral("  ") + head + u'\n' + QString(37, u' ') + c.summary + u'\n';
        else
            text += QStringLiteral("  ") + head.leftJustified(34) + u' ' + c.summary + u'\n';
    }
    return text;
}

int CliApp::run(const QStringList &arguments)
{
    QCoreApplication::setOrganizationName(QStringLiteral("ChargeDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("ChargeDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHARGEDESK_VERSION));

    // Language first, so that help and errors come out in it.
    i18n::TranslationManager translations(QCoreApplication::instance());
    translations.setLanguage(i18n::startupLanguage(i18n::languageArgument(arguments)));
    // Built after the language is installed: the summaries are translated here.
    m_commands = commands();

    CliOutput out;
    QCommandLineParser parser;
    addOptions(parser);
    if (!parser.parse(arguments)) {
        out.error(parser.errorText());
        return static_cast<int>(ExitCode::Usage);
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out.line(parser.helpText());
        return 0;
    }
    if (const QString lang = parser.value(QStringLiteral("lang")); !lang.isEmpty() && !i18n::isSupportedLanguage(lang)) {
        out.error(i18n::unsupportedLanguageMessage(lang));
        return static_cast<int>(ExitCode::Usage);
    }
    if (parser.isSet(QStringLiteral("version"))) {
        out.line(QStringLiteral("chargedesk-cli ") + QCoreApplication::applicationVersion());
        return 0;
    }

    const QStringList positional = parser.positionalArguments();
    const Command *command = nullptr;
    for (const Command &c : m_commands) {
        if (positional.mid(0, c.words.size()) == c.words && (!command || c.words.size() > command->words.size()))
            command = &c;
    }
    if (!command) {
        out.error(positional.isEmpty() ? tr("No command given.") : tr("Unknown command: %1").arg(positional.join(u' ')));
        out.error(commandList());
        return static_cast<int>(ExitCode::Usage);
    }

    QString operatorName = parser.value(QStringLiteral("operator"));
    if (operatorName.isEmpty()) {
        const auto env = QProcessEnvironment::systemEnvironment();
        operatorName = QStringLiteral("cli:") + env.value(QStringLiteral("USER"), QStringLiteral("unknown"));
    }
    CommandContext context{parser, positional.mid(command->words.size()), out, parser.isSet(QStringLiteral("json")),
                           operatorName, access::Actor(operatorName), {}};
    if (command->needsDatabase) {
        auto config = storage::DatabaseOptions::read(parser);
        if (!config) {
            out.error(config.error().message);
            return static_cast<int>(config.error().code);
        }
        auto db = storage::Database::open(*config);
        if (!db) {
            out.error(db.error().message);
            return static_cast<int>(db.error().code);
        }
        context.db = *db;
        if (const int code = resolveActor(*command, context); code != 0)
            return code;
        if (const int code = checkScreens(*command, context); code != 0)
            return code;
    }
    return command->run(context);
}

int CliApp::resolveActor(const Command &command, CommandContext &context) const
{
    const QCommandLineParser &parser = context.parser;
    context.actor = access::Actor(context.operatorName);
    access::AccessService access(*context.db);
    auto hasOperators = access.hasOperators();
    if (!hasOperators)
        return fail(context, hasOperators.error());
    const QString login = parser.value(QStringLiteral("as")).trimmed();
    if (login.isEmpty()) {
        if (*hasOperators && !command.withoutLogin)
            return fail(context, Error{ExitCode::Forbidden,
                                       tr("This database has operator accounts: log in with --as LOGIN (the password "
                                          "comes from CHARGEDESK_PASSWORD, or is asked for).")});
        return 0;
    }
    if (parser.isSet(QStringLiteral("operator")))
        return fail(context, Error{ExitCode::Usage, tr("--as and --operator do not go together: the audit log records "
                                                       "the operator who logged in.")});
    if (!*hasOperators)
        return fail(context, Error{ExitCode::Failure, tr("There are no operators yet: add the first administrator with "
                                                         "chargedesk-cli operator add LOGIN.")});
    auto password = PasswordPrompt::read("CHARGEDESK_PASSWORD", tr("Password for %1: ").arg(login));
    if (!password)
        return fail(context, password.error());
    auto actor = access.authenticate(login, *password);
    if (!actor)
        return fail(context, actor.error());
    context.actor = *actor;
    context.operatorName = actor->name();
    return 0;
}

int CliApp::checkScreens(const Command &command, CommandContext &context) const
{
    const auto screens = CommandScreens::of(command.words);
    if (!screens)  // a command missing from the table is refused, never let through
        return fail(context, Error{ExitCode::Failure, tr("Internal error: the command \"%1\" belongs to no screen.")
                                                          .arg(command.words.join(u' '))});
    if (Status allowed = access::AccessGuard(*context.db).requireAny(context.actor, *screens); !allowed)
        return fail(context, allowed.error());
    return 0;
}

}  // namespace cd::cli
