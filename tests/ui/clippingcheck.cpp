#include "clippingcheck.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QTableView>
#include <QComboBox>
#include <QFontMetrics>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QStyleOptionGroupBox>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace cd::test {
namespace {

QString describe(const QWidget *widget, const QString &text)
{
    QString name = widget->objectName();
    if (name.isEmpty())
        name = QString::fromLatin1(widget->metaObject()->className());
    QString owner;
    for (const QWidget *w = widget->parentWidget(); w; w = w->parentWidget()) {
        if (w->objectName().endsWith(u"Page"_s)) {
            owner = w->objectName() + u'/';
            break;
        }
    }
    return owner + name + u" \""_s + text + u'"';
}

QString withoutMnemonic(QString text)
{
    // "&File" -> "File", "&&" -> "&"
    QString out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == u'&' && i + 1 < text.size()) {
            ++i;
        }
        out.append(text.at(i));
    }
    return out;
}

int textWidth(const QFontMetrics &metrics, const QString &text)
{
    int width = 0;
    for (const QString &line : text.split(u'\n'))
        width = qMax(width, metrics.horizontalAdvance(line));
    return width;
}

void checkLabel(QLabel *label, QStringList &offenders)
{
    const QString text = label->text();
    if (text.isEmpty())
        return;
    const bool rich = label->textFormat() == Qt::RichText
                      || (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(text));
    const QRect contents = label->contentsRect().adjusted(label->margin(), label->margin(),
                                                          -label->margin(), -label->margin());
    const QFontMetrics metrics(label->font());
    if (label->wordWrap() || rich) {
        const int needed = label->heightForWidth(label->width());
        if (needed > label->height())
            offenders << describe(label, text)
                             + u": needs %1 px high, has %2 px"_s.arg(needed).arg(label->height());
        return;
    }
    QString plain = text;
    if (label->buddy())
        plain = withoutMnemonic(plain);
    const int needed = textWidth(metrics, plain);
    if (needed > contents.width())
        offenders << describe(label, text) + u": needs %1 px, has %2 px"_s.arg(needed).arg(contents.width());
    const int lines = int(plain.count(u'\n')) + 1;
    const int neededHeight = metrics.height() * lines;
    if (neededHeight > contents.height())
        offenders << describe(label, text)
                         + u": needs %1 px high, has %2 px"_s.arg(neededHeight).arg(contents.height());
}

void checkButton(QAbstractButton *button, QStringList &offenders)
{
    if (button->text().isEmpty())
        return;
    const QSize hint = button->sizeHint();
    if (hint.width() > button->width())
        offenders << describe(button, button->text())
                         + u": needs %1 px, has %2 px"_s.arg(hint.width()).arg(button->width());
}

void checkCombo(QComboBox *combo, QStringList &offenders)
{
    // Every item must fit, not only the current one: the operator can pick any of them.
    const QSize hint = combo->sizeHint();
    if (hint.width() > combo->width())
        offenders << describe(combo, combo->currentText())
                         + u": needs %1 px, has %2 px"_s.arg(hint.width()).arg(combo->width());
}

void checkGroupBox(QGroupBox *box, QStringList &offenders)
{
    if (box->title().isEmpty())
        return;
    QStyleOptionGroupBox option;
    option.initFrom(box);
    option.text = box->title();
    option.subControls = QStyle::SC_GroupBoxLabel | QStyle::SC_GroupBoxFrame;
    option.lineWidth = 1;
    QFont bold = box->font();
    bold.setBold(true);  // Fusion draws group titles in bold
    const int needed = QFontMetrics(bold).horizontalAdvance(withoutMnemonic(box->title()));
    const QRect label = box->style()->subControlRect(QStyle::CC_GroupBox, &option, QStyle::SC_GroupBoxLabel, box);
    if (label.right() > box->width() || needed > box->width() - 2 * label.left())
        offenders << describe(box, box->title()) + u": needs %1 px, has %2 px"_s.arg(needed).arg(box->width());
}

void checkLineEdit(QLineEdit *edit, QStringList &offenders)
{
    if (!edit->isReadOnly() || edit->text().isEmpty())
        return;
    const QMargins margins = edit->textMargins();
    const int available = edit->contentsRect().width() - margins.left() - margins.right() - 4;
    const int needed = edit->fontMetrics().horizontalAdvance(edit->text());
    if (needed > available)
        offenders << describe(edit, edit->text()) + u": needs %1 px, has %2 px"_s.arg(needed).arg(available);
}

void checkItemView(QAbstractItemView *view, QStringList &offenders)
{
    QAbstractItemModel *model = view->model();
    if (!model)
        return;
    const int available = view->viewport()->width();
    // The first column the operator sees (a table may hide its first one).
    int column = 0;
    if (auto *table = qobject_cast<QTableView *>(view)) {
        while (column < model->columnCount(view->rootIndex()) && table->isColumnHidden(column))
            ++column;
    }
    for (int row = 0; row < model->rowCount(view->rootIndex()); ++row) {
        const QModelIndex index = model->index(row, column, view->rootIndex());
        const QRect rect = view->visualRect(index);
        const int needed = view->sizeHintForIndex(index).width();
        const int has = qMin(available, rect.width());
        if (needed > has)
            offenders << describe(view, index.data().toString())
                             + u": needs %1 px, has %2 px"_s.arg(needed).arg(has);
        const int neededHeight = view->sizeHintForIndex(index).height();
        if (neededHeight > rect.height())
            offenders << describe(view, index.data().toString())
                             + u": needs %1 px high, has %2 px"_s.arg(neededHeight).arg(rect.height());
    }
}

}  // namespace

QStringList clippedTexts(QWidget *root)
{
    QStringList offenders;
    const QList<QWidget *> widgets = root->findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (!widget->isVisible())
            continue;
        if (auto *label = qobject_cast<QLabel *>(widget))
            checkLabel(label, offenders);
        else if (auto *button = qobject_cast<QAbstractButton *>(widget))
            checkButton(button, offenders);
        else if (auto *combo = qobject_cast<QComboBox *>(widget))
            checkCombo(combo, offenders);
        else if (auto *box = qobject_cast<QGroupBox *>(widget))
            checkGroupBox(box, offenders);
        else if (auto *edit = qobject_cast<QLineEdit *>(widget))
            checkLineEdit(edit, offenders);
        else if (auto *view = qobject_cast<QAbstractItemView *>(widget))
            checkItemView(view, offenders);
    }
    return offenders;
}

}  // namespace cd::test
