#include "ui/operators/operatorstab.h"

#include "ui/operators/operatordialog.h"
#include "ui/operators/operatortablemodel.h"
#include "ui/operators/statusline.h"
#include "ui/widgets/readonlytable.h"
#include "ui/widgets/style.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::StringLiterals;

namespace cd::ui {

using access::AccessService;
using access::OperatorRow;
using access::RoleRow;
using Kind = ChangeDialog::Kind;

namespace {

struct Accounts {
    QList<OperatorRow> operators;
    QList<RoleRow> roles;
};

QString subjectOf(const OperatorRow &o)
{
    return OperatorTableModel::nameAndLogin(o.displayName, o.login);
}

QPushButton *button(const QString &objectName, QWidget *parent)
{
    auto *b = new QPushButton(parent);
    b->setObjectName(objectName);
    return b;
}

}  // namespace

OperatorsTab::OperatorsTab(const OperatorsContext &context, QWidget *parent) : QWidget(parent), m_context(context)
{
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"operatorSummary"_s);
    style::makeMuted(m_summary);

    m_model = new OperatorTableModel(this);
    m_table = makeReadOnlyTable(u"operatorTable"_s, this);
    m_table->setModel(m_model);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(OperatorTableModel::DisplayName, QHeaderView::Stretch);

    m_add = button(u"addOperatorButton"_s, this);
    m_role = button(u"changeRoleButton"_s, this);
    m_maxLogins = button(u"maxLoginsButton"_s, this);
    m_disable = button(u"disableOperatorButton"_s, this);
    m_password = button(u"resetPasswordButton"_s, this);
    m_unlock = button(u"unlockOperatorButton"_s, this);
    m_status = makeStatusLine(u"operatorStatus"_s, this);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addSpacing(12);
    buttons->addWidget(m_role);
    buttons->addWidget(m_maxLogins);
    buttons->addWidget(m_password);
    buttons->addWidget(m_unlock);
    buttons->addWidget(m_disable);
    buttons->addStretch(1);
    buttons->addWidget(m_summary);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &OperatorsTab::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &OperatorsTab::updateButtons);
    connect(m_add, &QPushButton::clicked, this, &OperatorsTab::openAddOperator);
    connect(m_role, &QPushButton::clicked, this, [this] { openChange(Kind::Role); });
    connect(m_maxLogins, &QPushButton::clicked, this, [this] { openChange(Kind::MaxLogins); });
    connect(m_password, &QPushButton::clicked, this, [this] { openChange(Kind::Password); });
    connect(m_disable, &QPushButton::clicked, this, [this] { openChange(Kind::Disable); });
    connect(m_unlock, &QPushButton::clicked, this, [this] { openChange(Kind::Unlock); });
    retranslateUi();
    updateButtons();
}

QString OperatorsTab::statusText() const
{
    return m_status->text();
}

void OperatorsTab::refresh()
{
    m_context.read<Accounts>(
        this,
        [actor = m_context.actor](AccessService &s) -> Expected<Accounts> {
            auto operators = s.operators(actor);
            if (!operators)
                return operators.error();
            auto roles = s.roles(actor);
            if (!roles)
                return roles.error();
            return Accounts{std::move(*operators), std::move(*roles)};
        },
        [this](Expected<Accounts> accounts) {
            if (!accounts) {
                m_status->setText(accounts.error().message);
                return;
            }
            m_status->clear();
            m_loaded = true;
            const QString selected =
                m_pendingSelection.isEmpty() ? selectedLogin() : std::exchange(m_pendingSelection, {});
            m_roles = std::move(accounts->roles);
            m_model->setOperators(std::move(accounts->operators));
            if (!selectOperator(selected))
                selectOperator(m_context.actor.login());
            retranslateUi();
            emit loaded(m_model->rowCount());
        });
}

bool OperatorsTab::selectOperator(const QString &login)
{
    return !login.isEmpty() && selectSourceRow(m_table, m_model, m_model->rowOf(login));
}

QString OperatorsTab::selectedLogin() const
{
    const OperatorRow *o = m_model->row(m_table->currentIndex().row());
    return o ? o->login : QString();
}

