#pragma once

#include "fetch/fetchtypes.h"
#include "harvest/harvesttypes.h"

#include <memory>

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

namespace qcrawl {

class AsyncEngine;
class DownloadPlanner;

// The second half of the tutorial's harvest: download every harvested video into one folder,
// a few at a time (the tutorial's Pool(4)), streamed to disk through the async engine.
//
// File names come from the titles (FileNames::sanitize: Unicode kept, path tricks and device
// names defused, at most 200 bytes), the extension from the media URL, else .mp4 (a URL that names
// no type is renamed after the download when the Content-Type names a video or audio type). Two
// items with the same title both get saved ("name (2).mp4"); an existing file is never replaced
// unless setOverwrite(true). Nothing is ever written outside the folder.
//
// Every download is resumable: it streams to "<file>.part" and only becomes "<file>" when complete.
// Next to the .part, "<file>.part.url" records the media URL it belongs to (see PartFile), so that
// a later start() with the same items, after stop(), a crash or a failed run, continues each .part
// with a Range request instead of starting over, and never continues a .part that belongs to
// another video.
class VideoDownloader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VideoDownloader)

public:
    static constexpr int DefaultConcurrency = 4; // as the tutorial's Pool(4)

    explicit VideoDownloader(QObject *parent = nullptr);
    ~VideoDownloader() override;

    // Request settings; concurrency is the number of downloads in flight (default 4) and
    // perHostLimit caps them per host. Takes effect at the next start().
    void setFetchOptions(const FetchOptions &options) { m_options = options; }
    const FetchOptions &fetchOptions() const { return m_options; }
    void setFolder(const QString &folder) { m_folder = folder; }
    QString folder() const { return m_folder; }
    void setOverwrite(bool overwrite) { m_overwrite = overwrite; }
    bool overwrite() const { return m_overwrite; }

    // Downloads the items that have a media URL; the others are reported failed with their
    // harvest error. Item indexes must be unique. Returns false, with *error saying why, when a
    // run is going, the indexes repeat, or the folder cannot be created or written.
    bool start(const QList<HarvestItem> &items, QString *error = nullptr);
    // Cancels every download; the .part files stay, and start() with the same items resumes them.
    void stop();
    void cancel(int index); // one item, by HarvestItem::index
    bool isRunning() const { return m_running; }

    // The file name an item gets before uniqueness is applied ("标题.mp4").
    static QString fileNameFor(const QString &title, const QUrl &mediaUrl);

Q_SIGNALS:
    void itemStarted(int index, const QString &filePath);
    // total is -1 while the size is unknown (a chunked response): show a busy indicator.
    void itemProgress(int index, qint64 received, qint64 total);
    void itemFinished(const qcrawl::DownloadResult &result);
    void finished();

private:
    struct Slot
    {
        HarvestItem item;
        QString filePath;
    };

    void onJobFinished(const FetchResult &result);
    void onEngineFinished();
    void reportUnstartable();
    void maybeFinish();
    QString renameForContentType(const Slot &slot, const QString &contentType);

    AsyncEngine *m_engine; // child
    FetchOptions m_options;
    QString m_folder;
    bool m_overwrite = false;
    bool m_running = false;
    bool m_engineRunning = false;
    QList<Slot> m_slots; // the downloads of this run; a FetchJob's index is its slot
    QHash<int, int> m_slotOfItem; // HarvestItem::index -> slot
    QList<DownloadResult> m_unstartable; // reported from the event loop after start()
    std::unique_ptr<DownloadPlanner> m_planner; // the names of the last start()'s items
};

} // namespace qcrawl
