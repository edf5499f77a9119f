#pragma once

#include <optional>

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

namespace qcrawl {

// How to harvest videos from a site, the tutorial's recipe made data: which page lists the
// videos, which elements are the items (XPath), where in an item the detail link and the title
// are (XPath relative to the item), and how to find the media URL on a detail page (a regular
// expression whose group 1 is the URL, or an XPath). Presets are recipes with a name.
struct HarvestRecipe
{
    QString name; // the preset's name; empty for a recipe typed in
    QUrl listUrl; // the list (category) page
    QString itemXPath;
    QString linkXPath; // relative to an item
    QString titleXPath; // relative to an item; empty: titles come from the detail URLs
    QString mediaRegex; // on the detail page's text: group 1 (or the whole match) is the URL
    QString mediaXPath; // on the detail page; used when mediaRegex is empty

    // Checks that the expressions compile and that the recipe is complete (item and link XPath,
    // exactly one of mediaRegex and mediaXPath). The list URL is not checked: presets may leave
    // it to the user. On failure *error says what is wrong, in one line.
    bool validate(QString *error = nullptr) const;

    QJsonObject toJson() const;
    // Missing keys stay empty; validate() decides whether the recipe is usable.
    static HarvestRecipe fromJson(const QJsonObject &object);

    // The tutorial's recipe for pearvideo.com, expressions exactly as the tutorial has them.
    static HarvestRecipe pearVideo();
    static QList<HarvestRecipe> builtInPresets();

    friend bool operator==(const HarvestRecipe &a, const HarvestRecipe &b);
    friend bool operator!=(const HarvestRecipe &a, const HarvestRecipe &b) { return !(a == b); }
};

} // namespace qcrawl