OperatorDialog *OperatorsTab::openAddOperator()
{
    if (!m_loaded)
        return nullptr;
    auto *dialog = new OperatorDialog(m_roles, m_model->rowCount() == 0, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ActionDialog::submitted, this, [this, dialog] {
        const access::NewOperator op = dialog->newOperator();
        m_context.change(
            this, dialog,
            [op, reason = dialog->reason(), by = m_context.actor](AccessService &s) -> Status {
                // The first account is an administrator (an operator of another role would lock
                // everyone out); from then on, AccessService checks who adds one.
                auto any = s.hasOperators();
                if (!any)
                    return any.error();
                auto created = *any ? s.createOperator(by, op, reason) : s.createFirstAdministrator(op);
                return created ? Status() : Status(created.error());
            },
            [this, login = op.login, first = dialog->isFirstAdministrator()] {
                m_pendingSelection = login;  // selected when the list is back
                refresh();
                emit changed();
                if (first)
                    emit firstAdministratorCreated();
            });
    });
    dialog->open();
    return dialog;
}

ChangeDialog *OperatorsTab::openChange(Kind kind)
{
    const OperatorRow *o = m_model->row(m_table->currentIndex().row());
    if (!o)
        return nullptr;
    if (kind == Kind::Disable || kind == Kind::Enable)
        kind = o->disabled ? Kind::Enable : Kind::Disable;
    auto *dialog = new ChangeDialog(kind, subjectOf(*o), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setRoles(m_roles, o->role);
    dialog->setMaxLogins(o->maxConcurrentLogins);
    connect(dialog, &ActionDialog::submitted, this, [this, dialog, login = o->login] {
        std::function<Status(AccessService &)> work;
        const QString reason = dialog->reason();
        const access::Actor by = m_context.actor;
        switch (dialog->kind()) {
        case Kind::Role:
            work = [by, login, reason, role = dialog->role()](AccessService &s) {
                return s.setRole(by, login, role, reason);
            };
            break;
        case Kind::MaxLogins:
            work = [by, login, reason, max = dialog->maxLogins()](AccessService &s) {
                return s.setMaxConcurrentLogins(by, login, max, reason);
            };
            break;
        case Kind::Password:
            work = [by, login, reason, password = dialog->password()](AccessService &s) {
                return s.resetPassword(by, login, password, reason);
            };
            break;
        case Kind::Disable:
        case Kind::Enable:
            work = [by, login, reason, disable = dialog->kind() == Kind::Disable](AccessService &s) {
                return s.setDisabled(by, login, disable, reason);
            };
            break;
        case Kind::Unlock:
            work = [by, login, reason](AccessService &s) { return s.unlock(by, login, reason); };
            break;
        default:
            return;
        }
        m_context.change(this, dialog, std::move(work), [this] {
            refresh();
            emit changed();
        });
    });
    dialog->open();
    return dialog;
}

void OperatorsTab::updateButtons()
{
    const OperatorRow *o = m_model->row(m_table->currentIndex().row());
    const bool manage = m_context.canManage();
    m_add->setEnabled(manage && m_loaded);
    for (QPushButton *b : {m_role, m_maxLogins, m_disable, m_password})
        b->setEnabled(manage && o);
    m_disable->setText(o && o->disabled ? tr("&Enable…") : tr("&Disable…"));
    // Only a locked login needs it; shown then, so that the table's "Locked until" has its remedy next to it.
    m_unlock->setVisible(manage && o && o->lockedAt(QDateTime::currentMSecsSinceEpoch()));
}

void OperatorsTab::retranslateUi()
{
    m_add->setText(tr("&Add operator…"));
    m_role->setText(tr("Change &role…"));
    m_maxLogins->setText(tr("&Logins at once…"));
    m_password->setText(tr("Reset &password…"));
    m_unlock->setText(tr("&Unlock…"));
    updateButtons();
    const int rows = m_model->rowCount();
    m_summary->setText(rows == 0 ? tr("No operator accounts yet: the console works without logins.")
                                 : tr("%n operator(s)", nullptr, rows));
    m_model->retranslate();
}

}  // namespace cd::ui
