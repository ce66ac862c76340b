#include "ui/widgets/emptystatepage.h"

#include "ui/widgets/pageheader.h"
#include "ui/widgets/style.h"
#include "ui/widgets/wrappinglabel.h"

#include <QFrame>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace cd::ui {
namespace {
constexpr int iconExtent = 44;
constexpr int iconDiscExtent = 88;
constexpr int panelWidth = 520;
}  // namespace

EmptyStatePage::EmptyStatePage(QWidget *parent)
    : QWidget(parent),
      m_header(new PageHeader(this)),
      m_icon(new QLabel(this)),
      m_headline(new WrappingLabel(this)),
      m_detail(new WrappingLabel(this))
{
    m_icon->setObjectName(u"emptyStateIcon"_s);
    m_icon->setFixedSize(iconDiscExtent, iconDiscExtent);
    m_icon->setAlignment(Qt::AlignCenter);

    m_headline->setObjectName(u"emptyStateHeadline"_s);
    m_headline->setFont(style::subheadingFont(font()));
    m_headline->setTextFormat(Qt::PlainText);
    m_headline->setAlignment(Qt::AlignHCenter);
    m_headline->setWordWrap(true);

    m_detail->setObjectName(u"emptyStateDetail"_s);
    m_detail->setTextFormat(Qt::PlainText);
    m_detail->setAlignment(Qt::AlignHCenter);
    m_detail->setWordWrap(true);
    style::makeMuted(m_detail);

    auto *panel = new QFrame(this);
    panel->setObjectName(u"emptyStatePanel"_s);
    panel->setFixedWidth(panelWidth);  // a fixed width keeps the wrapped texts' heights right
    auto *panelLayout = new QVBoxLayout(panel);
    panelLayout->setContentsMargins(24, 24, 24, 24);
    panelLayout->setSpacing(10);
    panelLayout->addWidget(m_icon, 0, Qt::AlignHCenter);
    panelLayout->addSpacing(6);
    panelLayout->addWidget(m_headline);
    panelLayout->addWidget(m_detail);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addStretch(2);
    layout->addWidget(panel, 0, Qt::AlignHCenter);
    layout->addStretch(3);
}

void EmptyStatePage::setTitle(const QString &title)
{
    m_header->setTitle(title);
}

QString EmptyStatePage::title() const
{
    return m_header->title();
}

void EmptyStatePage::setDescription(const QString &description)
{
    m_header->setDescription(description);
}

void EmptyStatePage::setIcon(const QIcon &icon)
{
    m_iconSource = icon;
    updateIcon();
}

void EmptyStatePage::setNotice(const QString &headline, const QString &detail)
{
    m_headline->setText(headline);
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
}

void EmptyStatePage::updateIcon()
{
    if (m_iconSource.isNull()) {
        m_icon->clear();
        return;
    }
    m_icon->setPixmap(m_iconSource.pixmap(QSize(iconExtent, iconExtent), devicePixelRatioF()));
}

}  // namespace cd::ui
