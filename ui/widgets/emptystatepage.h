#pragma once
// A screen whose feature has not landed yet: its heading, what it is for, and a plain
// notice that it is not available in this version. Shows no data at all.

#include <QIcon>
#include <QWidget>

class QLabel;

namespace cd::ui {

class PageHeader;

class EmptyStatePage : public QWidget {
    Q_OBJECT
public:
    explicit EmptyStatePage(QWidget *parent = nullptr);

    void setTitle(const QString &title);
    QString title() const;
    void setDescription(const QString &description);
    void setIcon(const QIcon &icon);
    void setNotice(const QString &headline, const QString &detail);

private:
    void updateIcon();

    PageHeader *m_header;
    QLabel *m_icon;
    QLabel *m_headline;
    QLabel *m_detail;
    QIcon m_iconSource;
};

}  // namespace cd::ui
