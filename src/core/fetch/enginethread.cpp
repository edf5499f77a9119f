#include "enginethread.h"

#include "fetch/fetchengine.h"
#include "fetch/jobeventbatcher.h"
#include "util/systemlimits.h"

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
    EngineWorker()
    {
        connect(&m_batcher, &JobEventBatcher::batchReady, this, &EngineWorker::batchReady);
    }

    void run(FetchMode mode, const FetchOptions &options, const QList<FetchJob> &jobs,
             int batchIntervalMs)
    {
        m_engine = FetchEngine::create(mode, options);
        FetchEngine *engine = m_engine.get();
        connect(engine, &FetchEngine::jobStarted, this,
                [this, engine](int index) { m_batcher.started(index, engine->elapsedMs()); });
        connect(engine, &FetchEngine::jobProgress, this,
                [this, engine](int index, qint64 received, qint64 total) {
                    m_batcher.progress(index, received, total, engine->elapsedMs());
                });
        connect(engine, &FetchEngine::jobFinished, this, [this](const FetchResult &result) {
            m_batcher.finished(result, result.finishedMs);
        });
        connect(engine, &FetchEngine::finished, this, [this, engine] {
            m_batcher.end();
            const qint64 wall = engine->elapsedMs();
            m_engine.release()->deleteLater();
            emit finished(wall);
        });
        m_batcher.begin(batchIntervalMs);
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
        m_batcher.end();
        if (m_engine) {
            m_engine->blockSignals(true);
            m_engine.reset(); // cancels; the blocking engines join their workers
        }
    }

Q_SIGNALS:
    void batchReady(const QList<qcrawl::JobEvent> &batch);
    void finished(qint64 wallMs);

private:
    std::unique_ptr<FetchEngine> m_engine;
    JobEventBatcher m_batcher { this }; // a child, so that moveToThread() takes it along
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
    if (m_running)
        waitForSignal(this, &EngineThread::finished, timeoutMs);
    return !m_running;
}

void EngineThread::onFinished(qint64 wallMs)
{
    m_running = false;
    emit finished(wallMs);
}

} // namespace qcrawl

#include "enginethread.moc"
