#pragma once

#include "fetch/enginethread.h"
#include "run.h"

namespace qcrawl {

// A fetch of the URL list: a FetchEngine in the chosen mode (async, pool, serial) on an
// EngineThread of its own. Job indexes are the table's rows.
class FetchRun final : public Run
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FetchRun)

public:
    FetchRun(FetchMode mode, const FetchOptions &options, const QList<FetchJob> &jobs,
             QObject *parent = nullptr);
    ~FetchRun() override; // cancels what still runs and joins the thread

    bool start() override;
    void stop() override;
    void cancel(const QList<int> &rows) override;
    bool waitForFinished(int timeoutMs) override;
    bool isRunning() const override { return m_thread.isRunning(); }
    qint64 elapsedMs() const override;
    FetchMode mode() const override { return m_mode; }
    QString summary(const RunStats &stats) const override;

private:
    EngineThread m_thread;
    const FetchMode m_mode;
    const FetchOptions m_options;
    QList<FetchJob> m_jobs; // until start()
    qint64 m_wallMs = 0;
    bool m_started = false;
};

} // namespace qcrawl
