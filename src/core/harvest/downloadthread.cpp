#include "downloadthread.h"

#include "fetch/jobeventbatcher.h"
#include "harvest/videodownloader.h"
#include "util/systemlimits.h"

#include <QEventLoop>
#include <QTimer>

namespace qcrawl {

class DownloadWorker final : public QObject
{
    Q_OBJECT

public:
    DownloadWorker()
    {
        connect(&m_batcher, &JobEventBatcher::batchReady, this, &DownloadWorker::batchReady);
        connect(&m_downloader, &VideoDownloader::itemStarted, this,
                [this](int index, const QString &path) {
                    m_batcher.started(index, m_clock.elapsed(), path);
                });
        connect(&m_downloader, &VideoDownloader::itemProgress, this,
                [this](int index, qint64 received, qint64 total) {
                    m_batcher.progress(index, received, total, m_clock.elapsed());
                });
        connect(&m_downloader, &VideoDownloader::itemFinished, this,
                [this](const DownloadResult &download) {
                    FetchResult result = DownloadThread::toFetchResult(download);
                    result.finishedMs = m_clock.elapsed();
                    m_batcher.finished(result, result.finishedMs);
                });
        connect(&m_downloader, &VideoDownloader::finished, this, [this] {
            m_batcher.end();
            emit finished(m_clock.elapsed());
        });
    }

    void run(const QList<HarvestItem> &items, const QString &folder, const FetchOptions &options,
             bool overwrite)
    {
        m_clock.start();
        m_batcher.begin(100);
        m_downloader.setFetchOptions(options);
        m_downloader.setFolder(folder);
        m_downloader.setOverwrite(overwrite);
        QString error;
        if (!m_downloader.start(items, &error)) {
            for (const HarvestItem &item : items) {
                FetchResult result;
                result.index = item.index;
                result.url = item.mediaUrl;
                result.error = FetchError::other(error);
                m_batcher.finished(result, 0);
            }
            m_batcher.end();
            emit finished(0);
        }
    }

    void stop() { m_downloader.stop(); }
    void cancel(int index) { m_downloader.cancel(index); }
    void shutDown()
    {
        m_batcher.end();
        m_downloader.blockSignals(true);
        m_downloader.stop();
    }

Q_SIGNALS:
    void batchReady(const QList<qcrawl::JobEvent> &batch);
    void finished(qint64 wallMs);

private:
    VideoDownloader m_downloader { this }; // children: moveToThread() takes them along
    JobEventBatcher m_batcher { this };
    QElapsedTimer m_clock;
};

DownloadThread::DownloadThread(QObject *parent)
    : QObject(parent)
    , m_worker(new DownloadWorker)
{
    m_thread.setObjectName(QStringLiteral("qcrawl downloads"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &DownloadWorker::batchReady, this, &DownloadThread::events);
    connect(m_worker, &DownloadWorker::finished, this, [this](qint64 wallMs) {
        m_running = false;
        emit finished(wallMs);
    });
    m_thread.start();
    QMetaObject::invokeMethod(
            m_worker, [] { lowerCurrentThreadPriority(5); }, Qt::QueuedConnection);
}

DownloadThread::~DownloadThread()
{
    QMetaObject::invokeMethod(m_worker, &DownloadWorker::shutDown, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool DownloadThread::start(const QList<HarvestItem> &items, const QString &folder,
                           const FetchOptions &options, bool overwrite)
{
    if (m_running)
        return false;
    m_running = true;
    m_clock.start();
    QMetaObject::invokeMethod(
            m_worker,
            [worker = m_worker, items, folder, options, overwrite] {
                worker->run(items, folder, options, overwrite);
            },
            Qt::QueuedConnection);
    return true;
}

void DownloadThread::stop()
{
    QMetaObject::invokeMethod(m_worker, &DownloadWorker::stop, Qt::QueuedConnection);
}

void DownloadThread::cancel(int index)
{
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker, index] { worker->cancel(index); }, Qt::QueuedConnection);
}

bool DownloadThread::waitForFinished(int timeoutMs)
{
    if (m_running)
        waitForSignal(this, &DownloadThread::finished, timeoutMs);
    return !m_running;
}

FetchResult DownloadThread::toFetchResult(const DownloadResult &d)
{
    FetchResult r;
    r.index = d.index;
    r.url = d.mediaUrl;
    r.finalUrl = d.finalUrl.isValid() ? d.finalUrl : d.mediaUrl;
    r.httpStatus = d.httpStatus;
    r.contentType = d.contentType;
    r.resumedFrom = d.resumedFrom;
    r.bytesReceived = std::max<qint64>(0, d.bytes - d.resumedFrom);
    r.error = d.canceled && d.error.isEmpty() ? FetchError(FetchErrorKind::Canceled) : d.error;
    r.canceled = d.canceled;
    r.filePath = d.filePath;
    return r;
}

} // namespace qcrawl

#include "downloadthread.moc"
