#include "app/cli/txactioncommands.h"

#include "app/cli/optionvalues.h"

#include "core/billing/tariffsessionpricing.h"
#include "core/charging/chargingqueries.h"
#include "core/payments/holdservice.h"
#include "core/payments/moneytext.h"
#include "core/payments/paymentsettings.h"
#include "core/payments/secretstore.h"
#include "core/sessions/sessionactions.h"

#include <QEventLoop>
#include <QJsonObject>
#include <QSettings>
#include <QTimer>

namespace cd::cli {

namespace {

class TxActionCommands {
    Q_DECLARE_TR_FUNCTIONS(cd::cli::TxActionCommands)
public:
    static int finish(CommandContext &c) { return run(c, sessions::ActionKind::Finish); }
    static int cancelHold(CommandContext &c) { return run(c, sessions::ActionKind::CancelHold); }
    static int finalize(CommandContext &c) { return run(c, sessions::ActionKind::Finalize); }
    static int setEnergy(CommandContext &c) { return run(c, sessions::ActionKind::SetEnergy); }
    static int setStatus(CommandContext &c) { return run(c, sessions::ActionKind::ChangeStatus); }
    static int start(CommandContext &c) { return run(c, sessions::ActionKind::Start); }
    static int stop(CommandContext &c) { return run(c, sessions::ActionKind::Stop); }
    static int reset(CommandContext &c) { return run(c, sessions::ActionKind::Reset); }

private:
    // The secret key of the HTTP gateway from the keychain (a CLI may wait for it).
    static QString httpSecret(const payments::PaymentSettings &settings)
    {
        payments::KeychainSecretStore store;
        QEventLoop loop;
        QString secret;
        store.read(payments::PaymentSettings::secretName(settings.baseUrl), [&](const Expected<QString> &read) {
            if (read)
                secret = *read;
            loop.quit();
        });
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);
        loop.exec();
        return secret;
    }

    static Expected<sessions::ActionRequest> request(CommandContext &c, sessions::ActionKind kind, qint64 sessionId,
                                                     const QString &currency)
    {
        sessions::ActionRequest r;
        r.kind = kind;
        r.sessionId = sessionId;
        const QString amount = c.parser.value(QStringLiteral("amount"));
        if (kind == sessions::ActionKind::Finalize && !amount.isEmpty()) {
            auto minor = OptionValues::amount(c.parser, QStringLiteral("amount"), currency);
            if (!minor)
                return minor.error();
            r.amountMinor = *minor;
        }
        if (kind == sessions::ActionKind::SetEnergy) {
            const QString energy = c.parser.value(QStringLiteral("energy-wh"));
            bool ok = false;
            const qint64 wh = energy.toLongLong(&ok);
            if (!ok)
                return Error{ExitCode::Usage, tr("set-energy needs --energy-wh with a whole number of Wh.")};
            r.energyWh = wh;
            r.recompute = c.parser.isSet(QStringLiteral("recompute"));
        }
        if (kind == sessions::ActionKind::ChangeStatus) {
            r.status = c.parser.value(QStringLiteral("status"));
            if (r.status.isEmpty())
                return Error{ExitCode::Usage, tr("set-status needs --status, e.g. --status finished.")};
            const QString mode = c.parser.value(QStringLiteral("mode"));
            const auto parsed = sessions::changeModeFromName(mode.isEmpty() ? QStringLiteral("soft") : mode);
            if (!parsed)
                return Error{ExitCode::Usage, tr("--mode must be soft or override.")};
            r.mode = *parsed;
        }
        r.hardReset = kind == sessions::ActionKind::Reset && c.parser.isSet(QStringLiteral("hard"));
        return r;
    }

