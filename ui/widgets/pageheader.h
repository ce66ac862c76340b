#pragma once
// The heading every screen starts with: its title and one or two sentences under it.

#include <QWidget>

class QLabel;

namespace cd::ui {

class PageHeader : public QWidget {
    Q_OBJECT
public:
    explicit PageHeader(QWidget *parent = nullptr);

    void setTitle(const QString &title);
    QString title() const;
    void setDescription(const QString &description);
    QString description() const;

private:
    QLabel *m_title;
    QLabel *m_description;
};

}  // namespace cd::ui
