#include "app/cli/billcorrectcommands.h"

#include "core/anomalies/correctionengine.h"
#include "core/payments/holdservice.h"
#include "core/payments/paymentsettings.h"
#include "core/payments/secretstore.h"
#include "core/sessions/sessionactions.h"

#include <QEventLoop>
#include <QJsonObject>
#include <QSettings>
#include <QTimer>

namespace cd::cli {

namespace {

class BillCorrectCommands {
    Q_DECLARE_TR_FUNCTIONS(cd::cli::BillCorrectCommands)
public:
    static int correct(CommandContext &c)
    {
        if (c.args.size() != 1)
            return fail(c, Error{ExitCode::Usage, usage()});
        bool ok = false;
        const qint64 billId = c.args.first().toLongLong(&ok);
        if (!ok || billId <= 0)
            return fail(c, Error{ExitCode::Usage, tr("The bill id must be a whole number, e.g. 42.")});
        auto req = request(c, billId);
        if (!req)
            return fail(c, req.error());
        const bool dryRun = c.parser.isSet(QStringLiteral("dry-run"));
        const QString reason = c.parser.value(QStringLiteral("reason")).trimmed();
        if (!dryRun && reason.isEmpty())
            return fail(c, Error{ExitCode::Usage, tr("--reason is required: it is kept with the bill and in the audit log.")});

        const QSettings settings;
        const payments::PaymentSettings paymentSettings = payments::PaymentSettings::load(settings);
        const bool http = paymentSettings.gateway == payments::PaymentSettings::Gateway::Http;
        auto gateway = payments::createGateway(paymentSettings, http && !dryRun ? httpSecret(paymentSettings) : QString(), *c.db);
        payments::HoldService holds(*c.db, *gateway);
        anomalies::CorrectionEngine engine(*c.db, &holds);

        auto preview = engine.plan(*req);
        if (!preview)
            return fail(c, preview.error());
        if (dryRun || !preview->ok()) {
            if (c.json)
                c.out.json(anomalies::toJson(*preview));
            else
                c.out.line(anomalies::CorrectionText::describe(*preview).join(u'\n'));
            return preview->ok() ? 0 : static_cast<int>(ExitCode::Usage);
        }

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
        auto applied = engine.apply(*preview, c.actor, reason);
        if (!applied)
            return fail(c, applied.error());
        if (applied->moneyCallId > 0) {
            waitedCall = applied->moneyCallId;
            int seconds = c.parser.value(QStringLiteral("timeout")).toInt(&ok);
            if (!ok || seconds <= 0)
                seconds = 90;
            QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
            if (holds.isInFlight(waitedCall))
                loop.exec();
        }
        // The same words the session actions use for a money call's outcome.
        sessions::ActionResult asAction;
        asAction.holdId = applied->holdId;
        asAction.moneyCallId = applied->moneyCallId;
        asAction.moneyError = applied->moneyError;
        const sessions::MoneyOutcome money = sessions::SessionActions::moneyOutcome(asAction, answer);
        const int exit = money.failed ? static_cast<int>(ExitCode::Failure) : 0;
        if (c.json) {
            QJsonObject o = anomalies::toJson(*applied);
            if (!money.text.isEmpty())
                o.insert(QStringLiteral("message"), money.text);
            c.out.json(o);
            return exit;
        }
        c.out.line(anomalies::CorrectionText::describe(applied->preview).join(u'\n'));
        c.out.line(tr("Done: bill %1 is version %2 of the bill (audit record %3).")
                       .arg(applied->newBillId)
                       .arg(applied->newVersion)
                       .arg(applied->auditId));
        if (!money.text.isEmpty()) {
            if (exit == 0)
                c.out.line(money.text);
            else
                c.out.error(money.text);
        }
        return exit;
    }

    static QString usage()
    {
        return tr("Usage: chargedesk-cli bill correct <bill id> --method estimate|station|manual|service-end|tariff|revert "
                  "[--energy-wh N] [--tariff-id N] [--to-bill N] --reason TEXT [--dry-run] [--json]");
    }

private:
    static Expected<std::optional<qint64>> number(CommandContext &c, const QString &option)
    {
        if (!c.parser.isSet(option))
            return std::optional<qint64>();
        bool ok = false;
        const qint64 value = c.parser.value(option).toLongLong(&ok);
        if (!ok || value < 0)
            return Error{ExitCode::Usage, tr("--%1 needs a whole number.").arg(option)};
        return std::optional<qint64>(value);
    }

    static Expected<anomalies::CorrectionRequest> request(CommandContext &c, qint64 billId)
    {
        const auto method = anomalies::correctionMethodFromName(c.parser.value(QStringLiteral("method")));
        if (!method)
            return Error{ExitCode::Usage, tr("--method must be estimate, station, manual, service-end, tariff or revert.")};
        anomalies::CorrectionRequest r;
        r.billId = billId;
        r.method = *method;
        auto energy = number(c, QStringLiteral("energy-wh"));
        if (!energy)
            return energy.error();
        auto tariff = number(c, QStringLiteral("tariff-id"));
        if (!tariff)
            return tariff.error();
        auto toBill = number(c, QStringLiteral("to-bill"));
        if (!toBill)
            return toBill.error();
        r.params.energyWh = *energy;
        r.params.tariffId = *tariff;
        r.params.toBillId = *toBill;
        if (r.method == anomalies::CorrectionMethod::ManualEnergy && !r.params.energyWh)
            return Error{ExitCode::Usage, tr("--method manual needs --energy-wh with a whole number of Wh.")};
        if (r.method == anomalies::CorrectionMethod::Revert && !r.params.toBillId)
            return Error{ExitCode::Usage, tr("--method revert needs --to-bill with the id of the version to go back to.")};
        return r;
    }

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
};

}  // namespace

QList<Command> billCorrectCommands()
{
    using B = BillCorrectCommands;
    return {
        {{QStringLiteral("bill"), QStringLiteral("correct")},
         QStringLiteral("<bill id> --method M --reason TEXT [--energy-wh N] [--tariff-id N] [--to-bill N] [--dry-run] [--json]"),
         B::tr("Correct a bill (a new version; --dry-run shows every effect on money and coupons first)."), true,
         &B::correct},
    };
}

}  // namespace cd::cli
