#include "core/alerts/smtpnotifier.h"

#include <QDateTime>
#include <QSslConfiguration>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace cd::alerts {

namespace {

QByteArray crlf(const QByteArray &line)
{
    return line + "\r\n";
}

bool isAscii(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() > 0x7e || (c.unicode() < 0x20 && c != u'\t'))
            return false;
    }
    return true;
}

// No CR or LF may reach a header or an envelope address.
QString oneLine(QString text)
{
    text.replace(u'\r', u' ');
    text.replace(u'\n', u' ');
    return text;
}

}  // namespace

SmtpConfig SmtpConfig::fromSettings(const AlertDeliverySettings &s, const QString &password)
{
    SmtpConfig c;
    c.host = s.smtpHost;
    c.port = quint16(s.smtpPort);
    c.security = s.smtpSecurity;
    c.user = s.smtpUser;
    c.password = password;
    c.from = s.mailFrom;
    c.to = s.mailTo;
    c.timeoutMs = s.timeoutSeconds * 1000;
    return c;
}

SmtpNotifier::SmtpNotifier(SmtpConfig config, QObject *parent) : QObject(parent), m_config(std::move(config))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        finish(Error{ExitCode::Failure, tr("The SMTP server %1 did not answer in time.").arg(m_config.host)});
    });
}

QByteArray SmtpNotifier::encodeHeader(const QString &text)
{
    const QString line = oneLine(text);
    if (isAscii(line))
        return line.toUtf8();
    // RFC 2047 encoded words of at most 75 characters, split between whole UTF-8 characters.
    QByteArrayList words;
    QString chunk;
    for (qsizetype i = 0; i < line.size(); ++i) {
        QString next = chunk + line.at(i);
        if (line.at(i).isHighSurrogate() && i + 1 < line.size())
            next += line.at(++i);
        if (next.toUtf8().toBase64().size() > 60 && !chunk.isEmpty()) {
            words << "=?UTF-8?B?" + chunk.toUtf8().toBase64() + "?=";
            chunk = next.mid(chunk.size());
        } else {
            chunk = next;
        }
    }
    if (!chunk.isEmpty())
        words << "=?UTF-8?B?" + chunk.toUtf8().toBase64() + "?=";
    return words.join("\r\n ");
}

QByteArray SmtpNotifier::composeMessage(const SmtpConfig &config, const QString &subject, const QString &body,
                                        const QByteArray &messageId, const QDateTime &date)
{
    QByteArray out;
    out += crlf("Date: " + date.toUTC().toString(Qt::RFC2822Date).toLatin1());
    out += crlf("From: " + oneLine(config.from).toUtf8());
    QStringList to;
    for (const QString &address : config.to)
        to << oneLine(address);
    out += crlf("To: " + to.join(u", "_s).toUtf8());
    out += crlf("Subject: " + encodeHeader(subject));
    out += crlf("Message-ID: <" + messageId + ">");
    out += crlf("MIME-Version: 1.0");
    out += crlf("Content-Type: text/plain; charset=UTF-8");
    out += crlf("Content-Transfer-Encoding: 8bit");
    out += "\r\n";
    QString text = body;
    text.replace(u"\r\n"_s, u"\n"_s);
    text.replace(u'\r', u'\n');
    for (const QString &line : text.split(u'\n')) {
        QByteArray bytes = line.toUtf8();
        if (bytes.startsWith('.'))
            bytes.prepend('.');  // dot-stuffing (RFC 5321 4.5.2)
        out += crlf(bytes);
    }
    return out;
}