    static int run(CommandContext &c, sessions::ActionKind kind)
    {
        if (c.args.size() != 1) {
            return fail(c, Error{ExitCode::Usage, tr("Usage: chargedesk-cli tx %1 <session id or number> --reason TEXT [--dry-run]")
                                                      .arg(sessions::actionKindName(kind))});
        }
        charging::ChargingQueries queries(c.db);
        auto found = queries.findSession(c.args.first());
        if (!found)
            return fail(c, found.error());
        if (!found->has_value())
            return fail(c, Error{ExitCode::Failure, tr("No session %1.").arg(c.args.first())});
        const storage::Session &session = **found;

        auto req = request(c, kind, session.id, session.currency);
        if (!req)
            return fail(c, req.error());
        const bool dryRun = c.parser.isSet(QStringLiteral("dry-run"));
        const QString reason = c.parser.value(QStringLiteral("reason")).trimmed();
        if (!dryRun && reason.isEmpty())
            return fail(c, Error{ExitCode::Usage, tr("--reason is required: it is kept in the audit log.")});

        const QSettings settings;
        const payments::PaymentSettings paymentSettings = payments::PaymentSettings::load(settings);
        const bool http = paymentSettings.gateway == payments::PaymentSettings::Gateway::Http;
        auto gateway = payments::createGateway(paymentSettings, http && !dryRun ? httpSecret(paymentSettings) : QString(), *c.db);
        payments::HoldService holds(*c.db, *gateway);
        const billing::TariffSessionPricing pricing(*c.db);
        sessions::SessionActions actions(*c.db, &holds, &pricing);

        if (dryRun) {
            auto plan = actions.plan(*req);
            if (!plan)
                return fail(c, plan.error());
            if (c.json)
                c.out.json(sessions::planToJson(*plan));
            else
                c.out.line(sessions::SessionActionText::describe(*plan).join(u'\n'));
            return plan->ok() ? 0 : static_cast<int>(ExitCode::Usage);
        }

        // The money call's answer, when there is one.
        std::optional<payments::GatewayResult> answer;
        qint64 waitedCall = 0;
        QEventLoop loop;
        QObject::connect(&holds, &payments::HoldService::callFinished, &loop,
                         [&](qint64 callId, qint64, const payments::GatewayResult &result) {
                             if (callId == waitedCall) {
                                 answer = result;
                                 loop.quit();
                             }
                         });
        auto applied = actions.apply(*req, c.actor, reason);
        if (!applied)
            return fail(c, applied.error());
        if (applied->moneyCallId > 0) {
            waitedCall = applied->moneyCallId;
            bool ok = false;
            int seconds = c.parser.value(QStringLiteral("timeout")).toInt(&ok);
            if (!ok || seconds <= 0)
                seconds = 90;
            QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
            if (holds.isInFlight(waitedCall))
                loop.exec();
        }

        const sessions::MoneyOutcome money = sessions::SessionActions::moneyOutcome(*applied, answer);
        const QString &moneyText = money.text;
        const int exit = money.failed ? static_cast<int>(ExitCode::Failure) : 0;
        if (c.json) {
            QJsonObject o = sessions::actionResultToJson(*applied);
            if (answer) {
                o.insert(QStringLiteral("money"),
                         QJsonObject{{QStringLiteral("done"), answer->done()},
                                     {QStringLiteral("status"), payments::holdStatusName(answer->status)},
                                     {QStringLiteral("capturedMinor"), answer->capturedMinor},
                                     {QStringLiteral("error"), answer->error}});
            }
            if (!moneyText.isEmpty())
                o.insert(QStringLiteral("message"), moneyText);
            c.out.json(o);
            return exit;
        }
        c.out.line(sessions::SessionActionText::describe(applied->plan).join(u'\n'));
        if (applied->commandId > 0)
            c.out.line(tr("Command %1 queued; `chargedesk-cli command list %2` shows the station's answer.")
                           .arg(applied->commandId)
                           .arg(applied->plan.chargePointId));
        else
            c.out.line(tr("Done (audit record %1).").arg(applied->auditId));
        if (!moneyText.isEmpty()) {
            if (exit == 0)
                c.out.line(moneyText);
            else
                c.out.error(moneyText);
        }
        return exit;
    }
};

}  // namespace

QList<Command> txActionCommands()
{
    using T = TxActionCommands;
    const QString common = QStringLiteral("<id or number> --reason TEXT [--dry-run] [--json]");
    return {
        {{QStringLiteral("tx"), QStringLiteral("finish")}, common,
         T::tr("Finish a session as if the station stopped it; the hold is settled by the energy."), true, &T::finish},
        {{QStringLiteral("tx"), QStringLiteral("cancel-hold")}, common,
         T::tr("Give the held money back; the session is canceled (unless failed)."), true, &T::cancelHold},
        {{QStringLiteral("tx"), QStringLiteral("finalize")}, common + QStringLiteral(" [--amount 12.50]"),
         T::tr("Capture part of the hold (default: the session's total) and release the rest."), true, &T::finalize},
        {{QStringLiteral("tx"), QStringLiteral("set-energy")}, common + QStringLiteral(" --energy-wh N [--recompute]"),
         T::tr("Set the session's energy counter, optionally recomputing the amount."), true, &T::setEnergy},
        {{QStringLiteral("tx"), QStringLiteral("set-status")}, common + QStringLiteral(" --status S [--mode soft|override]"),
         T::tr("Change the session's status (SOFT keeps the priorities, OVERRIDE ignores them)."), true, &T::setStatus},
        {{QStringLiteral("tx"), QStringLiteral("start")}, common,
         T::tr("Ask the session's station to start it (remote start)."), true, &T::start},
        {{QStringLiteral("tx"), QStringLiteral("stop")}, common,
         T::tr("Ask the session's station to stop it (remote stop)."), true, &T::stop},
        {{QStringLiteral("tx"), QStringLiteral("reset")}, common + QStringLiteral(" [--hard]"),
         T::tr("Reset the session's station."), true, &T::reset},
    };
}

}  // namespace cd::cli
