#include "jobeventbatcher.h"

namespace qcrawl {

JobEventBatcher::JobEventBatcher(QObject *parent)
    : QObject(parent)
{
    connect(&m_timer, &QTimer::timeout, this, &JobEventBatcher::flush);
}

void JobEventBatcher::begin(int intervalMs)
{
    m_intervalMs = intervalMs;
    m_sinceFlush.start();
    m_timer.start(intervalMs);
}

void JobEventBatcher::started(int index, qint64 atMs, const QString &filePath)
{
    JobEvent event { JobEvent::Kind::Started, index, 0, -1, atMs, {} };
    event.result.filePath = filePath;
    m_pending.append(event);
    flushIfDue();
}

void JobEventBatcher::progress(int index, qint64 received, qint64 total, qint64 atMs)
{
    const auto at = m_progressAt.constFind(index);
    if (at != m_progressAt.cend()) {
        JobEvent &event = m_pending[*at];
        event.received = received;
        event.total = total;
        event.atMs = atMs;
    } else {
        m_progressAt.insert(index, int(m_pending.size()));
        m_pending.append({ JobEvent::Kind::Progress, index, received, total, atMs, {} });
    }
    flushIfDue();
}

void JobEventBatcher::finished(const FetchResult &result, qint64 atMs)
{
    m_pending.append({ JobEvent::Kind::Finished, result.index,
                       result.resumedFrom + result.bytesReceived,
                       result.resumedFrom + result.bytesReceived, atMs, result });
    flushIfDue();
}

void JobEventBatcher::end()
{
    flush();
    m_timer.stop();
}

void JobEventBatcher::flushIfDue()
{
    if (m_sinceFlush.elapsed() >= m_intervalMs)
        flush();
}

void JobEventBatcher::flush()
{
    m_sinceFlush.start();
    if (m_pending.isEmpty())
        return;
    emit batchReady(m_pending);
    m_pending.clear();
    m_progressAt.clear();
}

} // namespace qcrawl
