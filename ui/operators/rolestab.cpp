#include "ui/operators/rolestab.h"

#include "ui/operators/changedialog.h"
#include "ui/operators/permissionlistmodel.h"
#include "ui/operators/rolelistmodel.h"
#include "ui/operators/statusline.h"
#include "ui/widgets/style.h"
#include "ui/widgets/wrappinglabel.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::StringLiterals;

namespace cd::ui {

using access::AccessService;
using access::BuiltinRoles;
using access::PermissionKind;
using access::RoleRow;

namespace {

constexpr int kRoleListWidth = 220;

QListView *makeList(const QString &objectName, QAbstractItemModel *model, QWidget *parent)
{
    auto *list = new QListView(parent);
    list->setObjectName(objectName);
    list->setModel(model);
    list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    list->setUniformItemSizes(true);
    return list;
}

QStringList minus(const QStringList &a, const QStringList &b)
{
    QStringList out;
    for (const QString &key : a) {
        if (!b.contains(key))
            out.append(key);
    }
    return out;
}

}  // namespace

RolesTab::RolesTab(const OperatorsContext &context, QWidget *parent) : QWidget(parent), m_context(context)
{
    m_roles = new RoleListModel(this);
    m_roleList = makeList(u"roleList"_s, m_roles, this);
    m_roleList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_newRole = new QPushButton(this);
    m_newRole->setObjectName(u"newRoleButton"_s);
    m_deleteRole = new QPushButton(this);
    m_deleteRole->setObjectName(u"deleteRoleButton"_s);
    auto *left = new QVBoxLayout;
    left->addWidget(m_roleList, 1);
    auto *roleButtons = new QHBoxLayout;
    roleButtons->addWidget(m_newRole);
    roleButtons->addWidget(m_deleteRole);
    left->addLayout(roleButtons);

    m_roleTitle = new QLabel(this);
    m_roleTitle->setObjectName(u"roleTitle"_s);
    m_roleTitle->setTextFormat(Qt::PlainText);
    m_roleTitle->setFont(style::subheadingFont(font()));
    m_roleNote = new WrappingLabel(this);
    m_roleNote->setObjectName(u"roleNote"_s);
    m_roleNote->setTextFormat(Qt::PlainText);
    style::makeMuted(m_roleNote);
    m_screensTitle = new QLabel(this);
    m_actionsTitle = new QLabel(this);
    for (QLabel *title : {m_screensTitle, m_actionsTitle}) {
        QFont bold = title->font();
        bold.setBold(true);
        title->setFont(bold);
    }
    m_screens = new PermissionListModel(PermissionKind::Screen, this);
    m_actions = new PermissionListModel(PermissionKind::Action, this);
    m_screenList = makeList(u"screenPermissions"_s, m_screens, this);
    m_actionList = makeList(u"actionPermissions"_s, m_actions, this);
    m_screensTitle->setBuddy(m_screenList);
    m_actionsTitle->setBuddy(m_actionList);
    auto *permissions = new QGridLayout;
    permissions->addWidget(m_screensTitle, 0, 0);
    permissions->addWidget(m_actionsTitle, 0, 1);
    permissions->addWidget(m_screenList, 1, 0);
    permissions->addWidget(m_actionList, 1, 1);
    permissions->setColumnStretch(0, 2);
    permissions->setColumnStretch(1, 3);

    m_apply = new QPushButton(this);
    m_apply->setObjectName(u"applyPermissionsButton"_s);
    m_revert = new QPushButton(this);
    m_revert->setObjectName(u"revertPermissionsButton"_s);
    m_status = makeStatusLine(u"roleStatus"_s, this);
    auto *applyRow = new QHBoxLayout;
    applyRow->addWidget(m_apply);
    applyRow->addWidget(m_revert);
    applyRow->addSpacing(12);
    applyRow->addWidget(m_status, 1);

    auto *right = new QVBoxLayout;
    right->addWidget(m_roleTitle);
    right->addWidget(m_roleNote);
    right->addLayout(permissions, 1);
    right->addLayout(applyRow);

    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left);
    layout->addSpacing(8);
    layout->addLayout(right, 1);

