#pragma once

#include "fetch/enginethread.h"
#include "fetch/fetchtypes.h"
#include "fetch/runstats.h"

#include <QList>
#include <QObject>
#include <QString>

namespace qcrawl {

struct RunStats;

// One run over the rows of the results table, as the main window sees it: a fetch of the URL
// list (FetchRun), the harvested videos' downloads (DownloadRun), later a crawl. A run does its
// work off the GUI thread and reports what its jobs do as batches of JobEvents whose index is
// the table's row. The window holds one current run and never asks which kind it is.
//
// A run is made with its work, started once and finished once; the next run is a new object.
class Run : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Run)

public:
    ~Run() override;

    // Starts the work given at construction. Returns false when the run was started before.
    virtual bool start() = 0;
    // Stops every job; the run finishes when they have.
    virtual void stop() = 0;
    virtual void cancel(const QList<int> &rows) = 0;
    // Blocks, without user input, until a stopped run has finished (for closing a window).
    // Returns false on timeout.
    virtual bool waitForFinished(int timeoutMs) = 0;
    virtual bool isRunning() const = 0;
    // The run's clock, the one the events' atMs are on: milliseconds since start() while it
    // runs, the run's wall time once it has finished, 0 before it starts.
    virtual qint64 elapsedMs() const = 0;
    // How the results were fetched, as exports name it.
    virtual FetchMode mode() const = 0;
    // The status bar's line when the run has finished, with what the table shows.
    virtual QString summary(const RunStats &stats) const = 0;

Q_SIGNALS:
    void events(const QList<qcrawl::JobEvent> &batch);
    void finished(qint64 wallMs);
    // A line for the status bar: what the run starts doing, that it is stopping.
    void message(const QString &text, int timeoutMs);

protected:
    explicit Run(QObject *parent = nullptr);
};

} // namespace qcrawl
