#include "ui/shell/navigationmodel.h"

using namespace Qt::StringLiterals;

namespace cd::ui {

NavigationModel::NavigationModel(QObject *parent) : QAbstractListModel(parent)
{
    for (const Screen screen : Screens::all())
        m_icons.append(Screens::icon(screen));
}

int NavigationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Screens::all().size());
}

QVariant NavigationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Screen screen = Screens::all().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return Screens::title(screen);
    case Qt::ToolTipRole:
        //: Tooltip of a navigation item: %1 is the screen's name, %2 its keyboard shortcut
        return tr("%1 (%2)").arg(Screens::title(screen),
                                 shortcutFor(screen).toString(QKeySequence::NativeText));
    case Qt::DecorationRole:
        return m_icons.at(index.row());
    case ScreenRole:
        return static_cast<int>(screen);
    case ShortcutRole:
        return shortcutFor(screen);
    default:
        return {};
    }
}

Qt::ItemFlags NavigationModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> NavigationModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(ScreenRole, QByteArrayLiteral("screen"));
    names.insert(ShortcutRole, QByteArrayLiteral("shortcut"));
    return names;
}

QModelIndex NavigationModel::indexOf(Screen screen) const
{
    return index(Screens::indexOf(screen), 0);
}

Screen NavigationModel::screenAt(const QModelIndex &index)
{
    return static_cast<Screen>(index.data(ScreenRole).toInt());
}

QKeySequence NavigationModel::shortcutFor(Screen screen)
{
    // Ctrl+1 … Ctrl+9 and Ctrl+0 in navigation order; the administration screens after them by letter.
    switch (screen) {
    case Screen::Audit:
        return QKeySequence(QKeyCombination(Qt::ControlModifier | Qt::ShiftModifier, Qt::Key_L));
    case Screen::Operators:
        return QKeySequence(QKeyCombination(Qt::ControlModifier | Qt::ShiftModifier, Qt::Key_O));
    default:
        break;
    }
    const int index = Screens::indexOf(screen);
    return QKeySequence(QKeyCombination(Qt::ControlModifier, index == 9 ? Qt::Key_0 : Qt::Key(Qt::Key_1 + index)));
}

void NavigationModel::retranslate()
{
    if (rowCount() == 0)
        return;
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, 0),
                       {Qt::DisplayRole, Qt::AccessibleTextRole, Qt::ToolTipRole});
}

}  // namespace cd::ui