    connect(m_roleList->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        m_status->clear();
        showRole();
    });
    connect(m_roles, &QAbstractItemModel::modelReset, this, &RolesTab::showRole);
    connect(m_screens, &PermissionListModel::edited, this, &RolesTab::updateButtons);
    connect(m_actions, &PermissionListModel::edited, this, &RolesTab::updateButtons);
    connect(m_newRole, &QPushButton::clicked, this, &RolesTab::openNewRole);
    connect(m_deleteRole, &QPushButton::clicked, this, &RolesTab::openDeleteRole);
    connect(m_apply, &QPushButton::clicked, this, &RolesTab::openApply);
    connect(m_revert, &QPushButton::clicked, this, &RolesTab::revert);
    retranslateUi();
}

void RolesTab::refresh()
{
    m_context.read<QList<RoleRow>>(
        this, [actor = m_context.actor](AccessService &s) { return s.roles(actor); },
        [this](Expected<QList<RoleRow>> roles) {
            if (!roles) {
                m_status->setText(roles.error().message);
                return;
            }
            // Ticks not applied yet survive a reload of the same role.
            const QString selected = m_pendingSelection.isEmpty() ? (selectedRole() ? selectedRole()->name : QString())
                                                                  : std::exchange(m_pendingSelection, {});
            const bool keepTicks = hasChanges() && selectedRole() && selectedRole()->name == selected;
            const QStringList ticks = checkedKeys();
            m_roles->setRoles(std::move(*roles));
            if (!selectRole(selected))
                selectRole(BuiltinRoles::administrator());
            if (keepTicks && selectedRole() && selectedRole()->name == selected) {
                m_screens->setChecked(ticks);
                m_actions->setChecked(ticks);
                updateButtons();
            }
            emit loaded(m_roles->rowCount());
        });
}

bool RolesTab::selectRole(const QString &name)
{
    const int row = m_roles->rowOf(name);
    if (name.isEmpty() || row < 0)
        return false;
    m_roleList->setCurrentIndex(m_roles->index(row));
    showRole();  // also when it was current already
    return true;
}

const RoleRow *RolesTab::selectedRole() const
{
    return m_roles->role(m_roleList->currentIndex().row());
}

QStringList RolesTab::checkedKeys() const
{
    return m_screens->checkedKeys() + m_actions->checkedKeys();
}

bool RolesTab::hasChanges() const
{
    const RoleRow *r = selectedRole();
    if (!r)
        return false;
    const QStringList ticked = checkedKeys();
    return !minus(ticked, r->permissions).isEmpty() || !minus(r->permissions, ticked).isEmpty();
}

void RolesTab::showRole()
{
    const RoleRow *r = selectedRole();
    const bool administrator = r && r->name == BuiltinRoles::administrator();
    m_screens->setChecked(r ? r->permissions : QStringList());
    m_actions->setChecked(r ? r->permissions : QStringList());
    m_screens->setReadOnly(!r || administrator || !m_context.canManage());
    m_actions->setReadOnly(!r || administrator || !m_context.canManage());
    retranslateUi();
}

void RolesTab::updateButtons()
{
    const RoleRow *r = selectedRole();
    const bool manage = m_context.canManage();
    const bool changes = hasChanges();
    m_newRole->setEnabled(manage);
    m_deleteRole->setEnabled(manage && r && !r->builtin);
    m_apply->setEnabled(manage && changes);
    m_revert->setEnabled(changes);
}

