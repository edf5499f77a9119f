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
    static ItemExtraction extractItems(const WebPage &page, const HarvestRecipe &recipe);
    static MediaExtraction extractMedia(const WebPage &page, const HarvestRecipe &recipe);

    // What a regex captured, cleaned up as it appears in scripts and attributes: "\/" is "/"
    // (JSON) and "&amp;" is "&" (HTML).
    static QString unescapeCapturedUrl(const QString &text);
};

} // namespace qcrawl
