#include "ui/accounts/accountspage.h"

#include "core/payments/paymentsettings.h"
#include "core/storage/queryrunner.h"
#include "ui/accounts/couponstab.h"
#include "ui/accounts/departmentstab.h"
#include "ui/accounts/memberstab.h"
#include "ui/accounts/tariffstab.h"
#include "ui/shell/screen.h"
#include "ui/widgets/pageheader.h"

#include <QEvent>
#include <QSettings>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

AccountsPage::AccountsPage(const ConsoleServices &services, QWidget *parent)
    : QWidget(parent), m_runner(std::make_unique<storage::QueryRunner>(services.database))
{
    m_context.runner = m_runner.get();
    m_context.actor = services.actor;
    m_context.currency = payments::PaymentSettings::load(QSettings()).holdCurrency;

    m_header = new PageHeader(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"accountTabs"_s);
    m_members = new MembersTab(m_context, m_tabs);
    m_members->setObjectName(u"membersTab"_s);
    m_departments = new DepartmentsTab(m_context, m_tabs);
    m_departments->setObjectName(u"departmentsTab"_s);
    m_coupons = new CouponsTab(m_context, m_tabs);
    m_coupons->setObjectName(u"couponsTab"_s);
    m_tariffs = new TariffsTab(m_context, m_tabs);
    m_tariffs->setObjectName(u"tariffsTab"_s);
    m_tabs->addTab(m_members, QString());
    m_tabs->addTab(m_departments, QString());
    m_tabs->addTab(m_coupons, QString());
    m_tabs->addTab(m_tariffs, QString());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    layout->addWidget(m_header);
    layout->addWidget(m_tabs, 1);

    // What another tab changed shows when its tab opens (a new department in the member dialog, a
    // top-up's coupon in the coupon list).
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        switch (static_cast<Tab>(index)) {
        case Members:
            m_members->refresh();
            break;
        case Departments:
            m_departments->refresh();
            break;
        case Coupons:
            m_coupons->refresh();
            break;
        case Tariffs:
            m_tariffs->refresh();
            break;
        }
    });
    retranslateUi();
}

AccountsPage::~AccountsPage() = default;

void AccountsPage::setCurrentTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

AccountsPage::Tab AccountsPage::currentTab() const
{
    return static_cast<Tab>(m_tabs->currentIndex());
}

void AccountsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void AccountsPage::retranslateUi()
{
    m_header->setTitle(Screens::title(Screen::Accounts));
    m_header->setDescription(Screens::description(Screen::Accounts));
    m_tabs->setTabText(Members, tr("Members"));
    m_tabs->setTabText(Departments, tr("Departments"));
    m_tabs->setTabText(Coupons, tr("Coupons"));
    m_tabs->setTabText(Tariffs, tr("Tariffs"));
    m_members->retranslateUi();
    m_departments->retranslateUi();
    m_coupons->retranslateUi();
    m_tariffs->retranslateUi();
}

}  // namespace cd::ui
