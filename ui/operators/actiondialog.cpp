#include "ui/operators/actiondialog.h"

#include "ui/operators/statusline.h"
#include "ui/widgets/wrappinglabel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

namespace {
constexpr int kMaxReason = 500;
}

ActionDialog::ActionDialog(QWidget *parent) : QDialog(parent)
{
    m_message = new WrappingLabel(this);
    m_message->setObjectName(u"actionMessage"_s);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setVisible(false);

    m_form = new QFormLayout;
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(u"actionReason"_s);
    m_reason->setMaxLength(kMaxReason);
    m_reason->setPlaceholderText(tr("Optional, kept in the audit log"));
    m_form->addRow(tr("R&eason:"), m_reason);

    m_error = makeStatusLine(u"actionError"_s, this);
    m_error->setVisible(false);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"actionProgress"_s);
    m_progress->setRange(0, 0);  // busy, no percentage
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_progress->setVisible(false);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(u"actionButtons"_s);
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ActionDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(m_form);
    layout->addWidget(m_error);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);
    setMinimumWidth(440);
}

QString ActionDialog::reason() const
{
    return m_reason->text().trimmed();
}

void ActionDialog::setReason(const QString &reason)
{
    m_reason->setText(reason);
}

QString ActionDialog::message() const
{
    return m_message->text();
}

QString ActionDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

bool ActionDialog::submit()
{
    if (m_busy || !canSubmit())
        return false;
    m_error->clear();
    m_error->setVisible(false);
    setBusy(true);
    emit submitted();
    return true;
}

void ActionDialog::finish(const Status &status)
{
    setBusy(false);
    if (status.ok()) {
        accept();
        return;
    }
    m_error->setText(status.error().message);
    m_error->setVisible(true);
}

void ActionDialog::setMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void ActionDialog::setSubmitText(const QString &text)
{
    m_buttons->button(QDialogButtonBox::Ok)->setText(text);
}

void ActionDialog::addField(const QString &label, QWidget *field)
{
    m_form->insertRow(reasonRow(), label, field);
}

int ActionDialog::reasonRow() const
{
    int row = -1;
    QFormLayout::ItemRole role;
    m_form->getWidgetPosition(m_reason, &row, &role);
    return row;
}

void ActionDialog::reject()
{
    if (!m_busy)
        QDialog::reject();
}

void ActionDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_busy && canSubmit());
}

void ActionDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    m_reason->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(!busy);
    setFieldsEnabled(!busy);
    updateButtons();
    if (busy)
        setCursor(Qt::BusyCursor);
    else
        unsetCursor();
}

}  // namespace cd::ui
