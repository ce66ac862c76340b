#include "fakecentralsystem.h"

#include "core/ocpp/rpcframe.h"

#include <QDateTime>
#include <QHostAddress>
#include <QWebSocket>
#include <QWebSocketServer>

namespace cd::simtest {

using nlohmann::json;

namespace {

std::string nowIso()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toStdString();
}

}  // namespace

QString jsonText(const json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

std::optional<json> sampledValue(const json &meterValue, const char *measurand, const char *phase)
{
    for (const json &value : meterValue.value("sampledValue", json::array())) {
        if (value.value("measurand", std::string("Energy.Active.Import.Register")) != measurand)
            continue;
        if (phase && value.value("phase", std::string()) != phase)
            continue;
        return value;
    }
    return std::nullopt;
}

qint64 energyOf(const json &meterValues)
{
    const json values = meterValues.value("meterValue", json::array());
    if (values.empty())
        return -1;
    const std::optional<json> energy = sampledValue(values.front(), "Energy.Active.Import.Register");
    if (!energy)
        return -1;
    return QString::fromStdString(energy->value("value", std::string("-1"))).toLongLong();
}

FakeCentralSystem::FakeCentralSystem(QObject *parent)
    : QObject(parent)
{
    m_clock.start();
}

FakeCentralSystem::~FakeCentralSystem()
{
    close();
}

bool FakeCentralSystem::listen()
{
    m_server = new QWebSocketServer(QStringLiteral("fake-central-system"), QWebSocketServer::NonSecureMode, this);
    m_server->setSupportedSubprotocols({QStringLiteral("ocpp1.6")});
    connect(m_server, &QWebSocketServer::newConnection, this, &FakeCentralSystem::onNewConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

void FakeCentralSystem::close()
{
    const QList<Link *> links = m_links.values();
    m_links.clear();
    for (Link *link : links) {
        disconnect(link->socket, nullptr, this, nullptr);
        link->socket->abort();
        link->socket->deleteLater();
        delete link->endpoint;
        delete link;
    }
    if (m_server)
        m_server->close();
}

QUrl FakeCentralSystem::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("ws"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_server ? m_server->serverPort() : 0);
    url.setPath(QStringLiteral("/ocpp"));
    return url;
}

bool FakeCentralSystem::isConnected(const QString &stationId) const
{
    return m_links.contains(stationId);
}

QList<WireFrame> FakeCentralSystem::calls(const QString &action, const QString &stationId) const
{
    QList<WireFrame> result;
    for (const WireFrame &f : m_frames) {
        if (f.fromStation && f.type == cd::ocpp::MessageType::Call && (action.isEmpty() || f.action == action)
            && (stationId.isEmpty() || f.stationId == stationId))
            result.append(f);
    }
    return result;
}

void FakeCentralSystem::onNewConnection()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        const QString path = socket->requestUrl().path();
        const QString stationId = path.section(QLatin1Char('/'), -1);
        if (Link *old = m_links.take(stationId)) {
            disconnect(old->socket, nullptr, this, nullptr);
            old->socket->abort();
            old->socket->deleteLater();
            old->endpoint->deleteLater();
            delete old;
        }
        auto *link = new Link;
        link->socket = socket;
        link->stationId = stationId;
        link->serial = ++m_connectionCounts[stationId];
        m_paths.insert(stationId, path);
        m_subprotocols.insert(stationId, socket->subprotocol());
        m_authorization.insert(stationId, socket->request().rawHeader("Authorization"));
        cd::ocpp::EndpointOptions options;
        options.role = cd::ocpp::Role::CentralSystem;
        options.version = cd::ocpp::ProtocolVersion::Ocpp16;
        options.callTimeout = std::chrono::milliseconds(5000);
        link->endpoint = new cd::ocpp::RpcEndpoint(options);
        m_links.insert(stationId, link);
        install(link);
        Q_EMIT stationConnected(stationId);
    }
}

