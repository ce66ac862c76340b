#include "ui/widgets/pageheader.h"

#include "ui/widgets/style.h"
#include "ui/widgets/wrappinglabel.h"

#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {

PageHeader::PageHeader(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_description(new WrappingLabel(this))
{
    m_title->setObjectName(u"pageTitle"_s);
    m_title->setFont(style::headingFont(font()));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setAccessibleName(QString());

    m_description->setObjectName(u"pageDescription"_s);
    m_description->setMaximumWidth(760);
    style::makeMuted(m_description);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_title);
    layout->addWidget(m_description);
}

void PageHeader::setTitle(const QString &title)
{
    m_title->setText(title);
}

QString PageHeader::title() const
{
    return m_title->text();
}

void PageHeader::setDescription(const QString &description)
{
    m_description->setText(description);
    m_description->setVisible(!description.isEmpty());
}

QString PageHeader::description() const
{
    return m_description->text();
}

}  // namespace cd::ui
