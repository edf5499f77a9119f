#pragma once

#include "harvest/harvestrecipe.h"
#include "harvest/harvesttypes.h"

#include <QList>
#include <QString>
#include <QUrl>

namespace qcrawl {

// The items of a list page, each with its title and detail URL, or with the reason it has none.
struct ItemExtraction
{
    QList<HarvestItem> items;
    QString error; // the page as a whole failed: not fetched, empty, or no item matched
    // Items the item XPath selected: more than items.size() when MaxItems cut them, and then
    // warning says so.
    qsizetype matched = 0;
    QString warning;

    bool isValid() const { return error.isEmpty(); }
};

// The media URL of a detail page, or the reason there is none.
struct MediaExtraction
{
    QUrl mediaUrl;
    QString error;

    bool isValid() const { return error.isEmpty(); }
};

// The harvest's reading of pages, apart from any fetching: pure functions of a page and a recipe,
// so a dialog can preview a recipe on a page it fetched once while the user edits the expressions,
// and the Harvester applies the same code to every page it fetches. Nothing is dropped silently:
// an item whose link or title is missing comes back with an error saying which.
class HarvestExtractor final
{
public:
    // Items taken from one list page, the first in page order: a page of nothing but a million
    // bare <li> would otherwise become a million items and detail-page requests.
    static constexpr int MaxItems = 10'000;

    static ItemExtraction extractItems(const WebPage &page, const HarvestRecipe &recipe);
    static MediaExtraction extractMedia(const WebPage &page, const HarvestRecipe &recipe);

    // What a regex captured, cleaned up as it appears in scripts and attributes: "\/" is "/"
    // (JSON) and "&amp;" is "&" (HTML).
    static QString unescapeCapturedUrl(const QString &text);
};

} // namespace qcrawl
