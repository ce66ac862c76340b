#include "ui/access/firstadministratordialog.h"

#include "core/access/permission.h"
#include "core/storage/queryrunner.h"
#include "ui/access/passwordfields.h"
#include "ui/widgets/style.h"
#include "ui/widgets/wrappinglabel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

FirstAdministratorDialog::FirstAdministratorDialog(storage::QueryRunner &runner, QString client, QWidget *parent)
    : QDialog(parent), m_runner(runner), m_client(std::move(client))
{
    setObjectName(u"firstAdministratorDialog"_s);
    setWindowIcon(QIcon(u":/icons/chargedesk.svg"_s));

    m_heading = new QLabel(this);
    m_heading->setObjectName(u"firstAdministratorHeading"_s);
    m_heading->setFont(style::subheadingFont(font()));
    m_explanation = new WrappingLabel(this);
    m_explanation->setObjectName(u"firstAdministratorExplanation"_s);

    m_login = new QLineEdit(this);
    m_login->setObjectName(u"administratorLogin"_s);
    m_login->setMaxLength(access::AccessService::kMaxLoginLength);
    // What AccessService accepts; it checks again.
    m_login->setValidator(new QRegularExpressionValidator(
        QRegularExpression(access::AccessService::loginCharacters() + u"{0,%1}"_s.arg(access::AccessService::kMaxLoginLength)),
        m_login));
    m_displayName = new QLineEdit(this);
    m_displayName->setObjectName(u"administratorName"_s);
    m_displayName->setMaxLength(access::AccessService::kMaxDisplayNameLength);
    m_loginLabel = new QLabel(this);
    m_loginLabel->setBuddy(m_login);
    m_nameLabel = new QLabel(this);
    m_nameLabel->setBuddy(m_displayName);
    auto *form = new QFormLayout;
    form->addRow(m_loginLabel, m_login);
    form->addRow(m_nameLabel, m_displayName);
    m_password = new PasswordFields(u"administrator"_s, this);
    m_password->insertRows(form);

    m_problem = new WrappingLabel(this);
    m_problem->setObjectName(u"firstAdministratorProblem"_s);
    m_problem->setTextFormat(Qt::PlainText);
    style::makeMuted(m_problem);

    m_dontAskAgain = new QCheckBox(this);
    m_dontAskAgain->setObjectName(u"dontAskAgain"_s);

    m_buttons = new QDialogButtonBox(this);
    m_create = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(u"createAdministrator"_s);
    m_create->setDefault(true);
    m_withoutAccounts = m_buttons->addButton(QString(), QDialogButtonBox::RejectRole);
    m_withoutAccounts->setObjectName(u"continueWithoutAccounts"_s);
    connect(m_create, &QPushButton::clicked, this, &FirstAdministratorDialog::create);
    connect(m_withoutAccounts, &QPushButton::clicked, this, &FirstAdministratorDialog::continueWithoutAccounts);
    connect(m_login, &QLineEdit::textChanged, this, &FirstAdministratorDialog::updateButtons);
    connect(m_password, &PasswordFields::changed, this, &FirstAdministratorDialog::updateButtons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_explanation);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addStretch(1);
    layout->addWidget(m_dontAskAgain);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 72);

    retranslateUi();
    updateButtons();
    m_login->setFocus();
    adjustSize();  // as small as its texts allow
}

bool FirstAdministratorDialog::dontAskAgain() const
{
    return m_dontAskAgain->isChecked();
}

void FirstAdministratorDialog::create()
{
    if (m_busy || m_login->text().isEmpty() || !m_password->isValid())
        return;
    m_busy = true;
    updateButtons();
    m_password->setEnabled(false);
    access::NewOperator administrator;
    administrator.login = m_login->text();
    administrator.displayName = m_displayName->text().trimmed();
    administrator.password = m_password->value();
    administrator.role = access::BuiltinRoles::administrator();
    m_runner.run<Expected<access::LoginSession>>(
        this,
        [administrator, client = m_client](const std::shared_ptr<storage::Database> &db) -> Expected<access::LoginSession> {
            access::AccessService service(*db);
            if (auto created = service.createFirstAdministrator(administrator); !created)
                return created.error();
            return service.login(administrator.login, administrator.password, client);
        },
        [this](Expected<access::LoginSession> result) { finish(std::move(result)); });
}

void FirstAdministratorDialog::finish(Expected<access::LoginSession> result)
{
    m_busy = false;
    m_password->setEnabled(true);
    if (!result) {
        m_problem->setText(result.error().message);
        style::makeError(m_problem);
        updateButtons();
        return;
    }
    m_password->clear();
    m_session = std::move(result.value());
    accept();
}

void FirstAdministratorDialog::continueWithoutAccounts()
{
    if (m_busy)
        return;
    m_session.reset();
    accept();
}

void FirstAdministratorDialog::updateButtons()
{
    // The password's own line says what it still needs; this one the login, or the service's refusal.
    const QString problem = m_login->text().isEmpty() ? tr("Choose a login for the administrator.") : QString();
    if (!m_busy && m_problem->text() != problem) {
        m_problem->setText(problem);
        style::makeMuted(m_problem);
    }
    m_create->setEnabled(!m_busy && problem.isEmpty() && m_password->isValid());
    m_withoutAccounts->setEnabled(!m_busy);
}

void FirstAdministratorDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void FirstAdministratorDialog::retranslateUi()
{
    setWindowTitle(tr("Welcome to ChargeDesk"));
    m_heading->setText(tr("Create the administrator"));
    m_explanation->setText(
        tr("This database has no operator accounts yet. The administrator you create now logs in to every "
           "console that opens it, adds the other operators and gives each a role: support, site manager, "
           "accountant or one of your own. Without accounts, whoever opens this console may do everything."));
    m_loginLabel->setText(tr("&Login:"));
    m_nameLabel->setText(tr("&Name:"));
    m_displayName->setPlaceholderText(tr("Shown in lists; the login if empty"));
    m_password->retranslateUi();
    m_dontAskAgain->setText(tr("Do not ask again on this computer when I continue without accounts"));
    m_create->setText(tr("Create and log in"));
    m_withoutAccounts->setText(tr("Continue without accounts"));
    updateButtons();
}

}  // namespace cd::ui
