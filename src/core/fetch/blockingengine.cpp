#include "blockingengine.h"

#include "fetch/jobqueue.h"
#include "fetch/transfer.h"

#include <algorithm>

#include <QEventLoop>
#include <QHash>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QSet>
#include <QTimer>
#include <QWaitCondition>

namespace qcrawl {

// What the workers of one run share. Everything here is guarded by mutex, apart from the
// constants set before the workers start.
struct BlockingEngine::Run
{
    explicit Run(const FetchOptions &o, const QElapsedTimer &c)
        : options(o)
        , clock(c)
        , queue(o.perHostLimit)
    { }

    const FetchOptions options;
    const QElapsedTimer clock;

    QMutex mutex;
    QWaitCondition jobReady;
    JobQueue queue;
    QHash<int, Transfer *> running; // nullptr between take() and the transfer's creation
    QSet<int> cancelRequested;
    bool canceledAll = false;

    // Blocks while every waiting job's host is at its limit. nullopt: nothing left to do.
    std::optional<FetchJob> take()
    {
        QMutexLocker lock(&mutex);
        while (!canceledAll && !queue.isEmpty()) {
            if (std::optional<FetchJob> job = queue.takeNext()) {
                running.insert(job->index, nullptr);
                return job;
            }
            jobReady.wait(&mutex);
        }
        return std::nullopt;
    }

    // Returns false when the job was canceled before it could start.
    bool attach(int index, Transfer *transfer)
    {
        QMutexLocker lock(&mutex);
        running.insert(index, transfer);
        return !canceledAll && !cancelRequested.contains(index);
    }

    void detach(const FetchJob &job)
    {
        QMutexLocker lock(&mutex);
        running.remove(job.index);
        queue.release(job.url);
        jobReady.wakeAll();
    }
};

BlockingEngine::BlockingEngine(FetchMode mode, const FetchOptions &options, QObject *parent)
    : FetchEngine(options, parent)
    , m_mode(mode)
{ }

BlockingEngine::~BlockingEngine()
{
    blockSignals(true); // nobody hears about jobs canceled by the engine's own end
    cancelAll();
    m_pool.waitForDone();
}

int BlockingEngine::workerCount() const
{
    return m_mode == FetchMode::Serial ? 1 : std::max(1, m_options.threads);
}

void BlockingEngine::startJobs(const QList<FetchJob> &jobs)
{
    const int workers = std::min(workerCount(), int(jobs.size()));
    FetchOptions options = m_options;
    options.readBufferBytes = readBufferFor(m_options, workers);
    m_run = std::make_shared<Run>(options, m_clock);
    m_run->queue.append(jobs);
    m_pool.setMaxThreadCount(std::max(workers, m_pool.maxThreadCount()));
    for (int i = 0; i < workers; ++i)
        m_pool.start([this, run = m_run] { work(this, run); });
}

// One worker: take a job, fetch it to the end on this thread, report, repeat.
void BlockingEngine::work(BlockingEngine *engine, std::shared_ptr<Run> run)
{
    // Signals reach the engine through its event loop; the engine outlives its workers.
    auto post = [engine](auto &&call) {
        QMetaObject::invokeMethod(engine, std::forward<decltype(call)>(call), Qt::QueuedConnection);
    };
    const std::unique_ptr<QNetworkAccessManager> manager = createNetworkManager(run->options, 6);
    QTimer watchdog;
    watchdog.setInterval(watchdogIntervalMs(run->options));

    while (std::optional<FetchJob> job = run->take()) {
        QEventLoop loop;
        Transfer transfer(*job, run->options, manager.get(), run->clock);
        QObject::connect(&transfer, &Transfer::finished, &loop, &QEventLoop::quit);
        QObject::connect(&transfer, &Transfer::started, &loop, [&](int index) {
            post([engine, index] { emit engine->jobStarted(index); });
        });
        QObject::connect(&transfer, &Transfer::progress, &loop,
                         [&](int index, qint64 received, qint64 total) {
                             post([engine, index, received, total] {
                                 emit engine->jobProgress(index, received, total);
                             });
                         });
        const auto connection = QObject::connect(&watchdog, &QTimer::timeout, &transfer, [&] {
            transfer.checkStall(run->clock.elapsed());
        });
        if (run->attach(job->index, &transfer)) {
            transfer.start();
            watchdog.start();
            if (!transfer.isFinished())
                loop.exec();
            watchdog.stop();
        } else {
            transfer.cancel();
        }
        QObject::disconnect(connection);
        run->detach(*job);
        post([engine, result = transfer.result()] { engine->reportFinished(result); });
    }
}

void BlockingEngine::cancel(int index)
{
    if (!m_run)
        return;
    std::optional<FetchJob> queued;
    {
        QMutexLocker lock(&m_run->mutex);
        queued = m_run->queue.remove(index);
        if (!queued && m_run->running.contains(index)) {
            m_run->cancelRequested.insert(index);
            if (Transfer *transfer = m_run->running.value(index))
                QMetaObject::invokeMethod(transfer, &Transfer::cancel, Qt::QueuedConnection);
        }
    }
    if (queued)
        reportFinished(canceledResult(*queued));
}

void BlockingEngine::cancelAll()
{
    if (!m_run)
        return;
    QList<FetchJob> queued;
    {
        QMutexLocker lock(&m_run->mutex);
        m_run->canceledAll = true;
        queued = m_run->queue.takeAll();
        for (Transfer *transfer : std::as_const(m_run->running)) {
            if (transfer)
                QMetaObject::invokeMethod(transfer, &Transfer::cancel, Qt::QueuedConnection);
        }
        m_run->jobReady.wakeAll();
    }
    for (const FetchJob &job : std::as_const(queued))
        reportFinished(canceledResult(job));
}

} // namespace qcrawl
