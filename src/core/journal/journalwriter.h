#pragma once

#include "journal/journal.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QThread>

namespace qcrawl {

class JournalWorker;

// A Journal on a thread of its own, for a GUI: every call returns at once and the work happens
// in order on the writer thread, so that no transaction, fsync or query ever runs on the thread
// that paints. A run is named by the ticket beginRun() or continueRun() returns; its results
// may be recorded before the journal has given the run its id. Answers come back as signals on
// the thread that owns the JournalWriter.
class JournalWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JournalWriter)

public:
    // priority: the writer thread's. A GUI passes IdlePriority (SCHED_IDLE on Linux): on two
    // cores the journal then never takes the CPU from painting (bench W5), and only falls
    // behind, in memory, while the machine has nothing to spare.
    explicit JournalWriter(QThread::Priority priority = QThread::InheritPriority,
                           QObject *parent = nullptr);
    ~JournalWriter() override; // writes what was queued, then closes the journal

    void open(const QString &path); // opened() tells how it went

    int beginRun(const QString &kind, FetchMode mode, const QJsonObject &options,
                 const QList<FetchJob> &jobs);
    // A harvest's videos as a run (kind "harvest"): its items, and as results already those
    // without a media URL. Closed at once: the harvest is over; saving the videos is a
    // continueRun() of it.
    int beginHarvest(const QList<HarvestItem> &items, const QJsonObject &options);
    // Records further results into an existing run (a restored session, a retry of its rows).
    int continueRun(qint64 run);
    // One transaction per call; give it a batch (the engine's 100 ms one).
    void record(int ticket, const QList<FetchResult> &results, qint64 wallMs);
    void endRun(int ticket); // the run ended (not killed): closed in the journal
    void setRunClosed(qint64 run, bool closed);
    void deleteRun(qint64 run); // runsLoaded() follows

    void requestRuns(); // runsLoaded()
    void requestJobs(qint64 run); // jobsLoaded()
    void requestHarvest(qint64 run); // harvestLoaded()

    // Blocks until everything queued so far is done (for tests and for closing). False on timeout.
    bool waitForIdle(int timeoutMs = 30'000);

Q_SIGNALS:
    void opened(qcrawl::Journal::OpenResult result, const QString &message);
    void runStarted(int ticket, qint64 run);
    // After each record(): the results are in the journal (or the journal has failed and said
    // so): what may now be shown.
    void recorded(int ticket, const QList<qcrawl::FetchResult> &results);
    void runsLoaded(const QList<qcrawl::JournalRun> &runs);
    void jobsLoaded(qint64 run, const QList<qcrawl::JournalJob> &jobs);
    void harvestLoaded(qint64 run, const QList<qcrawl::HarvestItem> &items,
                       const QList<qcrawl::JournalJob> &jobs);
    void writeFailed(const QString &message); // once per journal
    void readFailed(const QString &message); // a query failed; the answer that follows is empty

private:
    QThread m_thread;
    JournalWorker *m_worker; // lives on m_thread
    int m_nextTicket = 0;
};

} // namespace qcrawl

Q_DECLARE_METATYPE(qcrawl::JournalRun)
Q_DECLARE_METATYPE(qcrawl::JournalJob)
