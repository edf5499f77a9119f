#include "enginethread.h"

#include "fetchengine.h"
#include "systemlimits.h"

#include <memory>

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QHash>
#include <QTimer>

namespace qcrawl {

// The EngineThread's other half, on the engine's thread: owns the engine, collects its signals.
class EngineWorker final : public QObject
{
    Q_OBJECT

public:
    void run(FetchMode mode, const FetchOptions &options, const QList<FetchJob> &jobs,
             int batchIntervalMs)
    {
        m_engine = FetchEngine::create(mode, options);
        FetchEngine *engine = m_engine.get();
        connect(engine, &FetchEngine::jobStarted, this, [this, engine](int index) {
            m_pending.append({ JobEvent::Kind::Started, index, 0, -1, engine->elapsedMs(), {} });
            flushIfDue();
        });
        connect(engine, &FetchEngine::jobProgress, this,
                [this, engine](int index, qint64 received, qint64 total) {
                    const auto at = m_progressAt.constFind(index);
                    if (at != m_progressAt.cend()) {
                        JobEvent &event = m_pending[*at];
                        event.received = received;
                        event.total = total;
                        event.atMs = engine->elapsedMs();
                    } else {
                        m_progressAt.insert(index, int(m_pending.size()));
                        m_pending.append({ JobEvent::Kind::Progress,
                                           index,
                                           received,
                                           total,
                                           engine->elapsedMs(),
                                           {} });
                    }
                    flushIfDue();
                });
        connect(engine, &FetchEngine::jobFinished, this, [this](const FetchResult &result) {
            m_pending.append({ JobEvent::Kind::Finished, result.index, result.bytesReceived,
                               result.bytesReceived, result.finishedMs, result });
            flushIfDue();
        });
        connect(engine, &FetchEngine::finished, this, [this, engine] {
            flush();
            m_flushTimer.stop();
            const qint64 wall = engine->elapsedMs();
            m_engine.release()->deleteLater();
            emit finished(wall);
        });
        m_batchIntervalMs = batchIntervalMs;
        m_sinceFlush.start();
        m_flushTimer.setInterval(batchIntervalMs);
        connect(&m_flushTimer, &QTimer::timeout, this, &EngineWorker::flush, Qt::UniqueConnection);
        m_flushTimer.start();
        engine->start(jobs);
    }

    void cancelAll()
    {
        if (m_engine)
            m_engine->cancelAll();
    }

    void cancel(int index)
    {
        if (m_engine)
            m_engine->cancel(index);
    }

    void shutDown()
    {
        m_flushTimer.stop();
        if (m_engine) {
            m_engine->blockSignals(true);
            m_engine.reset(); // cancels; the blocking engines join their workers
        }
    }

Q_SIGNALS:
    void batchReady(const QList<qcrawl::JobEvent> &batch);
    void finished(qint64 wallMs);

private:
    // A busy transfer can keep this thread's event queue full enough to starve its timers, so
    // batches also go out from the event handlers once they are due.
    void flushIfDue()
    {
        if (m_sinceFlush.elapsed() >= m_batchIntervalMs)
            flush();
    }

    void flush()
    {
        m_sinceFlush.start();
        if (m_pending.isEmpty())
            return;
        emit batchReady(m_pending);
        m_pending.clear();
        m_progressAt.clear();
    }

    std::unique_ptr<FetchEngine> m_engine;
    QList<JobEvent> m_pending;
    QHash<int, int> m_progressAt; // index -> its Progress event in m_pending
    QTimer m_flushTimer { this }; // a child, so that moveToThread() takes it along
    QElapsedTimer m_sinceFlush;
    int m_batchIntervalMs = 100;
};

EngineThread::EngineThread(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<qcrawl::JobEvent>();
    qRegisterMetaType<QList<qcrawl::JobEvent>>();
    m_thread.setObjectName(QStringLiteral("qcrawl engine"));
    m_worker = new EngineWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &EngineWorker::batchReady, this, &EngineThread::events);
    connect(m_worker, &EngineWorker::finished, this, &EngineThread::onFinished);
    m_thread.start();
    QMetaObject::invokeMethod(
            m_worker, [] { lowerCurrentThreadPriority(5); }, Qt::QueuedConnection);
}

EngineThread::~EngineThread()
{
    QMetaObject::invokeMethod(m_worker, &EngineWorker::shutDown, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool EngineThread::start(FetchMode mode, const FetchOptions &options, const QList<FetchJob> &jobs)
{
    if (m_running)
        return false;
    m_running = true;
    m_mode = mode;
    m_clock.start();
    const int interval = m_batchIntervalMs;
    QMetaObject::invokeMethod(
            m_worker,
            [worker = m_worker, mode, options, jobs, interval] {
                worker->run(mode, options, jobs, interval);
            },
            Qt::QueuedConnection);
    return true;
}

void EngineThread::cancelAll()
{
    QMetaObject::invokeMethod(m_worker, &EngineWorker::cancelAll, Qt::QueuedConnection);
}

void EngineThread::cancel(int index)
{
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker, index] { worker->cancel(index); }, Qt::QueuedConnection);
}

bool EngineThread::waitForFinished(int timeoutMs)
{
    if (!m_running)
        return true;
    QEventLoop loop;
    connect(this, &EngineThread::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    return !m_running;
}

void EngineThread::onFinished(qint64 wallMs)
{
    m_running = false;
    emit finished(wallMs);
}

} // namespace qcrawl

#include "enginethread.moc"