ChangeDialog *RolesTab::openNewRole()
{
    const RoleRow *r = selectedRole();
    const QString copyOf = r ? BuiltinRoles::displayName(r->name) : QString();
    auto *dialog = new ChangeDialog(ChangeDialog::Kind::NewRole, copyOf, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QStringList source = r ? r->permissions : QStringList();
    connect(dialog, &ActionDialog::submitted, this, [this, dialog, source] {
        const QString name = dialog->roleName();
        m_context.change(
            this, dialog,
            [by = m_context.actor, name, reason = dialog->reason(),
             permissions = dialog->copyPermissions() ? source : QStringList()](AccessService &s) -> Status {
                auto role = s.createRole(by, name, permissions, reason);
                return role ? Status() : Status(role.error());
            },
            [this, name] {
                m_pendingSelection = name;
                refresh();
            });
    });
    dialog->open();
    return dialog;
}

ChangeDialog *RolesTab::openDeleteRole()
{
    const RoleRow *r = selectedRole();
    if (!r || r->builtin)
        return nullptr;
    auto *dialog = new ChangeDialog(ChangeDialog::Kind::DeleteRole, r->name, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ActionDialog::submitted, this, [this, dialog, name = r->name] {
        m_context.change(
            this, dialog,
            [by = m_context.actor, name, reason = dialog->reason()](AccessService &s) {
                return s.deleteRole(by, name, reason);
            },
            [this] { refresh(); });
    });
    dialog->open();
    return dialog;
}

ChangeDialog *RolesTab::openApply()
{
    const RoleRow *r = selectedRole();
    if (!r || !hasChanges())
        return nullptr;
    const QStringList ticked = checkedKeys();
    const QStringList granted = minus(ticked, r->permissions);
    const QStringList revoked = minus(r->permissions, ticked);
    const QString name = BuiltinRoles::displayName(r->name);
    auto *dialog = new ChangeDialog(ChangeDialog::Kind::Permissions, name, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QStringList lines{tr("Change the permissions of %1?").arg(name)};
    const auto titles = [](const QStringList &keys) {
        QStringList out;
        for (const QString &key : keys) {
            if (const auto p = access::PermissionCatalog::fromKey(key))
                out << access::PermissionCatalog::title(*p);
        }
        return out.join(u"; "_s);
    };
    if (!granted.isEmpty())
        lines << tr("Allow: %1").arg(titles(granted));
    if (!revoked.isEmpty())
        lines << tr("No longer allow: %1").arg(titles(revoked));
    dialog->setMessage(lines.join(u'\n'));
    connect(dialog, &ActionDialog::submitted, this, [this, dialog, role = r->name, granted, revoked] {
        // One grant and one revoke; a refusal of the grant leaves the revoke undone.
        m_context.change(
            this, dialog,
            [by = m_context.actor, role, granted, revoked, reason = dialog->reason()](AccessService &s) -> Status {
                if (!granted.isEmpty()) {
                    if (Status st = s.grant(by, role, granted, reason); !st)
                        return st;
                }
                return revoked.isEmpty() ? Status() : s.revoke(by, role, revoked, reason);
            },
            [this] {
                refresh();
                emit applied();
            });
    });
    dialog->open();
    return dialog;
}

void RolesTab::revert()
{
    m_status->clear();
    showRole();
}

void RolesTab::retranslateUi()
{
    m_newRole->setText(tr("&New role…"));
    m_deleteRole->setText(tr("De&lete role…"));
    m_screensTitle->setText(tr("&Screens"));
    m_actionsTitle->setText(tr("Ac&tions"));
    m_apply->setText(tr("A&pply…"));
    m_revert->setText(tr("Re&vert"));
    const RoleRow *r = selectedRole();
    if (!r) {
        m_roleTitle->setText(tr("No role selected"));
        m_roleNote->clear();
    } else {
        m_roleTitle->setText(BuiltinRoles::displayName(r->name));
        const QString holders = tr("%n operator(s) with this role.", nullptr, int(r->operators));
        if (r->name == BuiltinRoles::administrator())
            m_roleNote->setText(tr("Administrators always have every permission, also those added in later versions.")
                                + u' ' + holders);
        else if (r->builtin)
            m_roleNote->setText(tr("A built-in role: its permissions can be changed, it cannot be deleted.") + u' '
                                + holders);
        else
            m_roleNote->setText(tr("A custom role.") + u' ' + holders);
    }
    m_roles->retranslate();
    // Wide enough for the longest name in this language.
    m_roleList->setFixedWidth(qMax(kRoleListWidth, m_roleList->sizeHintForColumn(0) + 2 * m_roleList->frameWidth()
                                                       + m_roleList->verticalScrollBar()->sizeHint().width()));
    m_screens->retranslate();
    m_actions->retranslate();
    updateButtons();
}

}  // namespace cd::ui
