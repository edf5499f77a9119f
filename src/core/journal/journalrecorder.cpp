#include "journalrecorder.h"

#include "journal/journalwriter.h"

#include <QEventLoop>

namespace qcrawl {

JournalRecorder::JournalRecorder(JournalWriter *writer, int ticket, QObject *parent)
    : QObject(parent)
    , m_writer(writer)
    , m_ticket(ticket)
{
    m_clock.start();
    m_timer.setSingleShot(true);
    m_timer.setInterval(100);
    connect(&m_timer, &QTimer::timeout, this, &JournalRecorder::flush);
    connect(writer, &JournalWriter::recorded, this,
            [this](int ticket, const QList<FetchResult> &results) {
                if (ticket != m_ticket)
                    return;
                m_outstanding -= results.size();
                Q_EMIT recorded(results);
            });
}

void JournalRecorder::add(const FetchResult &result)
{
    m_pending.append(result);
    if (!result.filePath.isEmpty())
        flush();
    else if (!m_timer.isActive())
        m_timer.start();
}

void JournalRecorder::flush()
{
    m_timer.stop();
    if (m_pending.isEmpty())
        return;
    const QList<FetchResult> batch = std::exchange(m_pending, {});
    m_outstanding += batch.size();
    m_writer->record(m_ticket, batch, wallMs());
}

bool JournalRecorder::finish(int timeoutMs)
{
    flush();
    if (m_outstanding == 0)
        return true;
    QEventLoop loop;
    connect(this, &JournalRecorder::recorded, &loop, [this, &loop] {
        if (m_outstanding == 0)
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    return m_outstanding == 0;
}

} // namespace qcrawl
