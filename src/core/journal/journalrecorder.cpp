#include "journalrecorder.h"

#include "journal/journal.h"

using namespace Qt::StringLiterals;

namespace qcrawl {

JournalRecorder::JournalRecorder(Journal *journal, qint64 run, qint64 wallBaseMs, QObject *parent)
    : QObject(parent)
    , m_journal(journal)
    , m_run(run)
    , m_wallBaseMs(wallBaseMs)
{
    m_clock.start();
    m_timer.setSingleShot(true);
    m_timer.setInterval(100);
    connect(&m_timer, &QTimer::timeout, this, &JournalRecorder::flush);
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
    if (!m_failed) {
        QString error;
        if (!m_journal->recordResults(m_run, batch, wallMs(), &error)) {
            m_failed = true;
            Q_EMIT writeFailed(u"cannot write the journal %1: %2; the run goes on without it"_s.arg(
                    m_journal->path(), error));
        }
    }
    Q_EMIT recorded(batch);
}

} // namespace qcrawl
