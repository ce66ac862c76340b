#pragma once
// Sends one e-mail over SMTP without blocking: EHLO, STARTTLS when configured (or TLS from the
// first byte), AUTH PLAIN or LOGIN when a user is set (whichever the server offers, PLAIN first),
// MAIL FROM, RCPT TO for each recipient, DATA with dot-stuffing, QUIT. Headers: Date, From, To,
// Subject (RFC 2047 UTF-8 when not ASCII), Message-ID, MIME-Version, UTF-8 plain text. One
// deadline for the whole conversation. TLS certificates are verified; never a plain-text AUTH
// unless the configuration says so (AlertDeliverySettings allows it only to this computer).

#include "core/alerts/alertsettings.h"
#include "core/common/expected.h"

#include <QObject>
#include <QPointer>
#include <QSslSocket>
#include <QStringList>
#include <QTimer>

#include <functional>

namespace cd::alerts {

struct SmtpConfig {
    QString host;
    quint16 port = 587;
    AlertDeliverySettings::SmtpSecurity security = AlertDeliverySettings::SmtpSecurity::StartTls;
    QString user;  // empty: no AUTH
    QString password;
    QString from;
    QStringList to;
    int timeoutMs = 30000;
    QString heloName;                     // empty: "chargedesk.invalid"
    QList<QSslCertificate> extraCaCertificates;  // tests: a private CA

    static SmtpConfig fromSettings(const AlertDeliverySettings &settings, const QString &password);
};

class SmtpNotifier : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const Status &result)>;

    explicit SmtpNotifier(SmtpConfig config, QObject *parent = nullptr);

    // One mail at a time per notifier; `done` runs exactly once.
    void send(const QString &subject, const QString &body, Done done);
    bool busy() const { return m_socket != nullptr; }

    // The message as it goes after DATA (headers, blank line, dot-stuffed body, no final dot).
    static QByteArray composeMessage(const SmtpConfig &config, const QString &subject, const QString &body,
                                     const QByteArray &messageId, const QDateTime &date);
    static QByteArray encodeHeader(const QString &text);

private:
    enum class Step { Greeting, Ehlo, StartTls, EhloAgain, AuthPlain, AuthLogin, AuthUser, AuthPassword, MailFrom,
                      RcptTo, Data, Message, Quit };

    void onReadyRead();
    void onReply(int code, const QStringList &lines);
    void afterEhlo(const QStringList &lines);
    void write(const QByteArray &line);
    void mailFrom();
    void finish(const Status &result);
    Status protocolError(int code, const QStringList &lines) const;

    SmtpConfig m_config;
    QSslSocket *m_socket = nullptr;
    QTimer m_deadline;
    Step m_step = Step::Greeting;
    QByteArray m_buffer;
    QStringList m_replyLines;
    QStringList m_capabilities;
    int m_recipient = 0;
    QByteArray m_message;
    Done m_done;
};

}  // namespace cd::alerts
