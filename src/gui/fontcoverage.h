#pragma once

#include <QFont>
#include <QString>

class QWidget;

namespace qcrawl {

// Whether text can be drawn, as the user would see it: the text is laid out with the widget's font
// and Qt's font fallback, and any glyph that comes out as the font's "missing" box (glyph 0) is a
// character no installed font covers. A Chinese interface on a machine without a CJK font would
// otherwise be rows of empty boxes (fonts-dejavu-core has none).
namespace FontCoverage {

// The characters of text that no installed font draws (each once, in order); empty when all
// of it can be drawn.
QString missingCharacters(const QString &text, const QFont &font);

// The visible text of a widget and its children (labels, buttons, group boxes, tabs, menus and
// their actions, combo box items, placeholders, window title, item views' headers and cells),
// with the missing characters of each: "text ⟶ missing" lines, empty when all can be drawn.
QStringList undrawableText(const QWidget *root);

} // namespace FontCoverage

} // namespace qcrawl
