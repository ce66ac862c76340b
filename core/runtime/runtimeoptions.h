#pragma once
// Everything that configures a running central system, and the command-line options that set
// it (shared by chargedesk-server and the console).

#include "core/alerts/alertsettings.h"
#include "core/charging/chargingoptions.h"
#include "core/commands/commandexecutor.h"
#include "core/common/expected.h"
#include "core/payments/paymentruntimeoptions.h"
#include "core/server/serveroptions.h"

#include <QCoreApplication>
#include <QHostAddress>

class QCommandLineParser;

namespace cd::runtime {

struct RuntimeOptions {
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 9000;
    server::ServerOptions server;
    charging::ChargingOptions charging;
    commands::ExecutorOptions commands;
    // The gateway (Settings › Payments), where its key and the webhook secret come from.
    payments::PaymentRuntimeOptions payments;
    // The alert rules and where alerts are delivered (QSettings "alerts/"; README "Alerts in operation").
    alerts::AlertSettings alerts;

    // "<host name>:<port>": identifies this process in the command table.
    static QString defaultNodeName(quint16 port);
};

class RuntimeCommandLine {
    Q_DECLARE_TR_FUNCTIONS(cd::runtime::RuntimeCommandLine)
public:
    // --listen HOST:PORT, --accept-unknown-stations, --security-profile 0|1|2|3, --tls-cert FILE,
    // --tls-key FILE, --tls-ca FILE, --ping-interval S, --heartbeat-interval S, --node-name NAME,
    // --payment-key-env NAME, --payment-key-file PATH, --payment-webhook-secret-env NAME,
    // --payment-webhook-secret-file PATH
    static void addTo(QCommandLineParser &parser);
    // Whether any of those options was given (the payment secrets aside: they override no station
    // server setting).
    static bool anyGiven(const QCommandLineParser &parser);
    // Options not given on the command line keep their value from `base` (the console passes
    // its saved settings; the server the defaults).
    static Expected<RuntimeOptions> read(const QCommandLineParser &parser, RuntimeOptions base = {});
    // "127.0.0.1:9000", "[::1]:9000", "0.0.0.0:9000", ":9000"
    static Expected<std::pair<QHostAddress, quint16>> parseListen(const QString &text);
};

}  // namespace cd::runtime
