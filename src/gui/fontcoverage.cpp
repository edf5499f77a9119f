#include "fontcoverage.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QGlyphRun>
#include <QGroupBox>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSet>
#include <QTabBar>
#include <QTextDocument>
#include <QTextLayout>

using namespace Qt::StringLiterals;

namespace qcrawl::FontCoverage {

namespace {

void addModelText(const QAbstractItemModel *model, const QModelIndex &parent, int depth,
                  QStringList *texts)
{
    if (!model || depth > 2)
        return;
    const int rows = std::min(model->rowCount(parent), 200);
    for (int row = 0; row < rows; ++row) {
        for (int column = 0; column < model->columnCount(parent); ++column) {
            const QModelIndex index = model->index(row, column, parent);
            texts->append(index.data(Qt::DisplayRole).toString());
            if (column == 0)
                addModelText(model, index, depth + 1, texts);
        }
    }
}

void addHeaderText(const QHeaderView *header, QStringList *texts)
{
    if (!header || !header->model() || header->isHidden())
        return;
    for (int section = 0; section < header->count(); ++section) {
        if (!header->isSectionHidden(section))
            texts->append(header->model()
                                  ->headerData(section, header->orientation(), Qt::DisplayRole)
                                  .toString());
    }
}

void addActionText(const QList<QAction *> &actions, QStringList *texts)
{
    for (const QAction *action : actions) {
        if (!action->isVisible() || action->isSeparator())
            continue;
        texts->append(action->text());
        texts->append(action->toolTip());
        if (action->menu())
            addActionText(action->menu()->actions(), texts);
    }
}

// What a widget itself shows (not its children).
QStringList textOf(const QWidget *widget)
{
    QStringList texts;
    texts.append(widget->windowTitle());
    addActionText(widget->actions(), &texts);
    if (auto *label = qobject_cast<const QLabel *>(widget)) {
        QString text = label->text();
        if (label->textFormat() != Qt::PlainText && Qt::mightBeRichText(text)) {
            QTextDocument document;
            document.setHtml(text);
            text = document.toPlainText();
        }
        texts.append(text);
    } else if (auto *button = qobject_cast<const QAbstractButton *>(widget)) {
        texts.append(button->text());
    } else if (auto *group = qobject_cast<const QGroupBox *>(widget)) {
        texts.append(group->title());
    } else if (auto *tabs = qobject_cast<const QTabBar *>(widget)) {
        for (int i = 0; i < tabs->count(); ++i)
            texts.append(tabs->tabText(i));
    } else if (auto *combo = qobject_cast<const QComboBox *>(widget)) {
        for (int i = 0; i < combo->count(); ++i)
            texts.append(combo->itemText(i));
    } else if (auto *edit = qobject_cast<const QLineEdit *>(widget)) {
        texts.append(edit->placeholderText());
        texts.append(edit->text());
    } else if (auto *plain = qobject_cast<const QPlainTextEdit *>(widget)) {
        texts.append(plain->placeholderText());
        texts.append(plain->toPlainText().left(20'000));
    } else if (auto *view = qobject_cast<const QAbstractItemView *>(widget)) {
        addModelText(view->model(), view->rootIndex(), 0, &texts);
    } else if (auto *header = qobject_cast<const QHeaderView *>(widget)) {
        addHeaderText(header, &texts);
    }
    return texts;
}

} // namespace

QString missingCharacters(const QString &text, const QFont &font)
{
    // Laid out one character at a time, so that each gets Qt's fallback font of its own; GUI
    // thread only, like every font.
    static QHash<QString, QHash<char32_t, bool>> cache; // by QFont::key()
    QHash<char32_t, bool> &drawable = cache[font.key()];
    QString missing;
    QSet<char32_t> reported;
    for (const char32_t c : text.toUcs4()) {
        if (c < 0x20 || QChar::isSpace(c) || QChar::category(c) == QChar::Other_Format)
            continue;
        auto known = drawable.constFind(c);
        if (known == drawable.constEnd()) {
            QTextLayout layout(QString::fromUcs4(&c, 1), font);
            layout.beginLayout();
            layout.createLine();
            layout.endLayout();
            bool drawn = true;
            for (const QGlyphRun &run : layout.glyphRuns())
                drawn = drawn && !run.glyphIndexes().contains(0);
            known = drawable.insert(c, drawn);
        }
        if (!*known && !reported.contains(c)) {
            missing += QString::fromUcs4(&c, 1);
            reported.insert(c);
        }
    }
    return missing;
}

QStringList undrawableText(const QWidget *root)
{
    QStringList problems;
    QList<const QWidget *> widgets { root };
    for (QWidget *child : root->findChildren<QWidget *>())
        widgets.append(child);
    for (const QWidget *widget : std::as_const(widgets)) {
        if (widget != root && !widget->isVisibleTo(root) && !qobject_cast<const QMenu *>(widget))
            continue;
        for (const QString &text : textOf(widget)) {
            const QString missing = missingCharacters(text, widget->font());
            if (!missing.isEmpty())
                problems.append(u"%1: \"%2\" ⟶ %3"_s.arg(
                        QString::fromLatin1(widget->metaObject()->className()), text.left(60),
                        missing));
        }
    }
    problems.removeDuplicates();
    return problems;
}

} // namespace qcrawl::FontCoverage
