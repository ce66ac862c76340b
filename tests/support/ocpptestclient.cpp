#include "support/ocpptestclient.h"

#include <QNetworkRequest>
#include <QWebSocketHandshakeOptions>

namespace cd::test {

using nlohmann::json;

namespace {

QString str(const json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

}  // namespace

OcppTestClient::OcppTestClient(QObject *parent) : QObject(parent)
{
    connect(&m_socket, &QWebSocket::connected, this, &OcppTestClient::onConnected);
    connect(&m_socket, &QWebSocket::disconnected, this, &OcppTestClient::closed);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &OcppTestClient::onText);
}

void OcppTestClient::open(const QUrl &url, const QString &subprotocol)
{
    m_subprotocol = subprotocol;
    QWebSocketHandshakeOptions handshake;
    handshake.setSubprotocols({subprotocol});
    m_socket.open(QNetworkRequest(url), handshake);
}

bool OcppTestClient::isOpen() const
{
    return m_socket.state() == QAbstractSocket::ConnectedState;
}

bool OcppTestClient::isClosed() const
{
    return m_socket.state() == QAbstractSocket::UnconnectedState;
}

bool OcppTestClient::sendCall(const QString &messageId, const QString &action, const json &payload)
{
    if (!isOpen())
        return false;
    const json frame = json::array({2, messageId.toStdString(), action.toStdString(), payload});
    return m_socket.sendTextMessage(QString::fromStdString(frame.dump())) > 0;
}

void OcppTestClient::answerCalls(const QString &action, json payload)
{
    m_answers[action] = std::move(payload);
}

void OcppTestClient::onConnected()
{
    if (m_socket.subprotocol() != m_subprotocol)
        emit problem(QStringLiteral("the server chose the subprotocol \"%1\"").arg(m_socket.subprotocol()));
    emit opened();
}

void OcppTestClient::onText(const QString &text)
{
    const json frame = json::parse(text.toStdString(), nullptr, false);
    if (!frame.is_array() || frame.size() < 3 || !frame[0].is_number_integer() || !frame[1].is_string()) {
        emit problem(QStringLiteral("unreadable frame: ") + text.left(200));
        return;
    }
    const QString messageId = str(frame[1]);
    switch (frame[0].get<int>()) {
        case 2: {
            const QString action = frame.size() > 2 ? str(frame[2]) : QString();
            if (const auto answer = m_answers.find(action); answer != m_answers.end()) {
                const json reply = json::array({3, frame[1], answer->second});
                m_socket.sendTextMessage(QString::fromStdString(reply.dump()));
                emit callAnswered(action, frame.size() > 3 ? frame[3] : json());
                return;
            }
            // The server asks something of the station: not part of this test's script.
            const json refusal = json::array({4, frame[1], "NotImplemented", "test station", json::object()});
            m_socket.sendTextMessage(QString::fromStdString(refusal.dump()));
            emit problem(QStringLiteral("unexpected CALL from the server: ") + text.left(200));
            return;
        }
        case 3:
            emit result(messageId, frame[2]);
            return;
        case 4:
            emit error(messageId, str(frame[2]), frame.size() > 3 ? str(frame[3]) : QString());
            return;
        default:
            emit problem(QStringLiteral("unknown message type: ") + text.left(200));
    }
}

}  // namespace cd::test
