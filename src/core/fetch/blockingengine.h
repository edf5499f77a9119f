#pragma once

#include "fetch/fetchengine.h"

#include <memory>

#include <QThreadPool>

namespace qcrawl {

// The tutorial's other two ways: a pool of N workers (multiprocessing.dummy.Pool), or one worker
// taking the jobs in order (the plain for loop). Each worker is a QThreadPool thread that fetches
// one job at a time and blocks until it is done, as requests.get() does; it keeps one network
// manager for all its jobs, since a new manager per job halves throughput. Work never runs on the
// engine's own thread, so a GUI stays responsive whichever engine it drives.
class BlockingEngine final : public FetchEngine
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BlockingEngine)

public:
    // FetchMode::Pool uses FetchOptions::threads workers; FetchMode::Serial exactly one.
    BlockingEngine(FetchMode mode, const FetchOptions &options = {}, QObject *parent = nullptr);
    ~BlockingEngine() override; // cancels and waits for the workers

    FetchMode mode() const override { return m_mode; }
    void cancelAll() override;
    void cancel(int index) override;

    int workerCount() const;

protected:
    void startJobs(const QList<FetchJob> &jobs) override;

private:
    struct Run;
    static void work(BlockingEngine *engine, std::shared_ptr<Run> run);

    const FetchMode m_mode;
    QThreadPool m_pool;
    std::shared_ptr<Run> m_run;
};

} // namespace qcrawl