void FakeCentralSystem::install(Link *link)
{
    QWebSocket *socket = link->socket;
    cd::ocpp::RpcEndpoint *endpoint = link->endpoint;
    connect(endpoint, &cd::ocpp::RpcEndpoint::textToSend, socket, &QWebSocket::sendTextMessage);
    connect(socket, &QWebSocket::textMessageReceived, endpoint, &cd::ocpp::RpcEndpoint::receiveText);
    connect(endpoint, &cd::ocpp::RpcEndpoint::frameObserved, this,
            [this, link](const cd::ocpp::FrameRecord &r) { record(*link, r); });
    connect(endpoint, &cd::ocpp::RpcEndpoint::protocolIssue, this, [this, link](const QString &issue) {
        m_issues.append(link->stationId + QStringLiteral(": ") + issue);
    });
    connect(socket, &QWebSocket::disconnected, this, [this, link] {
        const QString id = link->stationId;
        if (m_links.value(id) != link)
            return;
        m_links.remove(id);
        link->endpoint->abort(QStringLiteral("disconnected"));
        link->socket->deleteLater();
        link->endpoint->deleteLater();
        delete link;
        Q_EMIT stationDisconnected(id);
    });
    endpoint->setDefaultHandler([this, link](const cd::ocpp::IncomingCall &call, const cd::ocpp::Reply &reply) {
        const QString id = link->stationId;
        Q_EMIT callReceived(id, call.action);
        if (failingActions.contains(call.action)) {
            reply.error(cd::ocpp::RpcError::make(cd::ocpp::ErrorKind::InternalError, QStringLiteral("test failure")));
            return;
        }
        reply.result(answer(id, call.action, call.payload));
    });
}

json FakeCentralSystem::answer(const QString &stationId, const QString &action, const json &request)
{
    Q_UNUSED(stationId);
    if (const auto custom = answers.constFind(action); custom != answers.constEnd())
        return (*custom)(request);
    const auto tagStatus = [this](const json &r) {
        return invalidTags.contains(jsonText(r, "idTag")) ? "Invalid" : "Accepted";
    };
    if (action == u"BootNotification") {
        std::string status = bootStatus.toStdString();
        if (pendingBoots > 0) {
            --pendingBoots;
            status = "Pending";
        }
        return {{"status", status}, {"currentTime", nowIso()}, {"interval", heartbeatIntervalS}};
    }
    if (action == u"Heartbeat")
        return {{"currentTime", nowIso()}};
    if (action == u"Authorize")
        return {{"idTagInfo", {{"status", tagStatus(request)}}}};
    if (action == u"StartTransaction")
        return {{"transactionId", m_nextTransactionId++}, {"idTagInfo", {{"status", tagStatus(request)}}}};
    if (action == u"StopTransaction")
        return {{"idTagInfo", {{"status", "Accepted"}}}};
    if (action == u"DataTransfer")
        return {{"status", "Accepted"}};
    return json::object();  // StatusNotification, MeterValues, Diagnostics/FirmwareStatusNotification
}

void FakeCentralSystem::record(const Link &link, const cd::ocpp::FrameRecord &r)
{
    if (!r.problem.isEmpty() || !r.messageType)
        return;
    WireFrame f;
    f.stationId = link.stationId;
    f.connection = link.serial;
    f.fromStation = r.direction == cd::ocpp::FrameDirection::Incoming;
    f.type = *r.messageType;
    f.messageId = r.messageId;
    f.action = r.action;
    f.wallMs = m_clock.elapsed();
    const cd::ocpp::FrameParse parsed = cd::ocpp::parseFrame(r.text);
    if (parsed.ok()) {
        if (const auto *call = std::get_if<cd::ocpp::CallFrame>(&parsed.value()))
            f.payload = call->payload;
        else if (const auto *result = std::get_if<cd::ocpp::CallResultFrame>(&parsed.value()))
            f.payload = result->payload;
    }
    m_frames.append(std::move(f));
}

void FakeCentralSystem::call(const QString &stationId, const QString &action, json payload, cd::ocpp::CallCompletion done)
{
    Link *link = m_links.value(stationId);
    if (!link) {
        cd::ocpp::CallFailure failure;
        failure.reason = cd::ocpp::CallFailure::Reason::Aborted;
        done(failure);
        return;
    }
    link->endpoint->call(action, std::move(payload), std::move(done));
}

void FakeCentralSystem::drop(const QString &stationId)
{
    if (Link *link = m_links.value(stationId))
        link->socket->abort();
}

}  // namespace cd::simtest
