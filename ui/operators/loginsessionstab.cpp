#include "ui/operators/loginsessionstab.h"

#include "ui/operators/changedialog.h"
#include "ui/operators/loginsessionmodel.h"
#include "ui/operators/statusline.h"
#include "ui/widgets/readonlytable.h"
#include "ui/widgets/style.h"
#include "ui/widgets/timetext.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

using access::AccessService;
using access::LoginSessionRow;

namespace {

struct Logins {
    QList<LoginSessionRow> sessions;
    QHash<qint64, QString> names;  // display names by operator id
};

}  // namespace

LoginSessionsTab::LoginSessionsTab(const OperatorsContext &context, QWidget *parent)
    : QWidget(parent), m_context(context)
{
    m_model = new LoginSessionModel(this);
    m_table = makeReadOnlyTable(u"loginSessionTable"_s, this);
    m_table->setModel(m_model);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(LoginSessionModel::Client, QHeaderView::Stretch);
    m_end = new QPushButton(this);
    m_end->setObjectName(u"endSessionButton"_s);
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"loginSessionSummary"_s);
    style::makeMuted(m_summary);
    m_status = makeStatusLine(u"loginSessionStatus"_s, this);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_end);
    buttons->addStretch(1);
    buttons->addWidget(m_summary);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LoginSessionsTab::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &LoginSessionsTab::updateButtons);
    connect(m_end, &QPushButton::clicked, this, &LoginSessionsTab::openEndSession);
    retranslateUi();
}

void LoginSessionsTab::refresh()
{
    m_context.read<Logins>(
        this,
        [actor = m_context.actor](AccessService &s) -> Expected<Logins> {
            auto sessions = s.openSessions(actor);
            if (!sessions)
                return sessions.error();
            auto operators = s.operators(actor);
            if (!operators)
                return operators.error();
            Logins logins{std::move(*sessions), {}};
            for (const access::OperatorRow &o : *operators)
                logins.names.insert(o.id, o.displayName);
            return logins;
        },
        [this](Expected<Logins> logins) {
            if (!logins) {
                m_status->setText(logins.error().message);
                return;
            }
            m_status->clear();
            const qint64 selected = selectedSession();
            m_model->setSessions(std::move(logins->sessions), std::move(logins->names));
            selectSession(selected);
            retranslateUi();
            emit loaded(m_model->rowCount());
        });
}

bool LoginSessionsTab::selectSession(qint64 sessionId)
{
    return sessionId != 0 && selectSourceRow(m_table, m_model, rowOfId(m_model->sessions(), sessionId));
}

qint64 LoginSessionsTab::selectedSession() const
{
    return currentRowId(m_table, m_model->sessions());
}

ChangeDialog *LoginSessionsTab::openEndSession()
{
    const LoginSessionRow *s = m_model->session(m_table->currentIndex().row());
    if (!s)
        return nullptr;
    const QString subject = tr("%1 (logged in %2)").arg(s->login, localTimeText(s->startedMs));
    auto *dialog = new ChangeDialog(ChangeDialog::Kind::EndSession, subject, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_context.actor.sessionId() == s->id)
        dialog->setMessage(dialog->message() + u' ' + tr("This is your own login on this console."));
    connect(dialog, &ActionDialog::submitted, this, [this, dialog, id = s->id] {
        m_context.change(
            this, dialog,
            [by = m_context.actor, id, reason = dialog->reason()](AccessService &service) {
                return service.endSession(by, id, reason);
            },
            [this] { refresh(); });
    });
    dialog->open();
    return dialog;
}

void LoginSessionsTab::updateButtons()
{
    m_end->setEnabled(m_context.canManage() && selectedSession() != 0);
}

void LoginSessionsTab::retranslateUi()
{
    m_end->setText(tr("&End session…"));
    const int rows = m_model->rowCount();
    m_summary->setText(rows == 0 ? tr("Nobody is logged in.") : tr("%n login(s) open", nullptr, rows));
    m_model->retranslate();
    updateButtons();
}

}  // namespace cd::ui