void SmtpNotifier::send(const QString &subject, const QString &body, Done done)
{
    if (m_socket) {
        done(Error{ExitCode::Failure, tr("An e-mail is already being sent.")});
        return;
    }
    if (m_config.to.isEmpty() || m_config.from.isEmpty() || m_config.host.isEmpty()) {
        done(Error{ExitCode::Usage, tr("Alert e-mails are not configured: server, sender and recipients are needed.")});
        return;
    }
    m_done = std::move(done);
    const QByteArray domain = m_config.from.section(u'@', 1).toUtf8();
    const QByteArray id = QUuid::createUuid().toByteArray(QUuid::WithoutBraces) + "@" + (domain.isEmpty() ? "chargedesk" : domain);
    m_message = composeMessage(m_config, subject, body, id, QDateTime::currentDateTimeUtc());
    m_step = Step::Greeting;
    m_buffer.clear();
    m_replyLines.clear();
    m_capabilities.clear();
    m_recipient = 0;
    m_socket = new QSslSocket(this);
    if (!m_config.extraCaCertificates.isEmpty()) {
        QSslConfiguration ssl = m_socket->sslConfiguration();
        QList<QSslCertificate> cas = ssl.caCertificates();
        cas += m_config.extraCaCertificates;
        ssl.setCaCertificates(cas);
        m_socket->setSslConfiguration(ssl);
    }
    connect(m_socket, &QSslSocket::readyRead, this, &SmtpNotifier::onReadyRead);
    connect(m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_socket && m_step != Step::Quit)
            finish(Error{ExitCode::Failure, tr("SMTP connection to %1 failed: %2").arg(m_config.host, m_socket->errorString())});
    });
    connect(m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        QStringList texts;
        for (const QSslError &e : errors)
            texts << e.errorString();
        finish(Error{ExitCode::Failure, tr("The SMTP server's certificate was refused: %1").arg(texts.join(u"; "_s))});
    });
    connect(m_socket, &QSslSocket::encrypted, this, [this] {
        if (m_step == Step::StartTls) {
            m_step = Step::EhloAgain;
            write("EHLO " + (m_config.heloName.isEmpty() ? QByteArray("chargedesk.invalid") : m_config.heloName.toUtf8()));
        }
    });
    m_deadline.start(m_config.timeoutMs);
    if (m_config.security == AlertDeliverySettings::SmtpSecurity::Tls)
        m_socket->connectToHostEncrypted(m_config.host, m_config.port);
    else
        m_socket->connectToHost(m_config.host, m_config.port);
}

void SmtpNotifier::write(const QByteArray &line)
{
    if (m_socket)
        m_socket->write(crlf(line));
}

void SmtpNotifier::onReadyRead()
{
    if (!m_socket)
        return;
    m_buffer += m_socket->readAll();
    qsizetype end;
    while (m_socket && (end = m_buffer.indexOf("\r\n")) >= 0) {
        const QByteArray line = m_buffer.left(end);
        m_buffer.remove(0, end + 2);
        if (line.size() < 3) {
            finish(Error{ExitCode::Failure, tr("The SMTP server sent an answer that is not SMTP.")});
            return;
        }
        m_replyLines << QString::fromUtf8(line.mid(4));
        if (line.size() > 3 && line.at(3) == '-')
            continue;  // more lines of the same reply
        bool ok = false;
        const int code = line.left(3).toInt(&ok);
        const QStringList lines = std::exchange(m_replyLines, {});
        if (!ok) {
            finish(Error{ExitCode::Failure, tr("The SMTP server sent an answer that is not SMTP.")});
            return;
        }
        onReply(code, lines);
    }
}

Status SmtpNotifier::protocolError(int code, const QStringList &lines) const
{
    //: %1 the SMTP server, %2 its reply code, %3 its words
    return Error{ExitCode::Failure, tr("The SMTP server %1 refused: %2 %3").arg(m_config.host).arg(code).arg(lines.join(u' '))};
}

