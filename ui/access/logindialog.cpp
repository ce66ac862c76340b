#include "ui/access/logindialog.h"

#include "core/storage/queryrunner.h"
#include "ui/widgets/style.h"
#include "ui/widgets/wrappinglabel.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

LoginDialog::LoginDialog(storage::QueryRunner &runner, QString client, QWidget *parent)
    : QDialog(parent), m_runner(runner), m_client(std::move(client))
{
    setObjectName(u"loginDialog"_s);
    setWindowIcon(QIcon(u":/icons/chargedesk.svg"_s));

    m_heading = new QLabel(this);
    m_heading->setObjectName(u"loginHeading"_s);
    m_heading->setFont(style::subheadingFont(font()));
    m_notice = new WrappingLabel(this);
    m_notice->setObjectName(u"loginNotice"_s);
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->hide();

    m_login = new QLineEdit(this);
    m_login->setObjectName(u"loginName"_s);
    m_login->setMaxLength(access::AccessService::kMaxLoginLength);
    m_password = new QLineEdit(this);
    m_password->setObjectName(u"loginPassword"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setMaxLength(access::AccessService::kMaxPasswordFieldLength);
    m_loginLabel = new QLabel(this);
    m_loginLabel->setBuddy(m_login);
    m_passwordLabel = new QLabel(this);
    m_passwordLabel->setBuddy(m_password);
    auto *form = new QFormLayout;
    form->addRow(m_loginLabel, m_login);
    form->addRow(m_passwordLabel, m_password);

    m_error = new WrappingLabel(this);
    m_error->setObjectName(u"loginError"_s);
    m_error->setTextFormat(Qt::PlainText);
    style::makeError(m_error);
    m_error->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(u"loginButtons"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LoginDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_login, &QLineEdit::textChanged, this, &LoginDialog::updateButtons);
    connect(m_password, &QLineEdit::textChanged, this, &LoginDialog::updateButtons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_notice);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 56);

    retranslateUi();
    updateButtons();
    m_login->setFocus();
    adjustSize();  // as small as its texts allow
}

void LoginDialog::setNotice(const QString &notice)
{
    m_notice->setText(notice);
    m_notice->setVisible(!notice.isEmpty());
}

void LoginDialog::setLogin(const QString &login)
{
    m_login->setText(login);
    if (!login.isEmpty())
        m_password->setFocus();
}

void LoginDialog::submit()
{
    if (m_busy || m_login->text().trimmed().isEmpty() || m_password->text().isEmpty())
        return;
    setBusy(true);
    m_error->hide();
    const QString login = m_login->text().trimmed();
    const QByteArray password = m_password->text().toUtf8();
    m_runner.run<Expected<access::LoginSession>>(
        this,
        [login, password, client = m_client](const std::shared_ptr<storage::Database> &db) {
            return access::AccessService(*db).login(login, password, client);
        },
        [this](Expected<access::LoginSession> result) { finish(std::move(result)); });
}

void LoginDialog::finish(Expected<access::LoginSession> result)
{
    setBusy(false);
    if (!result) {
        m_error->setText(result.error().message);
        m_error->show();
        m_password->selectAll();
        m_password->setFocus();
        return;
    }
    m_password->clear();
    m_session = std::move(result.value());
    accept();
}

void LoginDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_login->setReadOnly(busy);
    m_password->setReadOnly(busy);
    m_buttons->button(QDialogButtonBox::Ok)->setText(busy ? tr("Checking…") : tr("Log in"));
    updateButtons();
}

void LoginDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(!m_busy && !m_login->text().trimmed().isEmpty() && !m_password->text().isEmpty());
}

void LoginDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void LoginDialog::retranslateUi()
{
    setWindowTitle(tr("Log in to ChargeDesk"));
    m_heading->setText(tr("Log in with your operator account"));
    m_loginLabel->setText(tr("&Login:"));
    m_passwordLabel->setText(tr("&Password:"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(m_busy ? tr("Checking…") : tr("Log in"));
    //: closes the console without logging in
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Quit"));
}

}  // namespace cd::ui
