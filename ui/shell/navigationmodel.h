#pragma once
// The rows of the main window's navigation: one per screen, with name, icon and shortcut.

#include "ui/shell/screen.h"

#include <QAbstractListModel>
#include <QIcon>
#include <QKeySequence>
#include <QList>

namespace cd::ui {

class NavigationModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        ScreenRole = Qt::UserRole + 1,  // int(Screen)
        ShortcutRole,                   // QKeySequence
    };

    explicit NavigationModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    QModelIndex indexOf(Screen screen) const;
    static Screen screenAt(const QModelIndex &index);

    // Ctrl+1 … Ctrl+9, then Ctrl+0 for the tenth, in navigation order.
    static QKeySequence shortcutFor(Screen screen);

    // Re-reads the translated texts (call on QEvent::LanguageChange).
    void retranslate();

private:
    QList<QIcon> m_icons;
};

}  // namespace cd::ui
