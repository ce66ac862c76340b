#include "ui/alerts/alertactiondialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

AlertActionDialog::AlertActionDialog(Action action, const QString &alertSummary, const QString &currentAssignee,
                                     QWidget *parent)
    : QDialog(parent), m_action(action)
{
    setObjectName(u"alertActionDialog"_s);
    switch (action) {
    case Action::Acknowledge:
        setWindowTitle(tr("Acknowledge alert"));
        break;
    case Action::Assign:
        setWindowTitle(tr("Assign alert"));
        break;
    case Action::Resolve:
        setWindowTitle(tr("Resolve alert"));
        break;
    }
    m_summary = new QLabel(alertSummary, this);
    m_summary->setObjectName(u"alertActionSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);

    auto *form = new QFormLayout;
    if (action == Action::Assign) {
        m_assignee = new QLineEdit(currentAssignee, this);
        m_assignee->setObjectName(u"alertAssignee"_s);
        m_assignee->setMaxLength(200);
        form->addRow(tr("Assign to:"), m_assignee);
        connect(m_assignee, &QLineEdit::textChanged, this, &AlertActionDialog::updateButtons);
    }
    m_note = new QPlainTextEdit(this);
    m_note->setObjectName(u"alertNote"_s);
    m_note->setTabChangesFocus(true);
    m_note->setPlaceholderText(action == Action::Resolve ? tr("What was done (required)") : tr("Optional"));
    form->addRow(tr("Note:"), m_note);
    connect(m_note, &QPlainTextEdit::textChanged, this, &AlertActionDialog::updateButtons);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(u"alertActionButtons"_s);
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setText(action == Action::Acknowledge ? tr("Acknowledge")
                : action == Action::Assign    ? tr("Assign")
                                              : tr("Resolve"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    updateButtons();
}

QString AlertActionDialog::assignee() const
{
    return m_assignee ? m_assignee->text().trimmed() : QString();
}

QString AlertActionDialog::note() const
{
    return m_note->toPlainText().trimmed();
}

void AlertActionDialog::setAssignee(const QString &name)
{
    if (m_assignee)
        m_assignee->setText(name);
}

void AlertActionDialog::setNote(const QString &note)
{
    m_note->setPlainText(note);
}

bool AlertActionDialog::canAccept() const
{
    if (m_action == Action::Resolve)
        return !note().isEmpty();
    return true;
}

void AlertActionDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(canAccept());
}

}  // namespace cd::ui
