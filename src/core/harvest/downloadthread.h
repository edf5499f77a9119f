#pragma once

#include "fetch/enginethread.h"
#include "harvest/harvesttypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QThread>

namespace qcrawl {

class DownloadWorker;

// Runs a VideoDownloader on a thread of its own for the GUI, and reports what it does as batches
// of JobEvents, like EngineThread: a Started event carries the file's path in result.filePath, a
// Finished event a FetchResult made from the DownloadResult (index = HarvestItem::index).
class DownloadThread final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DownloadThread)

public:
    explicit DownloadThread(QObject *parent = nullptr);
    ~DownloadThread() override; // stops (keeping .part files) and joins

    bool start(const QList<HarvestItem> &items, const QString &folder, const FetchOptions &options,
               bool overwrite = false);
    void stop(); // .part files stay for a later resume
    void cancel(int index);
    bool waitForFinished(int timeoutMs);
    bool isRunning() const { return m_running; }
    qint64 elapsedMs() const { return m_clock.isValid() ? m_clock.elapsed() : 0; }

    static FetchResult toFetchResult(const DownloadResult &download);

Q_SIGNALS:
    void events(const QList<qcrawl::JobEvent> &batch);
    void finished(qint64 wallMs);

private:
    QThread m_thread;
    DownloadWorker *m_worker;
    QElapsedTimer m_clock;
    bool m_running = false;
};

} // namespace qcrawl
