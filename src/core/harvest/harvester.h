#pragma once

// harvest/: the video harvest. HtmlDocument (libxml2) parses pages and runs XPath; a
// HarvestRecipe (from the PresetStore) says what to pick; the Harvester reads the list page and
// the detail pages for media URLs; the VideoDownloader, on its DownloadThread, saves every video
// under a safe file name (FileNames) with resume. TextEncoding finds the charset of any page or
// body.

#include "fetch/fetchtypes.h"
#include "harvest/harvestrecipe.h"
#include "harvest/harvesttypes.h"

#include <QList>
#include <QObject>

namespace qcrawl {

class AsyncEngine;

// The first half of the tutorial's harvest, on the async engine: fetch the list page, pick the
// items with the recipe's XPath, then read every detail page concurrently for its media URL.
// Reports every item exactly once, with a media URL or with the reason it has none; the
// VideoDownloader takes the items from there. Runs on the thread it lives on without blocking it.
//
// Signals, in order: itemsFound() once the list page is read (every item, with its title and
// detail URL), itemFinished() once per item (those without a detail link right after
// itemsFound()), then finished(). When the list page itself fails, only finished(error) comes.
class Harvester final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Harvester)

public:
    static constexpr int DefaultConcurrency = 16; // detail pages in flight

    explicit Harvester(QObject *parent = nullptr);
    ~Harvester() override;

    // Request settings; concurrency is the number of detail pages in flight. Takes effect at the
    // next start().
    void setFetchOptions(const FetchOptions &options) { m_options = options; }
    const FetchOptions &fetchOptions() const { return m_options; }

    // Harvests recipe.listUrl. Returns false, with *error saying why, when the recipe does not
    // validate, the list URL is not http(s), or a harvest is running.
    bool start(const HarvestRecipe &recipe, QString *error = nullptr);
    // Continues a harvest whose list page was read before (a resumed run): items with a media
    // URL or an error are reported as they are, the others get their detail page read. Signals
    // as start()'s, from itemsFound() on. Returns false as start() does.
    bool continueWith(const HarvestRecipe &recipe, const QList<HarvestItem> &items,
                      QString *error = nullptr);
    // Stops fetching: pending items finish with the error Canceled, then finished("canceled").
    void cancel();

    bool isRunning() const { return m_phase != Phase::Idle; }
    const HarvestRecipe &recipe() const { return m_recipe; }
    const QList<HarvestItem> &items() const { return m_items; } // as far as known, list order
    // What the user should know about a harvest that went on: the list page had more items than
    // HarvestExtractor::MaxItems, and only those are harvested. Set before itemsFound().
    const QString &warning() const { return m_warning; }

Q_SIGNALS:
    void itemsFound(const QList<qcrawl::HarvestItem> &items);
    void itemFinished(const qcrawl::HarvestItem &item);
    // error is empty when the list page was read (however many items failed), "canceled" after
    // cancel(), otherwise why the list page could not be used.
    void finished(const QString &error);

private:
    enum class Phase { Idle, List, Details };

    FetchOptions pageOptions() const;
    void onJobFinished(const FetchResult &result);
    void onEngineFinished();
    void readListPage();
    void readDetailPages(); // of m_items that have neither a media URL nor an error
    bool canStart(const HarvestRecipe &recipe, QString *error) const;
    void finish(const QString &error);

    AsyncEngine *m_engine; // child
    FetchOptions m_options;
    HarvestRecipe m_recipe;
    Phase m_phase = Phase::Idle;
    FetchResult m_listResult;
    WebPage m_listPage;
    QList<HarvestItem> m_items;
    QString m_warning;
    bool m_canceled = false;
};

} // namespace qcrawl