void SmtpNotifier::afterEhlo(const QStringList &lines)
{
    m_capabilities.clear();
    for (const QString &l : lines.mid(1))
        m_capabilities << l.toUpper();
    if (m_step == Step::Ehlo && m_config.security == AlertDeliverySettings::SmtpSecurity::StartTls) {
        if (!m_capabilities.contains(u"STARTTLS"_s)) {
            finish(Error{ExitCode::Failure, tr("The SMTP server %1 does not offer STARTTLS.").arg(m_config.host)});
            return;
        }
        m_step = Step::StartTls;
        write("STARTTLS");
        return;
    }
    if (!m_config.user.isEmpty()) {
        QStringList mechanisms;
        for (const QString &c : std::as_const(m_capabilities)) {
            if (c.startsWith(u"AUTH "_s) || c.startsWith(u"AUTH="_s))
                mechanisms += c.mid(5).split(u' ', Qt::SkipEmptyParts);
        }
        if (mechanisms.contains(u"PLAIN"_s)) {
            m_step = Step::AuthPlain;
            const QByteArray token = QByteArray(1, '\0') + m_config.user.toUtf8() + QByteArray(1, '\0') + m_config.password.toUtf8();
            write("AUTH PLAIN " + token.toBase64());
            return;
        }
        if (mechanisms.contains(u"LOGIN"_s)) {
            m_step = Step::AuthLogin;
            write("AUTH LOGIN");
            return;
        }
        finish(Error{ExitCode::Failure, tr("The SMTP server %1 offers no login method ChargeDesk knows (PLAIN, LOGIN).")
                                            .arg(m_config.host)});
        return;
    }
    mailFrom();
}

void SmtpNotifier::mailFrom()
{
    m_step = Step::MailFrom;
    write("MAIL FROM:<" + oneLine(m_config.from).toUtf8() + ">");
}

void SmtpNotifier::onReply(int code, const QStringList &lines)
{
    const QByteArray helo = m_config.heloName.isEmpty() ? QByteArray("chargedesk.invalid") : m_config.heloName.toUtf8();
    switch (m_step) {
    case Step::Greeting:
        if (code != 220)
            return finish(protocolError(code, lines));
        m_step = Step::Ehlo;
        write("EHLO " + helo);
        return;
    case Step::Ehlo:
    case Step::EhloAgain:
        if (code != 250)
            return finish(protocolError(code, lines));
        afterEhlo(lines);
        return;
    case Step::StartTls:
        if (code != 220)
            return finish(protocolError(code, lines));
        m_socket->startClientEncryption();  // encrypted() sends EHLO again
        return;
    case Step::AuthPlain:
    case Step::AuthPassword:
        if (code != 235)
            return finish(protocolError(code, lines));
        mailFrom();
        return;
    case Step::AuthLogin:
        if (code != 334)
            return finish(protocolError(code, lines));
        m_step = Step::AuthUser;
        write(m_config.user.toUtf8().toBase64());
        return;
    case Step::AuthUser:
        if (code != 334)
            return finish(protocolError(code, lines));
        m_step = Step::AuthPassword;
        write(m_config.password.toUtf8().toBase64());
        return;
    case Step::MailFrom:
        if (code != 250)
            return finish(protocolError(code, lines));
        m_step = Step::RcptTo;
        write("RCPT TO:<" + oneLine(m_config.to.at(m_recipient)).toUtf8() + ">");
        return;
    case Step::RcptTo:
        if (code != 250 && code != 251)
            return finish(protocolError(code, lines));
        if (++m_recipient < m_config.to.size()) {
            write("RCPT TO:<" + oneLine(m_config.to.at(m_recipient)).toUtf8() + ">");
            return;
        }
        m_step = Step::Data;
        write("DATA");
        return;
    case Step::Data:
        if (code != 354)
            return finish(protocolError(code, lines));
        m_step = Step::Message;
        m_socket->write(m_message + ".\r\n");
        return;
    case Step::Message:
        if (code != 250)
            return finish(protocolError(code, lines));
        m_step = Step::Quit;
        write("QUIT");
        // Accepted: the mail is the server's now, whatever QUIT answers.
        finish({});
        return;
    case Step::Quit:
        return;
    }
}

void SmtpNotifier::finish(const Status &result)
{
    m_deadline.stop();
    if (!m_socket)
        return;
    QSslSocket *socket = std::exchange(m_socket, nullptr);
    socket->disconnect(this);
    if (socket->state() == QAbstractSocket::ConnectedState)
        socket->disconnectFromHost();
    socket->deleteLater();
    if (Done done = std::exchange(m_done, nullptr))
        done(result);
}

}  // namespace cd::alerts
