#pragma once

#include "fetch/enginethread.h"
#include "journal/journalwriter.h"

#include <memory>

#include <QObject>

namespace qcrawl {

// The app's journal (issue: nothing lost when qcrawl or the machine dies): the results table's
// fetch runs recorded through a JournalWriter (its own thread: nothing is written on the GUI
// thread), and the table brought back at the next start. After a run that ended, its rows come
// back as they were (rowsLoaded); after a crash or a close during a run, restoreOffered() lets
// the window ask whether to restore it and fetch what is unfinished.
class SessionJournal final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionJournal)

public:
    explicit SessionJournal(QObject *parent = nullptr);
    ~SessionJournal() override;

    // Opens path (or, when it cannot, says why through message()); with restore, looks at the
    // last run to bring it back.
    void open(const QString &path, bool restore = true);
    void close();
    bool isOpen() const { return m_writer != nullptr; }
    QString path() const { return m_path; }
    JournalWriter *writer() const { return m_writer.get(); }

    // The table's runs: a new list, more results for the table's run (a retry, a restore), the
    // results as the run reports them, and its end. leaveOpen() forgets the run without closing
    // it, as when the window closes during a run: the next start offers to restore it.
    void beginRun(FetchMode mode, const FetchOptions &options, const QList<FetchJob> &jobs);
    void beginHarvest(const QList<HarvestItem> &items); // the table shows harvested videos
    void continueRun();
    void record(const QList<JobEvent> &batch, qint64 elapsedMs);
    void endRun();
    void leaveOpen();
    void forgetTableRun(); // the table shows something else (videos)
    qint64 tableRun() const { return m_tableRun; }

    // Loads a run's rows (rowsLoaded); the table then stands for that run.
    void load(qint64 run, bool toContinue);
    void discard(qint64 run); // marks it closed: no more offers to restore it

Q_SIGNALS:
    void restoreOffered(const qcrawl::JournalRun &run);
    // toContinue: the window should fetch the pending jobs (a restore, History's Continue).
    void rowsLoaded(const qcrawl::JournalRun &run, const QList<qcrawl::JournalJob> &jobs,
                    bool toContinue);
    // The same for a harvest run: its videos, and what their downloads gave.
    void videosLoaded(const qcrawl::JournalRun &run, const QList<qcrawl::HarvestItem> &items,
                      const QList<qcrawl::JournalJob> &jobs, bool toContinue);
    void message(const QString &text);

private:
    void onRunsLoaded(const QList<JournalRun> &runs);
    void onJobsLoaded(qint64 run, const QList<JournalJob> &jobs);
    void onHarvestLoaded(qint64 run, const QList<HarvestItem> &items,
                         const QList<JournalJob> &jobs);
    bool takeLoading(qint64 run, JournalRun *known, bool *toContinue);

    std::unique_ptr<JournalWriter> m_writer;
    QString m_path;
    QHash<qint64, JournalRun> m_runs; // as last loaded
    qint64 m_tableRun = 0; // the run the table's rows belong to; 0: none yet
    int m_ticket = 0; // the current recording, 0 when none
    bool m_lookedAtLastRun = false;
    QHash<qint64, bool> m_loading; // run -> toContinue
};

} // namespace qcrawl
