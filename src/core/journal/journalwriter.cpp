#include "journalwriter.h"

#include <QSemaphore>

using namespace Qt::StringLiterals;

namespace qcrawl {

// The writer thread's side: the Journal (a Qt SQL connection belongs to its thread) and which
// run each ticket stands for.
class JournalWorker final : public QObject
{
    Q_OBJECT

public:
    void open(const QString &path)
    {
        m_journal = std::make_unique<Journal>();
        QString message;
        const Journal::OpenResult result = m_journal->open(path, &message);
        if (result == Journal::OpenResult::TooNew || result == Journal::OpenResult::Failed)
            m_journal.reset();
        Q_EMIT opened(result, message);
    }

    void beginRun(int ticket, const QString &kind, FetchMode mode, const QJsonObject &options,
                  const QList<FetchJob> &jobs)
    {
        if (!usable())
            return;
        QString error;
        const qint64 run = m_journal->createRun(kind, mode, options, jobs, &error);
        if (run == 0)
            return fail(error);
        m_runs.insert(ticket, { run, 0 });
        Q_EMIT runStarted(ticket, run);
    }

    void beginHarvest(int ticket, const QList<HarvestItem> &items, const QJsonObject &options)
    {
        if (!usable())
            return;
        QString error;
        const qint64 run =
                m_journal->createRun(u"harvest"_s, FetchMode::Async, options, {}, &error);
        if (run == 0)
            return fail(error);
        QList<FetchResult> withoutMedia;
        for (const HarvestItem &item : items) {
            if (item.hasMedia())
                continue;
            FetchResult r;
            r.index = item.index;
            r.url = item.detailUrl;
            r.error = item.error.isEmpty() ? FetchError(FetchErrorKind::NoMediaUrl) : item.error;
            withoutMedia.append(r);
        }
        if (!m_journal->addItems(run, items, &error) || !m_journal->recordItems(run, items, &error)
            || !m_journal->recordResults(run, withoutMedia, 0, &error)
            || !m_journal->setRunClosed(run, true, &error))
            return fail(error);
        m_runs.insert(ticket, { run, 0 });
        Q_EMIT runStarted(ticket, run);
    }

    void continueRun(int ticket, qint64 run)
    {
        if (!usable())
            return;
        QString error;
        const std::optional<JournalRun> known = m_journal->run(run, &error);
        if (!known)
            return fail(error);
        if (!m_journal->setRunClosed(run, false, &error))
            return fail(error);
        m_runs.insert(ticket, { run, known->wallMs });
        Q_EMIT runStarted(ticket, run);
    }

    void record(int ticket, const QList<FetchResult> &results, qint64 wallMs)
    {
        const auto it = m_runs.constFind(ticket);
        QString error;
        if (usable() && it != m_runs.cend()
            && !m_journal->recordResults(it->run, results, it->wallBaseMs + wallMs, &error))
            fail(error);
        Q_EMIT recorded(ticket, results);
    }

    void endRun(int ticket)
    {
        const auto it = m_runs.constFind(ticket);
        if (it != m_runs.cend())
            setRunClosed(it->run, true);
        m_runs.remove(ticket);
    }

    void setRunClosed(qint64 run, bool closed)
    {
        QString error;
        if (usable() && !m_journal->setRunClosed(run, closed, &error))
            fail(error);
    }

    void deleteRun(qint64 run)
    {
        QString error;
        if (usable() && !m_journal->deleteRun(run, &error))
            fail(error);
        requestRuns();
    }

    void requestRuns()
    {
        QString error;
        const QList<JournalRun> runs = usable() ? m_journal->runs(&error) : QList<JournalRun>();
        readError(error);
        Q_EMIT runsLoaded(runs);
    }

    void requestJobs(qint64 run)
    {
        QString error;
        const QList<JournalJob> jobs =
                usable() ? m_journal->jobs(run, &error) : QList<JournalJob>();
        Q_EMIT jobsLoaded(run, jobs);
    }

    void requestHarvest(qint64 run)
    {
        QString error;
        QList<HarvestItem> items;
        QList<JournalJob> jobs;
        if (usable()) {
            items = m_journal->items(run, nullptr, &error);
            jobs = m_journal->jobs(run, &error);
        }
        readError(error);
        Q_EMIT harvestLoaded(run, items, jobs);
    }

    void close() { m_journal.reset(); }

Q_SIGNALS:
    void opened(qcrawl::Journal::OpenResult result, const QString &message);
    void runStarted(int ticket, qint64 run);
    void recorded(int ticket, const QList<qcrawl::FetchResult> &results);
    void runsLoaded(const QList<qcrawl::JournalRun> &runs);
    void jobsLoaded(qint64 run, const QList<qcrawl::JournalJob> &jobs);
    void harvestLoaded(qint64 run, const QList<qcrawl::HarvestItem> &items,
                       const QList<qcrawl::JournalJob> &jobs);
    void writeFailed(const QString &message);
    void readFailed(const QString &message);

private:
    struct RunTicket
    {
        qint64 run = 0;
        qint64 wallBaseMs = 0;
    };

    bool usable() const { return m_journal && !m_failed; }

    void readError(const QString &error)
    {
        if (!error.isEmpty())
            Q_EMIT readFailed(u"cannot read the journal %1: %2"_s.arg(m_journal->path(), error));
    }

    void fail(const QString &error)
    {
        if (m_failed)
            return;
        m_failed = true;
        Q_EMIT writeFailed(u"cannot write the journal %1: %2"_s.arg(
                m_journal ? m_journal->path() : QString(), error));
    }

