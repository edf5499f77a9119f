#pragma once

#include "fetch/fetchtypes.h"
#include "harvest/harvesttypes.h"

#include <QHash>
#include <QObject>
#include <QUrl>

namespace qcrawl {

class AsyncEngine;

// Fetches single web pages into memory, for previews: the harvest dialog fetches a list page once
// and re-runs HarvestExtractor on it as the user edits the expressions, then one detail page to
// show its media URL. Each fetch runs on an engine of its own, so a preview never waits behind
// another. Works on the thread it lives on, without blocking it.
class PageFetcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PageFetcher)

public:
    explicit PageFetcher(QObject *parent = nullptr);
    ~PageFetcher() override;

    // Request settings (proxy, headers, timeouts); the body limit is WebPage::MaxBytes.
    void setFetchOptions(const FetchOptions &options) { m_options = options; }
    const FetchOptions &fetchOptions() const { return m_options; }

    // Starts fetching url; fetched() reports it with the id returned here, exactly once: from the
    // event loop, or from cancel() for a fetch that had not started yet.
    int fetch(const QUrl &url);
    void cancel(int id);
    void cancelAll();

Q_SIGNALS:
    void fetched(int id, const qcrawl::WebPage &page);

private:
    FetchOptions m_options;
    QHash<int, AsyncEngine *> m_engines; // children, deleted with deleteLater() when done
    int m_nextId = 1;
};

} // namespace qcrawl
