#pragma once

// fetch/: fetching a list of URLs. FetchEngine is the one interface of the three engines (async,
// pool, serial); each request is a Transfer (retries, redirects, limits, the body to memory or a
// .part file); JobQueue orders the jobs, EngineThread and JobEventBatcher run an engine off the
// GUI thread, UrlListParser reads what users paste and ResultFormat writes JSONL and CSV.

#include "fetch/fetchtypes.h"

#include <memory>

#include <QElapsedTimer>
#include <QList>
#include <QObject>

class QNetworkAccessManager;

namespace qcrawl {

// The one interface of the three engines (async, pool, serial): start a list of jobs, cancel one
// or all, and hear about each job (started, progress, finished) and the end of the run. Signals
// are always emitted on the engine's thread, whatever threads do the work, and every job gets
// exactly one jobFinished(), canceled ones included. The run's clock starts in start(); the
// times in FetchResult are milliseconds on that clock.
class FetchEngine : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FetchEngine)

public:
    static std::unique_ptr<FetchEngine> create(FetchMode mode, const FetchOptions &options = {});
    ~FetchEngine() override;

    virtual FetchMode mode() const = 0;

    const FetchOptions &options() const { return m_options; }
    // Takes effect at the next start(); returns false (and changes nothing) during a run.
    bool setOptions(const FetchOptions &options);

    // Starts a run. Returns false when a run is already going. Job indexes must be unique
    // within a run. An empty list finishes at once (from the event loop).
    bool start(const QList<FetchJob> &jobs);
    virtual void cancelAll() = 0;
    virtual void cancel(int index) = 0;

    bool isRunning() const { return m_running; }
    int finishedCount() const { return m_finishedCount; }
    qint64 elapsedMs() const { return m_clock.isValid() ? m_clock.elapsed() : 0; }

Q_SIGNALS:
    void jobStarted(int index);
    void jobProgress(int index, qint64 received, qint64 total);
    void jobFinished(const qcrawl::FetchResult &result);
    void finished();

protected:
    explicit FetchEngine(const FetchOptions &options, QObject *parent = nullptr);

    virtual void startJobs(const QList<FetchJob> &jobs) = 0;
    virtual void runFinished() { }

    // Counts the result, emits jobFinished() and, after the last job, finished().
    void reportFinished(const FetchResult &result);
    // A job that never ran (canceled while queued).
    FetchResult canceledResult(const FetchJob &job) const;

    QElapsedTimer m_clock;
    FetchOptions m_options;

private:
    int m_jobCount = 0;
    int m_finishedCount = 0;
    bool m_running = false;
};

// A network manager set up as the options say (transport, TLS, proxy, HTTP version), keeping
// up to maxConnections connections for reuse. Shared by the engines.
std::unique_ptr<QNetworkAccessManager> createNetworkManager(const FetchOptions &options,
                                                            int maxConnections);

// How often an engine's watchdog looks for stalled transfers.
int watchdogIntervalMs(const FetchOptions &options);

} // namespace qcrawl
