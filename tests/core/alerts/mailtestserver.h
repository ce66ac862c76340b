#pragma once
// Small servers for the delivery tests. MailTestServer speaks SMTP on loopback (STARTTLS when
// given a certificate): greets, answers EHLO with the configured AUTH mechanisms, checks AUTH
// PLAIN / LOGIN, takes MAIL FROM, RCPT TO and DATA (the message as it came over the wire,
// dot-stuffing included), and can refuse the first messages (451) or recipients (550), or stay
// silent. HookTestServer takes HTTP POSTs.

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>

namespace cd::test {

// Hands out QSslSockets, so a plain connection can turn into TLS (STARTTLS).
class SslCapableServer : public QTcpServer {
protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QSslSocket(this);
        if (socket->setSocketDescriptor(descriptor))
            addPendingConnection(socket);
        else
            delete socket;
    }
};

class MailTestServer : public QObject {
    Q_OBJECT
public:
    struct Mail {
        QString authUser;
        QString from;
        QStringList to;
        QByteArray wire;  // after DATA, up to (not including) the final "."
    };

    QString mechanisms = QStringLiteral("PLAIN LOGIN");
    QString user = QStringLiteral("alerts");
    QString password = QStringLiteral("s3cret");
    int refuseMessages = 0;  // answer 451 to the first n messages
    bool refuseRecipients = false;
    bool silent = false;     // never greet
    QSslCertificate certificate;  // set: STARTTLS is offered
    QSslKey privateKey;
    bool startedTls = false;
    QList<Mail> mails;
    QStringList commands;    // every command line received, AUTH arguments included

    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    quint16 port() const { return m_server.serverPort(); }

    MailTestServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                serve(socket);
        });
    }

private:
    void serve(QTcpSocket *socket)
    {
        auto state = std::make_shared<Session>();
        if (!silent)
            socket->write("220 mail.test ESMTP\r\n");
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, state] {
            state->buffer += socket->readAll();
            qsizetype end;
            while ((end = state->buffer.indexOf("\r\n")) >= 0) {
                const QByteArray line = state->buffer.left(end);
                state->buffer.remove(0, end + 2);
                handle(socket, *state, line);
            }
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

    struct Session {
        QByteArray buffer;
        enum { Command, LoginUser, LoginPassword, Data } mode = Command;
        QString loginUser;
        Mail mail;
    };

    void handle(QTcpSocket *socket, Session &s, const QByteArray &line)
    {
        if (s.mode == Session::Data) {
            if (line == ".") {
                s.mode = Session::Command;
                if (refuseMessages > 0) {
                    --refuseMessages;
                    socket->write("451 4.3.0 try again later\r\n");
                } else {
                    mails.append(s.mail);
                    socket->write("250 2.0.0 queued\r\n");
                }
                s.mail.wire.clear();
                return;
            }
            s.mail.wire += line + "\r\n";
            return;
        }
        if (s.mode == Session::LoginUser) {
            s.loginUser = QString::fromUtf8(QByteArray::fromBase64(line));
            s.mode = Session::LoginPassword;
            socket->write("334 UGFzc3dvcmQ6\r\n");
            return;
        }
        if (s.mode == Session::LoginPassword) {
            s.mode = Session::Command;
            const bool ok = s.loginUser == user && QString::fromUtf8(QByteArray::fromBase64(line)) == password;
            if (ok)
                s.mail.authUser = s.loginUser;
            socket->write(ok ? "235 2.7.0 ok\r\n" : "535 5.7.8 bad credentials\r\n");
            return;
        }
        commands << QString::fromUtf8(line);
        const QByteArray upper = line.toUpper();
        if (upper.startsWith("EHLO")) {
            QByteArray reply = "250-mail.test\r\n";
            auto *ssl = qobject_cast<QSslSocket *>(socket);
            if (!certificate.isNull() && ssl && !ssl->isEncrypted())
                reply += "250-STARTTLS\r\n";
            if (!mechanisms.isEmpty())
                reply += "250-AUTH " + mechanisms.toLatin1() + "\r\n";
            reply += "250 8BITMIME\r\n";
            socket->write(reply);
        } else if (upper.startsWith("AUTH PLAIN ")) {
            const QList<QByteArray> parts = QByteArray::fromBase64(line.mid(11)).split('\0');
            const bool ok = parts.size() == 3 && QString::fromUtf8(parts.at(1)) == user && QString::fromUtf8(parts.at(2)) == password;
            if (ok)
                s.mail.authUser = user;
            socket->write(ok ? "235 2.7.0 ok\r\n" : "535 5.7.8 bad credentials\r\n");
        } else if (upper == "STARTTLS") {
            auto *ssl = qobject_cast<QSslSocket *>(socket);
            if (certificate.isNull() || !ssl) {
                socket->write("502 5.5.1 no TLS here\r\n");
                return;
            }
            socket->write("220 2.0.0 ready to start TLS\r\n");
            socket->flush();
            ssl->setLocalCertificate(certificate);
            ssl->setPrivateKey(privateKey);
            ssl->setPeerVerifyMode(QSslSocket::VerifyNone);
            connect(ssl, &QSslSocket::encrypted, this, [this] { startedTls = true; });
            ssl->startServerEncryption();
        } else if (upper == "AUTH LOGIN") {
            s.mode = Session::LoginUser;
            socket->write("334 VXNlcm5hbWU6\r\n");
        } else if (upper.startsWith("MAIL FROM:")) {
            s.mail.from = QString::fromUtf8(line.mid(10)).remove(u'<').remove(u'>');
            s.mail.to.clear();
            socket->write("250 2.1.0 ok\r\n");
        } else if (upper.startsWith("RCPT TO:")) {
            if (refuseRecipients) {
                socket->write("550 5.1.1 no such user\r\n");
                return;
            }
            s.mail.to << QString::fromUtf8(line.mid(8)).remove(u'<').remove(u'>');
            socket->write("250 2.1.5 ok\r\n");
        } else if (upper == "DATA") {
            s.mode = Session::Data;
            socket->write("354 go ahead\r\n");
        } else if (upper == "QUIT") {
            socket->write("221 2.0.0 bye\r\n");
            socket->disconnectFromHost();
        } else {
            socket->write("502 5.5.2 what?\r\n");
        }
    }

    SslCapableServer m_server;
};

// A small HTTP server that takes POSTs and answers each with the next status of `statuses`
// (then 200).
class HookTestServer : public QObject {
    Q_OBJECT
public:
    struct Request {
        QByteArray head;
        QByteArray body;
    };
    QList<int> statuses;
    QList<Request> requests;

    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    quint16 port() const { return m_server.serverPort(); }

    HookTestServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                auto buffer = std::make_shared<QByteArray>();
                connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
                    *buffer += socket->readAll();
                    const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
                    if (headEnd < 0)
                        return;
                    const QByteArray head = buffer->left(headEnd);
                    qsizetype length = 0;
                    for (const QByteArray &h : head.split('\n')) {
                        if (h.toLower().startsWith("content-length:"))
                            length = h.mid(15).trimmed().toLongLong();
                    }
                    if (buffer->size() < headEnd + 4 + length)
                        return;
                    requests.append({head, buffer->mid(headEnd + 4, length)});
                    const int status = statuses.isEmpty() ? 200 : statuses.takeFirst();
                    socket->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

private:
    QTcpServer m_server;
};

}  // namespace cd::test
