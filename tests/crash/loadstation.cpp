#include "loadstation.h"

#include <QDateTime>
#include <QTimeZone>

namespace cd::test {

using nlohmann::json;

namespace {

const QString kStart = QStringLiteral("StartTransaction");
const QString kMeter = QStringLiteral("MeterValues");
const QString kStop = QStringLiteral("StopTransaction");
constexpr int kMaxMetersPerSession = 24;
constexpr int kReplayWindow = 5;  // acknowledged replays are picked among the newest few

std::string iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODateWithMs).toStdString();
}

json registerSample(qint64 wh, const char *context)
{
    return {{"value", std::to_string(wh)},
            {"context", context},
            {"measurand", "Energy.Active.Import.Register"},
            {"unit", "Wh"}};
}

template <typename T>
const T &pickRecent(const QList<T> &list, QRandomGenerator &rng)
{
    const int window = int(std::min<qsizetype>(list.size(), kReplayWindow));
    return list[list.size() - 1 - int(rng.bounded(window))];
}

}  // namespace

LoadStation::LoadStation(QString chargePointId, QString idTag, quint32 seed, qint64 clockStartMs,
                         qint64 registerStartWh, QObject *parent)
    : QObject(parent), m_rng(seed), m_clockMs(clockStartMs), m_registerWh(registerStartWh)
{
    m_ledger.chargePointId = std::move(chargePointId);
    m_ledger.idTag = std::move(idTag);
    connect(&m_client, &OcppTestClient::opened, this, &LoadStation::onOpened);
    connect(&m_client, &OcppTestClient::closed, this, &LoadStation::onClosed);
    connect(&m_client, &OcppTestClient::result, this, &LoadStation::onResult);
    connect(&m_client, &OcppTestClient::error, this, &LoadStation::onError);
    connect(&m_client, &OcppTestClient::problem, this, &LoadStation::fail);
}

void LoadStation::connectTo(const QUrl &baseUrl)
{
    m_client.open(baseUrl.resolved(QUrl(m_ledger.chargePointId)));
}

bool LoadStation::isSettled() const
{
    return m_open && !m_ledger.inFlight && m_replays.empty() && !m_replayOnWire;
}

void LoadStation::onOpened()
{
    m_open = true;
    if (m_everOpened)
        queueReplays();
    m_everOpened = true;
    if (m_ledger.inFlight)
        send(*m_ledger.inFlight);  // the CALL the dead server may or may not have stored
    else
        pump();
}

void LoadStation::onClosed()
{
    m_open = false;
    // An unanswered replay was a duplicate anyway; the load CALL on the wire stays in inFlight.
    m_replays.clear();
    m_replayOnWire.reset();
}

void LoadStation::queueReplays()
{
    const auto replay = [this](const auto &acknowledged) {
        SentCall call = callFor(pickRecent(acknowledged, m_rng));
        call.messageId = nextMessageId();
        m_replays.push_back(std::move(call));
    };
    if (!m_ledger.starts.isEmpty())
        replay(m_ledger.starts);
    if (!m_ledger.meters.isEmpty())
        replay(m_ledger.meters);
    if (!m_ledger.stops.isEmpty())
        replay(m_ledger.stops);
}

void LoadStation::pump()
{
    if (m_failed || !m_open || m_ledger.inFlight || m_replayOnWire)
        return;
    if (!m_replays.empty()) {
        m_replayOnWire = std::move(m_replays.front());
        m_replays.pop_front();
        send(*m_replayOnWire);
        return;
    }
    if (m_load)
        sendNext();
}

void LoadStation::send(const SentCall &call)
{
    // A closed socket sends nothing: the call then waits for the next connection.
    m_client.sendCall(call.messageId, call.action, call.payload);
}

QString LoadStation::nextMessageId()
{
    return QStringLiteral("%1-%2").arg(m_ledger.chargePointId).arg(++m_sequence);
}

qint64 LoadStation::tick()
{
    m_clockMs += 1000;
    return m_clockMs;
}

qint64 LoadStation::nextRegister()
{
    return m_registerWh + 1 + qint64(m_rng.bounded(500));
}

SentCall LoadStation::callFor(const CallEffect &effect) const
{
    const std::string idTag = m_ledger.idTag.toStdString();
    SentCall call;
    call.effect = effect;
    if (const auto *start = std::get_if<StartAck>(&effect)) {
        call.action = kStart;
        call.payload = {{"connectorId", 1},
                        {"idTag", idTag},
                        {"meterStart", start->meterStartWh},
                        {"timestamp", iso(start->stationTimeMs)}};
    } else if (const auto *meter = std::get_if<MeterAck>(&effect)) {
        call.action = kMeter;
        call.payload = {
            {"connectorId", 1},
            {"transactionId", meter->transactionId},
            {"meterValue",
             json::array({{{"timestamp", iso(meter->stationTimeMs)},
                           {"sampledValue", json::array({registerSample(meter->registerWh, "Sample.Periodic")})}}})}};
    } else if (const auto *stop = std::get_if<StopAck>(&effect)) {
        call.action = kStop;
        call.payload = {
            {"transactionId", stop->transactionId},
            {"idTag", idTag},
            {"meterStop", stop->meterStopWh},
            {"timestamp", iso(stop->stationTimeMs)},
            {"reason", "Local"},
            {"transactionData",
             json::array({{{"timestamp", iso(stop->stationTimeMs)},
                           {"sampledValue", json::array({registerSample(stop->meterStopWh, "Transaction.End")})}}})}};
    }
    return call;
}

