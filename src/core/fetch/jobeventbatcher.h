#pragma once

#include "fetch/enginethread.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>

namespace qcrawl {

// Collects what jobs report on a worker thread and hands it over in batches, every
// intervalMs: one queued call per batch instead of one per reply. Progress events of one job
// within a batch collapse into the latest. Lives on the worker thread.
class JobEventBatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobEventBatcher)

public:
    explicit JobEventBatcher(QObject *parent = nullptr);

    void begin(int intervalMs);
    void started(int index, qint64 atMs, const QString &filePath = {});
    void progress(int index, qint64 received, qint64 total, qint64 atMs);
    void finished(const FetchResult &result, qint64 atMs);
    void end(); // flushes and stops the timer

Q_SIGNALS:
    void batchReady(const QList<qcrawl::JobEvent> &batch);

private:
    // A busy transfer can keep this thread's event queue full enough to starve its timers, so
    // batches also go out from the event handlers once they are due.
    void flushIfDue();
    void flush();

    QList<JobEvent> m_pending;
    QHash<int, int> m_progressAt; // index -> its Progress event in m_pending
    QTimer m_timer { this };
    QElapsedTimer m_sinceFlush;
    int m_intervalMs = 100;
};

} // namespace qcrawl
