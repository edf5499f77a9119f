#include "harvestjournal.h"

#include "console.h"
#include "journal/journal.h"

using namespace Qt::StringLiterals;

namespace qcrawl {

HarvestJournal::HarvestJournal(Journal *journal, qint64 run, const QString &program)
    : m_journal(journal)
    , m_run(run)
    , m_program(program)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(100);
    connect(&m_timer, &QTimer::timeout, this, &HarvestJournal::flushItems);
}

HarvestJournal::~HarvestJournal()
{
    flushItems();
}

void HarvestJournal::failed(const QString &error)
{
    if (m_failed)
        return;
    m_failed = true;
    console::writeErr(m_program
                      + u": cannot write the journal %1: %2; the harvest goes on without it"_s.arg(
                              m_journal->path(), error));
}

void HarvestJournal::itemsFound(const QList<HarvestItem> &items)
{
    QString error;
    if (!m_failed && !m_journal->addItems(m_run, items, &error))
        failed(error);
}

void HarvestJournal::itemFinished(const HarvestItem &item)
{
    m_pendingItems.append(item);
    if (!m_timer.isActive())
        m_timer.start();
}

void HarvestJournal::flushItems()
{
    m_timer.stop();
    if (m_pendingItems.isEmpty())
        return;
    QString error;
    if (!m_failed && !m_journal->recordItems(m_run, std::exchange(m_pendingItems, {}), &error))
        failed(error);
    m_pendingItems.clear();
}

void HarvestJournal::downloadStarted(int index, const QString &filePath)
{
    QString error;
    if (!m_failed && !m_journal->setJobFile(m_run, index, filePath, &error))
        failed(error);
}

void HarvestJournal::downloadFinished(const DownloadResult &result)
{
    flushItems(); // the item's own record first
    QString error;
    if (!m_failed && !m_journal->recordResults(m_run, { toFetchResult(result) }, -1, &error))
        failed(error);
}

void HarvestJournal::close(qint64 wallMs)
{
    flushItems();
    QString error;
    if (!m_failed
        && (!m_journal->addWallTime(m_run, wallMs, &error)
            || !m_journal->setRunClosed(m_run, true, &error)))
        failed(error);
}

FetchResult HarvestJournal::toFetchResult(const DownloadResult &d)
{
    FetchResult r;
    r.index = d.index;
    r.url = d.mediaUrl;
    r.finalUrl = d.finalUrl;
    r.httpStatus = d.httpStatus;
    r.contentType = d.contentType;
    r.bytesReceived = std::max<qint64>(0, d.bytes - d.resumedFrom);
    r.resumedFrom = d.resumedFrom;
    r.error = d.canceled && d.error.isEmpty() ? FetchError(FetchErrorKind::Canceled) : d.error;
    r.canceled = d.canceled;
    r.filePath = d.filePath;
    return r;
}

} // namespace qcrawl