void LoadStation::sendNext()
{
    SentCall call;
    switch (m_next) {
        case Step::Boot:
            call.action = QStringLiteral("BootNotification");
            call.payload = {{"chargePointVendor", "ChargeDesk"},
                            {"chargePointModel", "CrashTest"},
                            {"chargePointSerialNumber", m_ledger.chargePointId.toStdString()}};
            break;
        case Step::Available:
            call.action = QStringLiteral("StatusNotification");
            call.payload = {
                {"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Available"}, {"timestamp", iso(tick())}};
            break;
        case Step::Start:
            call = callFor(StartAck{tick(), m_registerWh, 0});
            break;
        case Step::Meter:
            call = callFor(MeterAck{m_transactionId, tick(), nextRegister()});
            break;
        case Step::Stop:
            call = callFor(StopAck{m_transactionId, tick(), nextRegister()});
            break;
    }
    call.messageId = nextMessageId();
    m_ledger.inFlight = call;
    send(call);
}

void LoadStation::onResult(const QString &messageId, const json &payload)
{
    if (m_ledger.inFlight && m_ledger.inFlight->messageId == messageId) {
        record(payload);
    } else if (m_replayOnWire && m_replayOnWire->messageId == messageId) {
        checkReplay(*m_replayOnWire, payload);
        m_replayOnWire.reset();
        ++m_replaysAnswered;
    } else {
        fail(QStringLiteral("a CALLRESULT for %1, which is not on the wire").arg(messageId));
        return;
    }
    pump();
}

void LoadStation::record(const json &payload)
{
    const SentCall call = *m_ledger.inFlight;
    m_ledger.inFlight.reset();
    m_ledger.acknowledgedIds << call.messageId;
    switch (m_next) {
        case Step::Boot:
            if (payload.value("status", std::string()) != "Accepted")
                fail(QStringLiteral("BootNotification answered ") + QString::fromStdString(payload.dump()));
            m_next = Step::Available;
            return;
        case Step::Available:
            m_next = Step::Start;
            return;
        case Step::Start: {
            StartAck start = std::get<StartAck>(call.effect);
            const auto tx = payload.find("transactionId");
            if (tx == payload.end() || !tx->is_number_integer() ||
                payload.value("idTagInfo", json::object()).value("status", std::string()) != "Accepted") {
                fail(QStringLiteral("StartTransaction answered ") + QString::fromStdString(payload.dump()));
                return;
            }
            start.transactionId = tx->get<qint64>();
            m_ledger.starts.append(start);
            m_transactionId = start.transactionId;
            m_metersLeft = int(m_rng.bounded(kMaxMetersPerSession + 1));
            m_next = m_metersLeft > 0 ? Step::Meter : Step::Stop;
            break;
        }
        case Step::Meter: {
            const MeterAck &meter = std::get<MeterAck>(call.effect);
            m_ledger.meters.append(meter);
            m_registerWh = meter.registerWh;
            m_next = --m_metersLeft > 0 ? Step::Meter : Step::Stop;
            break;
        }
        case Step::Stop: {
            const StopAck &stop = std::get<StopAck>(call.effect);
            m_ledger.stops.append(stop);
            m_registerWh = stop.meterStopWh;
            m_transactionId = 0;
            m_next = Step::Available;
            break;
        }
    }
    emit acknowledged();
}

void LoadStation::checkReplay(const SentCall &replay, const json &payload)
{
    const auto *start = std::get_if<StartAck>(&replay.effect);
    if (!start)
        return;  // any CALLRESULT will do; the database check finds double counting
    const auto tx = payload.find("transactionId");
    if (tx == payload.end() || !tx->is_number_integer() || tx->get<qint64>() != start->transactionId)
        fail(QStringLiteral("repeated StartTransaction (transaction %1) answered %2")
                 .arg(start->transactionId)
                 .arg(QString::fromStdString(payload.dump())));
}

void LoadStation::onError(const QString &messageId, const QString &code, const QString &description)
{
    const SentCall *call = m_ledger.inFlight && m_ledger.inFlight->messageId == messageId ? &*m_ledger.inFlight
                           : m_replayOnWire && m_replayOnWire->messageId == messageId     ? &*m_replayOnWire
                                                                                          : nullptr;
    fail(QStringLiteral("CALLERROR %1 (%2) for %3 %4")
             .arg(code, description, call ? call->action : QStringLiteral("an unknown CALL"), messageId));
}

void LoadStation::fail(const QString &what)
{
    // The station stops here: the test reports every problem and fails.
    m_failed = true;
    m_ledger.problems << m_ledger.chargePointId + QStringLiteral(": ") + what;
}

}  // namespace cd::test
