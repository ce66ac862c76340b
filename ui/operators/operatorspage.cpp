#include "ui/operators/operatorspage.h"

#include "core/storage/queryrunner.h"
#include "ui/operators/loginsessionstab.h"
#include "ui/operators/operatorstab.h"
#include "ui/operators/rolestab.h"
#include "ui/shell/screen.h"
#include "ui/widgets/pageheader.h"
#include "ui/widgets/style.h"
#include "ui/widgets/wrappinglabel.h"

#include <QEvent>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {
constexpr int kRefreshMs = 15000;  // logins open and close on other consoles
}

OperatorsPage::OperatorsPage(const ConsoleServices &services, QWidget *parent, const access::AccessOptions &options)
    : QWidget(parent), m_runner(std::make_unique<storage::QueryRunner>(services.database))
{
    m_context.runner = m_runner.get();
    m_context.actor = services.actor;
    m_context.options = options;

    m_header = new PageHeader(this);
    m_note = new WrappingLabel(this);
    m_note->setObjectName(u"operatorsReadOnlyNote"_s);
    m_note->setTextFormat(Qt::PlainText);
    style::makeMuted(m_note);
    m_note->setVisible(!m_context.canManage());

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"operatorTabs"_s);
    m_operators = new OperatorsTab(m_context, m_tabs);
    m_operators->setObjectName(u"operatorsTab"_s);
    m_roles = new RolesTab(m_context, m_tabs);
    m_roles->setObjectName(u"rolesTab"_s);
    m_logins = new LoginSessionsTab(m_context, m_tabs);
    m_logins->setObjectName(u"loginSessionsTab"_s);
    m_tabs->addTab(m_operators, QString());
    m_tabs->addTab(m_roles, QString());
    m_tabs->addTab(m_logins, QString());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    layout->addWidget(m_header);
    layout->addWidget(m_note);
    layout->addWidget(m_tabs, 1);

    // An account change ends logins (disable) and moves operators between roles.
    connect(m_operators, &OperatorsTab::changed, m_logins, &LoginSessionsTab::refresh);
    connect(m_operators, &OperatorsTab::changed, m_roles, &RolesTab::refresh);
    connect(m_operators, &OperatorsTab::firstAdministratorCreated, this, &OperatorsPage::firstAdministratorCreated);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (static_cast<Tab>(index) == Logins)
            m_logins->refresh();
    });
    m_timer = new QTimer(this);
    m_timer->setInterval(kRefreshMs);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (isVisible() && currentTab() == Logins)
            m_logins->refresh();
    });
    m_timer->start();
    retranslateUi();
    refresh();
}

OperatorsPage::~OperatorsPage() = default;

void OperatorsPage::setCurrentTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

OperatorsPage::Tab OperatorsPage::currentTab() const
{
    return static_cast<Tab>(m_tabs->currentIndex());
}

QString OperatorsPage::noteText() const
{
    return m_note->isVisibleTo(this) ? m_note->text() : QString();
}

void OperatorsPage::refresh()
{
    m_operators->refresh();
    m_roles->refresh();
    m_logins->refresh();
}

void OperatorsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_logins->refresh();  // the other tabs change only here (or from the CLI, rarely)
}

void OperatorsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void OperatorsPage::retranslateUi()
{
    m_header->setTitle(Screens::title(Screen::Operators));
    m_header->setDescription(Screens::description(Screen::Operators));
    m_note->setText(tr("Read only: changing operators, roles and logins needs the permission to %1.")
                        .arg(access::PermissionCatalog::title(access::Permission::OperatorsManage)));
    m_tabs->setTabText(Operators, tr("Operators"));
    m_tabs->setTabText(Roles, tr("Roles"));
    m_tabs->setTabText(Logins, tr("Logins open now"));
    m_operators->retranslateUi();
    m_roles->retranslateUi();
    m_logins->retranslateUi();
}

}  // namespace cd::ui