    std::unique_ptr<Journal> m_journal;
    QHash<int, RunTicket> m_runs;
    bool m_failed = false;
};

JournalWriter::JournalWriter(QThread::Priority priority, QObject *parent)
    : QObject(parent)
    , m_worker(new JournalWorker)
{
    qRegisterMetaType<QList<JournalRun>>();
    qRegisterMetaType<QList<JournalJob>>();
    qRegisterMetaType<QList<HarvestItem>>();
    qRegisterMetaType<Journal::OpenResult>();
    qRegisterMetaType<QList<FetchResult>>();
    m_thread.setObjectName(u"qcrawl journal"_s);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &JournalWorker::opened, this, &JournalWriter::opened);
    connect(m_worker, &JournalWorker::runStarted, this, &JournalWriter::runStarted);
    connect(m_worker, &JournalWorker::recorded, this, &JournalWriter::recorded);
    connect(m_worker, &JournalWorker::runsLoaded, this, &JournalWriter::runsLoaded);
    connect(m_worker, &JournalWorker::jobsLoaded, this, &JournalWriter::jobsLoaded);
    connect(m_worker, &JournalWorker::harvestLoaded, this, &JournalWriter::harvestLoaded);
    connect(m_worker, &JournalWorker::writeFailed, this, &JournalWriter::writeFailed);
    connect(m_worker, &JournalWorker::readFailed, this, &JournalWriter::readFailed);
    m_thread.start(priority);
}

JournalWriter::~JournalWriter()
{
    // Queued behind every call made so far, so that none is dropped: quit() alone would leave
    // the thread's pending events unprocessed.
    JournalWorker *worker = m_worker;
    QThread *thread = &m_thread;
    QMetaObject::invokeMethod(
            m_worker,
            [worker, thread] {
                worker->close();
                thread->quit();
            },
            Qt::QueuedConnection);
    m_thread.wait();
}

void JournalWriter::open(const QString &path)
{
    JournalWorker *worker = m_worker;
    QMetaObject::invokeMethod(
            m_worker, [worker, path] { worker->open(path); }, Qt::QueuedConnection);
}

int JournalWriter::beginRun(const QString &kind, FetchMode mode, const QJsonObject &options,
                            const QList<FetchJob> &jobs)
{
    const int ticket = ++m_nextTicket;
    JournalWorker *worker = m_worker;
    QMetaObject::invokeMethod(
            m_worker,
            [worker, ticket, kind, mode, options, jobs] {
                worker->beginRun(ticket, kind, mode, options, jobs);
            },
            Qt::QueuedConnection);
    return ticket;
}

int JournalWriter::beginHarvest(const QList<HarvestItem> &items, const QJsonObject &options)
{
    const int ticket = ++m_nextTicket;
    JournalWorker *worker = m_worker;
    QMetaObject::invokeMethod(
            m_worker,
            [worker, ticket, items, options] { worker->beginHarvest(ticket, items, options); },
            Qt::QueuedConnection);
    return ticket;
}

int JournalWriter::continueRun(qint64 run)
{
    const int ticket = ++m_nextTicket;
    JournalWorker *worker = m_worker;
    QMetaObject::invokeMethod(
            m_worker, [worker, ticket, run] { worker->continueRun(ticket, run); },
            Qt::QueuedConnection);
    return ticket;
}

void JournalWriter::record(int ticket, const QList<FetchResult> &results, qint64 wallMs)
{
    if (results.isEmpty())
        return;
    JournalWorker *worker = m_worker;
    QMetaObject::invokeMethod(
            m_worker,
            [worker, ticket, results, wallMs] { worker->record(ticket, results, wallMs); },
            Qt::QueuedConnection);
}

void JournalWriter::endRun(int ticket)
{
    JournalWorker *worker = m_worker;
    QMetaObject::invokeMethod(
            m_worker, [worker, ticket] { worker->endRun(ticket); }, Qt::QueuedConnection);
}

void JournalWriter::setRunClosed(qint64 run, bool closed)
{
    JournalWorker *worker = m_worker;
    QMetaObject::invokeMethod(
            m_worker, [worker, run, closed] { worker->setRunClosed(run, closed); },
            Qt::QueuedConnection);
}

void JournalWriter::deleteRun(qint64 run)
{
    JournalWorker *worker = m_worker;
    QMetaObject::invokeMethod(
            m_worker, [worker, run] { worker->deleteRun(run); }, Qt::QueuedConnection);
}

void JournalWriter::requestRuns()
{
    JournalWorker *worker = m_worker;
    QMetaObject::invokeMethod(
            m_worker, [worker] { worker->requestRuns(); }, Qt::QueuedConnection);
}

void JournalWriter::requestJobs(qint64 run)
{
    JournalWorker *worker = m_worker;
    QMetaObject::invokeMethod(
            m_worker, [worker, run] { worker->requestJobs(run); }, Qt::QueuedConnection);
}

void JournalWriter::requestHarvest(qint64 run)
{
    JournalWorker *worker = m_worker;
    QMetaObject::invokeMethod(
            m_worker, [worker, run] { worker->requestHarvest(run); }, Qt::QueuedConnection);
}

bool JournalWriter::waitForIdle(int timeoutMs)
{
    QSemaphore done;
    QMetaObject::invokeMethod(
            m_worker, [&done] { done.release(); }, Qt::QueuedConnection);
    return done.tryAcquire(1, timeoutMs);
}

} // namespace qcrawl

#include "journalwriter.moc"
