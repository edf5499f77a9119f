#pragma once

#include "fetch/fetchtypes.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QList>
#include <QObject>
#include <QThread>
#include <QTimer>

namespace qcrawl {

// One thing a job did, as the GUI hears about it.
struct JobEvent
{
    enum class Kind { Started, Progress, Finished };
    Kind kind = Kind::Progress;
    int index = 0;
    qint64 received = 0;
    qint64 total = -1;
    qint64 atMs = 0; // on the run's clock
    FetchResult result; // Finished only
};

class EngineWorker;

// Runs a FetchEngine on a thread of its own and hands over what it reports in batches, every
// batchIntervalMs (default 100), so that a GUI thread pays for one queued call per batch instead
// of one per reply: network work never competes with painting, and 10,000 fast replies cost the
// GUI a few dozen model updates. Progress events of one job within a batch collapse into the
// latest. Everything here is called and emitted on the thread that owns the EngineThread.
class EngineThread final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineThread)

public:
    explicit EngineThread(QObject *parent = nullptr);
    ~EngineThread() override; // cancels a run and joins the thread

    void setBatchInterval(int ms) { m_batchIntervalMs = ms; }

    bool start(FetchMode mode, const FetchOptions &options, const QList<FetchJob> &jobs);
    void cancelAll();
    void cancel(int index);
    // Blocks until a canceled run has finished (for closing a window). Returns false on timeout.
    bool waitForFinished(int timeoutMs);

    bool isRunning() const { return m_running; }
    FetchMode mode() const { return m_mode; }
    qint64 elapsedMs() const { return m_clock.isValid() ? m_clock.elapsed() : 0; }

Q_SIGNALS:
    void events(const QList<qcrawl::JobEvent> &batch);
    void finished(qint64 wallMs);

private:
    void onFinished(qint64 wallMs);

    QThread m_thread;
    EngineWorker *m_worker = nullptr; // lives on m_thread
    QElapsedTimer m_clock;
    FetchMode m_mode = FetchMode::Async;
    int m_batchIntervalMs = 100;
    bool m_running = false;
};

// Runs a local event loop (no user input) until `sender` emits `signal` or timeoutMs pass; for
// the threads' waitForFinished() when a window closes.
template<typename Sender, typename Signal>
void waitForSignal(const Sender *sender, Signal signal, int timeoutMs)
{
    QEventLoop loop;
    QObject::connect(sender, signal, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec(QEventLoop::ExcludeUserInputEvents);
}

} // namespace qcrawl

Q_DECLARE_METATYPE(qcrawl::JobEvent)
